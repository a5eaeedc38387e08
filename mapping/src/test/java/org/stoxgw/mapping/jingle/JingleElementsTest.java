package org.stoxgw.mapping.jingle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.Fingerprint;
import org.stoxgw.mapping.media.Parameter;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.RtcpFeedback;
import org.stoxgw.mapping.media.Senders;

class JingleElementsTest {
    static {
        JingleProviders.register();
    }

    @Test
    @DisplayName("V1: session-initiate with RTP description and Raw UDP parses to typed elements (RTP-01, RTP-02, RAW-01, JNG-06, JNG-07)")
    void v1() {
        JingleIq j = JingleStanzas.iq(JingleStanzas.V1);
        assertEquals(JingleAction.SESSION_INITIATE, j.action());
        assertEquals("a73sjjvkla37jfea", j.sid());
        assertEquals("romeo@example.net/v3rsch1kk3l1jk", j.initiator());
        JingleContent c = j.contents().get(0);
        assertEquals(Role.INITIATOR, c.creator());
        assertEquals(Senders.BOTH, c.senders());
        RtpDescription d = assertInstanceOf(RtpDescription.class, c.description());
        assertEquals(List.of(101, 18, 103, 98), d.codecs().stream().map(k -> k.id()).toList());
        assertEquals(2, d.codecs().get(2).channels());
        RawUdpTransport t = assertInstanceOf(RawUdpTransport.class, c.transport());
        assertEquals(Candidate.raw(1, "10.1.1.104", 13540, 0, "v3c18fgg"), t.candidates().get(0));
    }

    @Test
    @DisplayName("A WebRTC session-initiate: ICE-UDP, DTLS fingerprint, rtcp-fb, rtp-hdrext, ssma sources, BUNDLE group survive a round trip (ICE-01, DTLS-01, AMB-V02)")
    void webrtcRoundTrip() {
        JingleIq j = JingleStanzas.iq(JingleStanzas.WEBRTC);
        RtpDescription d = (RtpDescription) j.contents().get(0).description();
        assertEquals(List.of(new Parameter("minptime", "10"), new Parameter("useinbandfec", "1")), d.codecs().get(0).parameters());
        assertEquals(List.of(new RtcpFeedback("transport-cc", "")), d.codecs().get(0).feedback());
        assertTrue(d.rtcpMux());
        assertTrue(d.extmapAllowMixed());
        assertEquals(1001L, d.sources().get(0).ssrc());
        assertEquals(List.of(1001L, 1002L), d.sourceGroups().get(0).ssrcs());
        IceUdpTransport t = (IceUdpTransport) j.contents().get(0).transport();
        assertEquals("8hhy", t.ufrag());
        assertEquals(Fingerprint.Setup.ACTPASS, t.fingerprints().get(0).setup());
        assertEquals(1, t.candidates().get(1).network());
        assertEquals(List.of(new JingleGroup("BUNDLE", List.of("0"))), j.groups());
        JingleIq back = JingleStanzas.again(j);
        assertEquals(j.contents(), back.contents());
        assertEquals(j.groups(), back.groups());
        assertFalse(t.toString().contains("asd88"), "the ICE password is not logged");
    }

    @Test
    @DisplayName("V3: session-info <hold/> and content-modify parse; an unknown session-info payload is kept for <unsupported-info/> (RTP-07, JNG-09)")
    void sessionInfo() {
        JingleIq hold = JingleStanzas.iq("""
                <iq from='juliet@capulet.lit/balcony' id='xv39z423' to='romeo@montague.lit/orchard' type='set'>
                  <jingle xmlns='urn:xmpp:jingle:1' action='session-info' initiator='romeo@montague.lit/orchard' sid='a73sjjvkla37jfea'>
                    <hold xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>
                  </jingle>
                </iq>""");
        assertEquals(List.of(RtpInfo.of(RtpInfo.Kind.HOLD)), hold.payloads());
        JingleIq modify = JingleStanzas.iq("""
                <iq from='juliet@capulet.lit/balcony' id='hz73n2l9' to='romeo@montague.lit/orchard' type='set'>
                  <jingle xmlns='urn:xmpp:jingle:1' action='content-modify' initiator='romeo@montague.lit/orchard' sid='a73sjjvkla37jfea'>
                    <content creator='initiator' media='audio' name='this-is-the-audio-content' senders='responder'/>
                  </jingle>
                </iq>""");
        assertEquals(Senders.RESPONDER, modify.contents().get(0).senders());
        assertNull(modify.contents().get(0).description());
        JingleIq unknown = JingleStanzas.iq("""
                <iq from='a@b.example/r' id='u1' to='c@d.example/r' type='set'>
                  <jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'><foo xmlns='urn:example:foo'/></jingle>
                </iq>""");
        assertInstanceOf(StandardExtensionElement.class, unknown.payloads().get(0));
        JingleIq ping = JingleStanzas.iq("<iq from='a@b.example/r' id='p' to='c@d.example/r' type='set'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'/></iq>");
        assertTrue(ping.payloads().isEmpty(), "an empty session-info is a ping (JNG-09)");
    }

    @Test
    @DisplayName("An unknown action parses with action null so the gateway can answer <bad-request/> (JNG-05)")
    void unknownAction() {
        JingleIq j = JingleStanzas.iq("<iq from='a@b.example/r' id='x' to='c@d.example/r' type='set'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='session-dance' sid='s'/></iq>");
        assertNull(j.action());
        assertEquals("session-dance", j.actionXml());
    }

    @ParameterizedTest(name = "malformed: {0}")
    @ValueSource(strings = {
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate'/>",
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'/></jingle>",
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='me' name='a'/></jingle>",
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator' name='a' senders='all'/></jingle>",
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator' name='a'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='96'/></description></content></jingle>",
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator' name='a'>"
                    + "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'><candidate ip='1.2.3.4' port='5'/></transport></content></jingle>",
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator' name='a'>"
                    + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'><candidate component='1' foundation='1' "
                    + "generation='0' id='i' ip='1.2.3.4' port='99999' priority='1' protocol='udp' type='host'/></transport></content></jingle>",
    })
    @DisplayName("Missing REQUIRED attributes or bad values are refused, to be answered <bad-request/> (JNG-02, JNG-07, JNG-08, RTP-02, RAW-01)")
    void malformed(String jingle) {
        String xml = "<iq xmlns='jabber:client' from='a@b.example/r' id='x' to='c@d.example/r' type='set'>" + jingle + "</iq>";
        assertThrows(Exception.class, () -> org.jivesoftware.smack.util.PacketParserUtils.parseStanza(
                org.jivesoftware.smack.util.PacketParserUtils.getParserFor(xml),
                org.jivesoftware.smack.packet.XmlEnvironment.EMPTY, org.jxmpp.JxmppContext.getDefaultContext()));
    }

    @Test
    @DisplayName("The draft's namespace typos are read as the XEP namespaces (AMB-V01)")
    void typos() {
        JingleIq j = JingleStanzas.iq(JingleStanzas.V1.replace("urn:xmpp:jingle:apps:rtp:1", JingleNamespaces.RTP_TYPO)
                .replace("urn:xmpp:jingle:transports:raw-udp:1", JingleNamespaces.RAW_UDP_TYPO));
        assertInstanceOf(RtpDescription.class, j.contents().get(0).description());
        assertInstanceOf(RawUdpTransport.class, j.contents().get(0).transport());
        assertTrue(JingleStanzas.xml(j).contains("urn:xmpp:jingle:apps:rtp:1"), "written with the XEP namespace");
    }

    @Test
    @DisplayName("session-terminate with reason and text round-trips (JNG-04, V12); the RTP error condition is kept (RTP-06)")
    void reason() {
        JingleIq j = JingleStanzas.iq("""
                <iq from='romeo@example.net/v3rsch1kk3l1jk' to='juliet@example.com/t3hr0zny' type='set' id='t1'>
                  <jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='a73sjjvkla37jfea'>
                    <reason><security-error/><text>no crypto</text><crypto-required xmlns='urn:xmpp:jingle:apps:rtp:errors:1'/></reason>
                  </jingle>
                </iq>""");
        assertEquals(new JingleReason(JingleReason.Condition.SECURITY_ERROR, "no crypto", null, "crypto-required"), j.reason());
        assertEquals(j.reason(), JingleStanzas.again(j).reason());
    }

    @Test
    @DisplayName("IQ errors carry the Jingle condition: out-of-order, tie-break, unknown-session, unsupported-info (JNG-10, JNG-09, JNG-11)")
    void errors() {
        JingleIq req = JingleStanzas.iq(JingleStanzas.V1);
        String ooo = JingleStanzas.xml(JingleErrors.error(req, JingleErrors.Kind.OUT_OF_ORDER));
        assertTrue(ooo.contains("type='error'") && ooo.contains("id='ne91v36s'") && ooo.contains("to='romeo@example.net/v3rsch1kk3l1jk'"), ooo);
        assertTrue(ooo.contains("<unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"), ooo);
        assertTrue(ooo.contains("<out-of-order xmlns='urn:xmpp:jingle:errors:1'/>"), ooo);
        assertTrue(JingleStanzas.xml(JingleErrors.error(req, JingleErrors.Kind.TIE_BREAK)).contains("<tie-break xmlns='urn:xmpp:jingle:errors:1'/>"));
        assertTrue(JingleStanzas.xml(JingleErrors.error(req, JingleErrors.Kind.UNKNOWN_SESSION)).contains("<item-not-found"));
        assertTrue(JingleStanzas.xml(JingleErrors.error(req, JingleErrors.Kind.UNSUPPORTED_INFO)).contains("<unsupported-info xmlns='urn:xmpp:jingle:errors:1'/>"));
        assertFalse(JingleStanzas.xml(JingleErrors.error(req, JingleErrors.Kind.BAD_REQUEST)).contains("jingle:errors"));
    }

    @Test
    @DisplayName("Disco features: Jingle RTP, ICE-UDP, Raw UDP, DTLS, JMI; never urn:ietf:rfc:3264 (MEDIA-06, ICE-03 by AMB-V05, DTLS-01)")
    void features() {
        assertFalse(JingleFeatures.FEATURES.contains("urn:ietf:rfc:3264"));
        assertTrue(JingleFeatures.FEATURES.containsAll(List.of(JingleNamespaces.RTP, JingleNamespaces.ICE_UDP,
                JingleNamespaces.RAW_UDP, JingleNamespaces.DTLS, JingleNamespaces.JMI)));
    }

    @Test
    @DisplayName("XEP-0353 propose/accept/reject parse and write (AMB-V09)")
    void jmi() {
        Message m = (Message) JingleStanzas.stanza("""
                <message from='alice@xmpp.example/phone' to='bob@sip.example' id='m1' type='chat'>
                  <propose xmlns='urn:xmpp:jingle-message:0' id='s1'>
                    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>
                  </propose>
                </message>""");
        JingleMessage p = (JingleMessage) m.getExtension(new javax.xml.namespace.QName(JingleNamespaces.JMI, JingleMessage.Kind.PROPOSE.xml()));
        assertEquals(new JingleMessage(JingleMessage.Kind.PROPOSE, "s1", List.of("audio"), null), p);
        JingleMessage reject = new JingleMessage(JingleMessage.Kind.REJECT, "s1", List.of(), JingleReason.of(JingleReason.Condition.BUSY));
        String xml = reject.toXML(org.jivesoftware.smack.packet.XmlEnvironment.EMPTY).toString();
        assertTrue(xml.startsWith("<reject xmlns='urn:xmpp:jingle-message:0' id='s1'>"), xml);
        assertTrue(xml.contains("<reason xmlns='urn:xmpp:jingle:1'><busy/></reason>"), xml);
    }
}
