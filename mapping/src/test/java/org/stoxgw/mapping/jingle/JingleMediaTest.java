package org.stoxgw.mapping.jingle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.MediaContent;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.OfferAnswer;
import org.stoxgw.mapping.media.Profiles;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.SdpParser;
import org.stoxgw.mapping.media.SdpWriter;
import org.stoxgw.mapping.media.Senders;

class JingleMediaTest {

    private static MediaSession model(JingleIq j) {
        JingleMedia.Result r = JingleMedia.toModel(j.contents(), j.groups(),
                JingleMedia.origin(j.initiator(), 2890844526L, 2890844526L, "client.example.com"));
        assertTrue(r.ok(), () -> String.valueOf(r.refusal()));
        return r.session();
    }

    private static String sdp(String jingleXml) {
        return SdpWriter.write(model(JingleStanzas.iq(jingleXml)), Role.INITIATOR);
    }

    private static List<String> lines(String sdp) {
        return List.of(sdp.split("\r\n"));
    }

    @Test
    @DisplayName("V1: Jingle structure to SDP: o= user = initiator localpart, fmt order = XML order, c=/m= from the raw-udp candidate, G729 rate filled, opus/48000/2 (MEDIA-08, MEDIA-13, MEDIA-14, MEDIA-26, RTP-04, RTP-05)")
    void v1() {
        List<String> l = lines(sdp(JingleStanzas.V1));
        assertEquals("v=0", l.get(0));
        assertEquals("o=romeo 2890844526 2890844526 IN IP4 client.example.com", l.get(1));
        assertEquals("s=-", l.get(2));
        assertEquals("c=IN IP4 10.1.1.104", l.get(3));
        assertEquals("t=0 0", l.get(4));
        assertTrue(l.contains("m=audio 13540 RTP/AVP 101 18 103 98"), l::toString);
        for (String want : List.of("a=rtpmap:101 opus/48000/2", "a=rtpmap:18 G729/8000", "a=rtpmap:103 L16/16000/2",
                "a=rtpmap:98 x-ISAC/8000", "a=sendrecv")) {
            assertTrue(l.contains(want), want + " in " + l);
        }
        assertFalse(l.stream().anyMatch(s -> s.startsWith("a=candidate") || s.startsWith("a=ice-")), "Raw UDP has no ICE lines");
    }

    @Test
    @DisplayName("V2 F1 -> F3 corrected: the INVITE's SDP has o=juliet, fmt order 96 97 18, speex spelled right, rtpmap with clock rates (MEDIA-05, AMB-V16)")
    void v2Offer() {
        List<String> l = lines(sdp(JingleStanzas.V2_F1));
        assertEquals("o=juliet 2890844526 2890844526 IN IP4 client.example.com", l.get(1));
        assertEquals("c=IN IP4 192.0.2.101", l.get(3));
        assertTrue(l.contains("m=audio 49172 RTP/AVP 96 97 18"));
        assertTrue(l.containsAll(List.of("a=rtpmap:96 speex/16000", "a=rtpmap:97 speex/8000", "a=rtpmap:18 G729/8000")));
    }

    @Test
    @DisplayName("V2 F11 corrected: the 200 OK's SDP answer becomes session-accept content with the offer's creator/name and the callee's address (MEDIA-14, RAW-01, AMB-V16)")
    void v2Answer() {
        MediaSession offer = model(JingleStanzas.iq(JingleStanzas.V2_F1));
        MediaSession answer = SdpParser.parse("""
                v=0\r
                o=romeo 2890844527 2890844527 IN IP4 client.example.net\r
                s=-\r
                c=IN IP4 192.0.2.201\r
                t=0 0\r
                m=audio 3456 RTP/AVP 97\r
                a=rtpmap:97 speex/8000\r
                """, Role.RESPONDER).orElseThrow();
        JingleMedia.Offer accept = JingleMedia.toJingle(OfferAnswer.align(offer, answer), 0);
        JingleContent c = accept.contents().get(0);
        assertEquals(Role.INITIATOR, c.creator());
        assertEquals("this-is-the-audio-content", c.name());
        RtpDescription d = (RtpDescription) c.description();
        assertEquals(List.of(97), d.codecs().stream().map(k -> k.id()).toList(), "payload list = the answer's m-line");
        RawUdpTransport t = assertInstanceOf(RawUdpTransport.class, c.transport());
        Candidate rtp = t.candidates().get(0);
        assertEquals(1, rtp.component());
        assertEquals("192.0.2.201", rtp.ip());
        assertEquals(3456, rtp.port());
        assertEquals(0, rtp.generation());
        assertEquals(3457, t.candidates().get(1).port(), "RTCP at port+1 (RAW-01: RTP + RTCP)");
        JingleIq iq = new JingleIq(StanzaBuilder.buildIqData("a1").ofType(IQ.Type.set), JingleAction.SESSION_ACCEPT,
                "a73sjjvkla37jfea", null, "romeo@example.net/v3rsch1kk3l1jk", accept.contents(), accept.groups(), List.of(), null);
        String xml = JingleStanzas.xml(iq);
        assertTrue(xml.contains("<candidate component='1' generation='0' id='m1rtp' ip='192.0.2.201' port='3456'/>"), xml);
        assertEquals(accept.contents(), JingleStanzas.again(iq).contents());
    }

    @Test
    @DisplayName("V4 F4-F7, F10: payload types to SDP: ptime, fmtp joined by \"; \", static CN without rtpmap need, dynamic speex with rtpmap (RTP-03, RTP-04, MEDIA-27)")
    void v4ToSdp() {
        String base = "<iq from='a@b.example/r' id='x' to='c@d.example/r' type='set'><jingle xmlns='urn:xmpp:jingle:1' "
                + "action='session-initiate' initiator='a@b.example/r' sid='s'><content creator='initiator' name='c'>"
                + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='%s'>%s</description>"
                + "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'><candidate component='1' generation='0' id='i' ip='192.0.2.1' port='%s'/></transport>"
                + "</content></jingle></iq>";
        List<String> f4 = lines(sdp(String.format(base, "audio", "<payload-type id='96' name='speex' clockrate='16000' ptime='40'>"
                + "<parameter name='vbr' value='on'/><parameter name='cng' value='on'/></payload-type>", "9999")));
        assertTrue(f4.containsAll(List.of("m=audio 9999 RTP/AVP 96", "a=rtpmap:96 speex/16000", "a=ptime:40", "a=fmtp:96 vbr=on; cng=on")), f4::toString);
        List<String> f5 = lines(sdp(String.format(base, "video", "<payload-type id='98' name='theora' clockrate='90000'>"
                + "<parameter name='height' value='600'/><parameter name='width' value='800'/><parameter name='delivery-method' value='inline'/>"
                + "<parameter name='configuration' value='somebase16string'/><parameter name='sampling' value='YCbCr-4:2:2'/></payload-type>", "49170")));
        assertTrue(f5.containsAll(List.of("m=video 49170 RTP/AVP 98", "a=rtpmap:98 theora/90000")), f5::toString);
        String fmtp = f5.stream().filter(s -> s.startsWith("a=fmtp:98 ")).findFirst().orElseThrow();
        Set<String> pairs = new HashSet<>(List.of(fmtp.substring(10).split("; ")));
        assertEquals(Set.of("sampling=YCbCr-4:2:2", "width=800", "height=600", "delivery-method=inline", "configuration=somebase16string"), pairs);
        List<String> f6 = lines(sdp(String.format(base, "audio", "<payload-type id='13' name='CN'/>", "9999")));
        assertTrue(f6.contains("m=audio 9999 RTP/AVP 13"));
        List<String> f7 = lines(sdp(String.format(base, "audio", "<payload-type id='96' name='speex' clockrate='16000'/>", "9999")));
        assertTrue(f7.containsAll(List.of("m=audio 9999 RTP/AVP 96", "a=rtpmap:96 speex/16000")));
        List<String> f10 = lines(sdp(String.format(base, "audio", "<payload-type id='111' name='x-foo' clockrate='8000'>"
                + "<parameter name='a' value='1'/><parameter name='b' value='2'/></payload-type>", "9999")));
        assertTrue(f10.contains("a=fmtp:111 a=1; b=2"), f10::toString);
    }

    @Test
    @DisplayName("V5: <encryption><crypto/> gives one a=crypto line and profile RTP/SAVP (RTP-05, RTP-06, MEDIA-36)")
    void v5() {
        String xml = JingleStanzas.V2_F1.replace("</description>", """
                <encryption required='1'>
                  <crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32' session-params='KDR=1 UNENCRYPTED_SRTCP' tag='1'/>
                </encryption></description>""");
        List<String> l = lines(sdp(xml));
        assertTrue(l.contains("m=audio 49172 RTP/SAVP 96 97 18"), l::toString);
        assertTrue(l.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP"));
        assertTrue(model(JingleStanzas.iq(xml)).contents().get(0).cryptoRequired());
    }

    @Test
    @DisplayName("V6: XEP-0320 fingerprint to a=fingerprint + a=setup and back (DTLS-01, AMB-V10: UDP/TLS/RTP/SAVPF)")
    void v6() {
        List<String> l = lines(sdp(JingleStanzas.WEBRTC));
        assertTrue(l.contains("a=fingerprint:sha-256 02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2"));
        assertTrue(l.contains("a=setup:actpass"));
        assertTrue(l.stream().anyMatch(s -> s.startsWith("m=audio 45664 UDP/TLS/RTP/SAVPF ")), l::toString);
        MediaSession answer = SdpParser.parse(String.join("\r\n", List.of("v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-",
                "c=IN IP4 192.0.2.9", "t=0 0", "m=audio 4000 UDP/TLS/RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2",
                "a=setup:active", "a=fingerprint:sha-256 BD:E8:21:66", "a=ice-ufrag:ab", "a=ice-pwd:cdefghijklmnopqrstuvwx",
                "a=candidate:x1 1 udp 100 192.0.2.9 4000 typ host", "")), Role.RESPONDER).orElseThrow();
        JingleContent c = JingleMedia.toJingle(answer, 0).contents().get(0);
        String xml = ((IceUdpTransport) c.transport()).toXML(org.jivesoftware.smack.packet.XmlEnvironment.EMPTY).toString();
        assertTrue(xml.contains("<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>BD:E8:21:66</fingerprint>"), xml);
    }

    @Test
    @DisplayName("V7: ICE candidates to SDP: ufrag/pwd, candidate lines with generation, no network or id; srflx is the default c=/m= (ICE-01, MEDIA-18, AMB-V06)")
    void v7() {
        List<String> l = lines(sdp(JingleStanzas.WEBRTC));
        assertTrue(l.containsAll(List.of("a=ice-ufrag:8hhy", "a=ice-pwd:asd88fgpdd777uzjYhagZg",
                "a=candidate:1 1 udp 2130706431 10.0.1.1 8998 typ host generation 0",
                "a=candidate:2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998 generation 0")), l::toString);
        assertEquals("c=IN IP4 192.0.2.3", l.get(3));
        assertFalse(String.join("\n", l).contains("network"));
        assertTrue(l.contains("a=group:BUNDLE 0"));
        assertTrue(l.contains("a=rtcp-mux"));
    }

    @Test
    @DisplayName("V7 reverse: SDP candidates get generated ids unique within the generation and the session's generation; foundations pass through (MEDIA-15 via AMB-V04, MEDIA-16, MEDIA-17)")
    void v7Reverse() {
        MediaSession s = SdpParser.parse(String.join("\r\n", List.of("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.3",
                "t=0 0", "m=audio 45664 RTP/AVP 0", "a=ice-ufrag:8hhy", "a=ice-pwd:asd88fgpdd777uzjYhagZg",
                "a=candidate:Ha0/+b 1 udp 2130706431 10.0.1.1 8998 typ host",
                "a=candidate:Sx2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998", "")),
                Role.INITIATOR).orElseThrow();
        for (int generation : new int[] {0, 1}) {
            IceUdpTransport t = (IceUdpTransport) JingleMedia.toJingle(s, generation).contents().get(0).transport();
            assertEquals(List.of("Ha0/+b", "Sx2"), t.candidates().stream().map(Candidate::foundation).toList());
            assertEquals(2, t.candidates().stream().map(Candidate::id).distinct().count());
            assertTrue(t.candidates().stream().allMatch(k -> k.generation() == generation && k.id() != null));
        }
    }

    @Test
    @DisplayName("An ICE content offered before its credentials and candidates writes no ice lines and the 0.0.0.0:9 placeholder (MEDIA-04: gather first)")
    void iceWithoutCandidatesYet() {
        String xml = JingleStanzas.V2_F1.replaceAll("(?s)<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>.*?</transport>",
                "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>");
        List<String> l = lines(sdp(xml));
        assertTrue(l.contains("c=IN IP4 0.0.0.0") && l.contains("m=audio 9 RTP/AVP 96 97 18"), l::toString);
        assertFalse(String.join("\n", l).contains("null"));
    }

    @Test
    @DisplayName("V14: a content without senders is a=sendrecv (MEDIA-09); senders=initiator in the initiator's SDP is sendonly (§2.3)")
    void v14() {
        String xml = JingleStanzas.V2_F1;
        assertTrue(lines(sdp(xml)).contains("a=sendrecv"));
        assertTrue(lines(sdp(xml.replace("name='this-is-the-audio-content'>", "name='this-is-the-audio-content' senders='initiator'>")))
                .contains("a=sendonly"));
    }

    @Test
    @DisplayName("Another application or transport is refused with unsupported-applications / unsupported-transports (JNG-03, JNG-04, MEDIA-01)")
    void refusals() {
        JingleIq ft = JingleStanzas.iq(JingleStanzas.V2_F1.replace("urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:file-transfer:5"));
        JingleMedia.Result r = JingleMedia.toModel(ft.contents(), ft.groups(), JingleMedia.origin(null, 1, 1, "h"));
        assertEquals(JingleReason.Condition.UNSUPPORTED_APPLICATIONS, r.refusal().condition());
        JingleIq ibb = JingleStanzas.iq(JingleStanzas.V2_F1.replace("urn:xmpp:jingle:transports:raw-udp:1", "urn:xmpp:jingle:transports:ibb:1"));
        r = JingleMedia.toModel(ibb.contents(), ibb.groups(), JingleMedia.origin(null, 1, 1, "h"));
        assertEquals(JingleReason.Condition.UNSUPPORTED_TRANSPORTS, r.refusal().condition());
        assertNull(r.session());
    }

    @Test
    @DisplayName("Jingle -> model -> SDP -> model -> Jingle keeps the WebRTC description (the two translators meet only in the model, CALL-01)")
    void throughSdp() {
        JingleIq j = JingleStanzas.iq(JingleStanzas.WEBRTC);
        MediaSession m = model(j);
        MediaSession back = SdpParser.parse(SdpWriter.write(m, Role.INITIATOR), Role.INITIATOR).orElseThrow();
        MediaContent c = back.contents().get(0);
        assertEquals(Profiles.DTLS_SAVPF, c.profile());
        assertEquals(Senders.BOTH, c.senders());
        JingleContent jc = JingleMedia.toJingle(back, 0).contents().get(0);
        RtpDescription before = (RtpDescription) j.contents().get(0).description();
        RtpDescription after = (RtpDescription) jc.description();
        assertEquals(before.codecs().get(0), after.codecs().get(0));
        assertEquals(before.sources(), after.sources());
        assertEquals(before.sourceGroups(), after.sourceGroups());
        assertEquals(before.headerExtensions(), after.headerExtensions());
        assertEquals(((IceUdpTransport) j.contents().get(0).transport()).fingerprints(), ((IceUdpTransport) jc.transport()).fingerprints());
    }
}
