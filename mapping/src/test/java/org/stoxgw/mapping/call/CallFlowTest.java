package org.stoxgw.mapping.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.JxmppContext;
import org.stoxgw.mapping.jingle.JingleAction;
import org.stoxgw.mapping.jingle.JingleIq;
import org.stoxgw.mapping.jingle.JingleProviders;
import org.stoxgw.mapping.jingle.JingleReason;
import org.stoxgw.mapping.jingle.RawUdpTransport;
import org.stoxgw.mapping.jingle.RtpInfo;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.SdpParser;

/** The draft's call flow (§12, V2) and its reverse, step by step through the pure functions the call path uses. */
class CallFlowTest {
    static {
        JingleProviders.register();
    }

    static final String F1 = org.stoxgw.mapping.jingle.JingleStanzas.V2_F1.replaceFirst("<iq ", "<iq xmlns='jabber:client' ");

    static final String F10_SDP = "v=0\r\no=romeo 2890844527 2890844527 IN IP4 client.example.net\r\ns=-\r\n"
            + "c=IN IP4 192.0.2.201\r\nt=0 0\r\nm=audio 3456 RTP/AVP 97\r\na=rtpmap:97 speex/8000\r\n";

    private static JingleIq parse(String xml) throws Exception {
        return (JingleIq) PacketParserUtils.parseStanza(PacketParserUtils.getParserFor(xml), XmlEnvironment.EMPTY,
                JxmppContext.getDefaultContext());
    }

    private static String xml(JingleIq iq) {
        return iq.toXML(new XmlEnvironment("jabber:client")).toString();
    }

    @Test
    @DisplayName("V2 J2S: F1 session-initiate -> F3 INVITE (corrected SDP, Call-ID from the sid, CUSAX hint); 180 -> ringing; F10 200 -> F11 session-accept; F15 BYE -> F17 terminate success (MEDIA-05, MEDIA-08, MEDIA-11, AMB-V07, AMB-V16)")
    void j2s() throws Exception {
        JingleIq f1 = parse(F1);
        assertEquals(JingleAction.SESSION_INITIATE, f1.action());
        CallTranslation.Sdp invite = CallTranslation.sipOffer(f1.contents(), f1.groups(), f1.initiator(), 2890844526L,
                "client.example.com");
        assertTrue(invite.ok());
        assertEquals(String.join("\r\n", List.of("v=0", "o=juliet 2890844526 2890844526 IN IP4 client.example.com", "s=-",
                "c=IN IP4 192.0.2.101", "t=0 0", "m=audio 49172 RTP/AVP 96 97 18", "a=mid:this-is-the-audio-content",
                "a=sendrecv", "a=rtpmap:96 speex/16000", "a=rtpmap:97 speex/8000", "a=rtpmap:18 G729/8000", "")), invite.body());
        assertEquals("a73sjjvkla37jfea@client.example.com", CallCorrelation.callId(f1.sid(), "client.example.com"));
        assertEquals("<xmpp:juliet@example.com>;purpose=impp", CallCorrelation.callInfo("juliet@example.com"));

        Forks<String> forks = new Forks<>();
        assertEquals(Forks.Action.FORWARD_RINGING, forks.provisional(180, "9fxced76sl", null));
        JingleIq ringing = new JingleIq(StanzaBuilder.buildIqData("r1").ofType(IQ.Type.set), JingleAction.SESSION_INFO,
                f1.sid(), null, null, List.of(), List.of(), List.of(RtpInfo.of(RtpInfo.Kind.RINGING)), null);
        assertTrue(xml(ringing).contains("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='a73sjjvkla37jfea'>"
                + "<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/></jingle>"), xml(ringing));

        assertEquals(Forks.Action.ACCEPT, forks.success("9fxced76sl"));
        CallTranslation.Jingle accept = CallTranslation.jingleAnswer(invite.model(), F10_SDP, true);
        assertTrue(accept.ok(), () -> accept.refusal().toString());
        JingleIq f11 = new JingleIq(StanzaBuilder.buildIqData("a1").ofType(IQ.Type.set), JingleAction.SESSION_ACCEPT, f1.sid(),
                null, "romeo@example.net/v3rsch1kk3l1jk", accept.contents(), accept.groups(), List.of(), null);
        JingleIq back = parse(xml(f11));
        assertEquals("this-is-the-audio-content", back.contents().get(0).name());
        assertEquals(Role.INITIATOR, back.contents().get(0).creator());
        RawUdpTransport t = (RawUdpTransport) back.contents().get(0).transport();
        assertEquals("192.0.2.201", t.candidates().get(0).ip(), "the callee's address, not the caller's (AMB-V16 F11)");
        assertEquals(3456, t.candidates().get(0).port());

        assertEquals(SipToJingle.Step.TERMINATE_SUCCESS, SipToJingle.step("BYE", true, false, null, false, false));
        JingleIq f17 = new JingleIq(StanzaBuilder.buildIqData("rv301b47").ofType(IQ.Type.set), JingleAction.SESSION_TERMINATE,
                f1.sid(), null, null, List.of(), List.of(), List.of(), JingleReason.of(JingleReason.Condition.SUCCESS));
        assertTrue(xml(f17).contains("action='session-terminate' sid='a73sjjvkla37jfea'><reason><success/></reason></jingle>"), xml(f17));
    }

    @Test
    @DisplayName("J2S refusal: a WebRTC offer answered by a plain RTP phone without anchoring ends with unsupported-transports -> BYE (MEDIA-01, AMB-V06)")
    void j2sIncompatible() throws Exception {
        String webrtc = F1.replaceAll("(?s)<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>.*?</transport>",
                "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='pppppppppppppppppppppp'>"
                + "<candidate component='1' foundation='1' generation='0' id='c1' ip='192.0.2.101' port='49172' priority='1' protocol='udp' type='host'/>"
                + "</transport>");
        JingleIq f1 = parse(webrtc);
        CallTranslation.Sdp invite = CallTranslation.sipOffer(f1.contents(), f1.groups(), f1.initiator(), 1, "gw.example");
        assertTrue(invite.body().contains("a=ice-ufrag:u"));
        CallTranslation.Jingle r = CallTranslation.jingleAnswer(invite.model(), F10_SDP, true);
        assertEquals(JingleReason.Condition.UNSUPPORTED_TRANSPORTS, r.refusal().condition());
        assertTrue(CallTranslation.jingleAnswer(invite.model(), F10_SDP, false).ok(), "anchored: the media engine bridges them");
        assertEquals(488, CallReasons.sipStatus(r.refusal().condition()));
    }

    @Test
    @DisplayName("V8: the printed transport-info becomes the printed RFC 8840 INFO body, and an INFO body becomes a transport-info (MEDIA-12, MEDIA-16, MEDIA-17)")
    void v8() throws Exception {
        JingleIq ti = parse("""
                <iq xmlns='jabber:client' from='romeo@montague.lit/orchard' id='kl23fs71' to='juliet@capulet.lit/balcony' type='set'>
                  <jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='a73sjjvkla37jfea'>
                    <content creator='initiator' name='this-is-the-audio-content'>
                      <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='asd88fgpdd777uzjYhagZg' ufrag='8hhy'>
                        <candidate component='1' foundation='2' generation='0' id='y3s2b30v3r' ip='192.0.2.3' port='45664' priority='1694498815' protocol='udp' rel-addr='10.0.1.1' rel-port='8998' type='srflx'/>
                      </transport>
                    </content>
                  </jingle>
                </iq>""");
        org.stoxgw.mapping.jingle.JingleContent c = ti.contents().get(0);
        String body = TrickleFragments.write(List.of(new TrickleFragments.Part(c.name(),
                org.stoxgw.mapping.jingle.JingleMedia.transport(c), false)));
        assertEquals("a=ice-pwd:asd88fgpdd777uzjYhagZg\r\na=ice-ufrag:8hhy\r\nm=audio 9 RTP/AVP 0\r\n"
                + "a=mid:this-is-the-audio-content\r\n"
                + "a=candidate:2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998\r\n", body);
        TrickleFragments.Part p = TrickleFragments.parse(body).get(0);
        org.stoxgw.mapping.jingle.JingleContent back = org.stoxgw.mapping.jingle.JingleMedia.transportInfo(Role.INITIATOR, p.mid(),
                p.transport(), 1);
        org.stoxgw.mapping.jingle.IceUdpTransport t = (org.stoxgw.mapping.jingle.IceUdpTransport) back.transport();
        assertEquals("8hhy", t.ufrag());
        assertEquals(1, t.candidates().get(0).generation());
        assertTrue(t.candidates().get(0).id() != null);
    }

    @Test
    @DisplayName("RTP-06: encryption the Jingle caller required, answered by SIP without crypto, ends with security-error + crypto-required (488)")
    void cryptoRequired() throws Exception {
        JingleIq f1 = parse(F1.replace("</description>", "<encryption required='1'><crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' "
                + "key-params='inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32' tag='1'/></encryption></description>"));
        CallTranslation.Sdp invite = CallTranslation.sipOffer(f1.contents(), f1.groups(), f1.initiator(), 1, "gw.example");
        assertTrue(invite.body().contains("RTP/SAVP"));
        CallTranslation.Jingle r = CallTranslation.jingleAnswer(invite.model(), F10_SDP, false);
        assertEquals(JingleReason.Condition.SECURITY_ERROR, r.refusal().condition());
        String xml = r.refusal().reason().toXML(new XmlEnvironment("urn:xmpp:jingle:1")).toString();
        assertTrue(xml.contains("<security-error/>") && xml.contains("<crypto-required xmlns='urn:xmpp:jingle:apps:rtp:errors:1'/>"), xml);
        assertEquals(488, CallReasons.sipStatus(r.refusal().condition()));
    }

    @Test
    @DisplayName("S2J: a baresip offer -> session-initiate contents (telephone-event events 0-15, MEDIA-29); the callee's session-accept -> the 200's SDP answer, one m-line per offered one (MEDIA-05, RTP-04)")
    void s2j() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                + "m=audio 10000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"
                + "m=video 10002 RTP/AVP 31\r\n";
        CallTranslation.Jingle init = CallTranslation.jingleOffer(offer);
        assertTrue(init.ok());
        assertEquals(2, init.contents().size());
        JingleIq si = new JingleIq(StanzaBuilder.buildIqData("s1").ofType(IQ.Type.set), JingleAction.SESSION_INITIATE,
                CallCorrelation.sid("c1@192.0.2.10", "t1"), "bob\\40sip.example@gw.example/sip", null, init.contents(), init.groups(), List.of(), null);
        String x = xml(si);
        assertTrue(x.contains("<parameter name='events' value='0-15'/>"), x);

        // the Jingle callee accepts audio only
        JingleIq acceptIq = parse(x.replace("action='session-initiate'", "action='session-accept'")
                .replaceAll("<content creator='initiator' name='video1'>.*?</content>", "")
                .replace("ip='192.0.2.10' port='10000'", "ip='198.51.100.5' port='20000'"));
        assertEquals(1, acceptIq.contents().size());
        CallTranslation.Sdp answer = CallTranslation.sipAnswer(init.model(), acceptIq.contents(), acceptIq.groups(),
                "alice@xmpp.example/phone", 7, "gw.example");
        assertTrue(answer.ok());
        var parsed = SdpParser.parse(answer.body(), Role.RESPONDER).orElseThrow();
        assertEquals(2, parsed.contents().size(), "every offered m-line is answered (RFC 3264 §6)");
        assertEquals(20000, parsed.contents().get(0).connection().port());
        assertEquals("198.51.100.5", parsed.contents().get(0).connection().ip());
        assertTrue(parsed.contents().get(1).rejected(), "the video the callee left out: port 0");
        assertTrue(answer.body().startsWith("v=0\r\no=alice 7 7 IN IP4 gw.example\r\n"));
        assertFalse(answer.body().contains("a=candidate"));
    }
}
