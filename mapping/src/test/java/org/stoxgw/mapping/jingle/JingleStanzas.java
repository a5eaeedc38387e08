package org.stoxgw.mapping.jingle;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.stoxgw.mapping.payload.TestStanzas;

/** Test helpers: Jingle stanzas parsed with our providers registered, and written back. */
public final class JingleStanzas {
    static {
        JingleProviders.register();
    }

    private JingleStanzas() {
    }

    static JingleIq iq(String xml) {
        Stanza s = TestStanzas.parse(xml);
        if (!(s instanceof JingleIq j)) {
            throw new AssertionError("not parsed as JingleIq: " + s.getClass());
        }
        return j;
    }

    static Stanza stanza(String xml) {
        return TestStanzas.parse(xml);
    }

    static String xml(Stanza s) {
        return s.toXML(new XmlEnvironment("jabber:client")).toString();
    }

    /** Parses the written form again (round trip). */
    static JingleIq again(JingleIq j) {
        return iq(xml(j));
    }

    static final String V1 = """
            <iq from='romeo@example.net/v3rsch1kk3l1jk' id='ne91v36s' to='juliet@example.com/t3hr0zny' type='set'>
              <jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='romeo@example.net/v3rsch1kk3l1jk' sid='a73sjjvkla37jfea'>
                <content creator='initiator' media='audio' name='this-is-the-audio-content' senders='both'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='101' name='opus' clockrate='48000'/>
                    <payload-type id='18' name='G729'/>
                    <payload-type channels='2' clockrate='16000' id='103' name='L16'/>
                    <payload-type id='98' name='x-ISAC' clockrate='8000'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>
                    <candidate id='v3c18fgg' ip='10.1.1.104' port='13540' generation='0' component='1'/>
                  </transport>
                </content>
              </jingle>
            </iq>""";

    /** V2 F1 (draft ex. 4, its duplicated {@code from} corrected). */
    public static final String V2_F1 = """
            <iq from='juliet@example.com/t3hr0zny' id='hu2s61f4' to='romeo@example.net/v3rsch1kk3l1jk' type='set'>
              <jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='juliet@example.com/t3hr0zny' sid='a73sjjvkla37jfea'>
                <content creator='initiator' media='audio' name='this-is-the-audio-content'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='96' name='speex' clockrate='16000'/>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>
                    <candidate component='1' generation='0' id='u3gscv289p' ip='192.0.2.101' port='49172'/>
                  </transport>
                </content>
              </jingle>
            </iq>""";

    /** A Conversations-style WebRTC session-initiate: ICE-UDP, DTLS, rtcp-fb, hdrext, ssma, BUNDLE group. */
    static final String WEBRTC = """
            <iq from='alice@xmpp.example/phone' id='w1' to='bob@sip.example/gw' type='set'>
              <jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='alice@xmpp.example/phone' sid='s1'>
                <content creator='initiator' name='0' senders='both'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='111' name='opus' clockrate='48000' channels='2'>
                      <parameter name='minptime' value='10'/>
                      <parameter name='useinbandfec' value='1'/>
                      <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/>
                    </payload-type>
                    <payload-type id='126' name='telephone-event' clockrate='8000'/>
                    <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:ietf:params:rtp-hdrext:ssrc-audio-level'/>
                    <extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>
                    <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1001'>
                      <parameter name='cname' value='abcd'/>
                      <parameter name='msid' value='stream track0'/>
                    </source>
                    <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>
                      <source ssrc='1001'/>
                      <source ssrc='1002'/>
                    </ssrc-group>
                    <rtcp-mux/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='asd88fgpdd777uzjYhagZg' ufrag='8hhy'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2</fingerprint>
                    <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1' network='1' port='8998' priority='2130706431' protocol='udp' type='host'/>
                    <candidate component='1' foundation='2' generation='0' id='y3s2b30v3r' ip='192.0.2.3' network='1' port='45664' priority='1694498815' protocol='udp' rel-addr='10.0.1.1' rel-port='8998' type='srflx'/>
                  </transport>
                </content>
                <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>
                  <content name='0'/>
                </group>
              </jingle>
            </iq>""";
}
