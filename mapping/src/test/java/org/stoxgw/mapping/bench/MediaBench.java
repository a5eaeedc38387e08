package org.stoxgw.mapping.bench;

import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.JxmppContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stoxgw.mapping.call.CallTranslation;
import org.stoxgw.mapping.jingle.JingleIq;
import org.stoxgw.mapping.jingle.JingleProviders;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.SdpParser;
import org.stoxgw.mapping.media.SdpWriter;

/**
 * The media translation steps of a call set-up (CALL-02): a WebRTC-style SDP offer parsed and written,
 * a WebRTC-style Jingle session-initiate parsed by Smack with our providers and turned into the INVITE's
 * SDP. Run: {@code ./mvnw -B verify -DskipTests -Djmh=mapping -pl mapping -am -Djmh.args="MediaBench"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MediaBench {
    static final String SDP = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE 0", "a=ice-ufrag:EsAw", "a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y",
            "a=fingerprint:sha-256 02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2",
            "a=setup:actpass", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 126", "c=IN IP4 0.0.0.0", "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=sendrecv", "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc", "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:0 PCMU/8000", "a=rtpmap:126 telephone-event/8000", "a=ssrc:1001 cname:abcd",
            "a=candidate:1 1 udp 2130706431 10.0.1.1 8998 typ host generation 0",
            "a=candidate:2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998 generation 0", "");

    static final String JINGLE = "<iq xmlns='jabber:client' from='alice@xmpp.example/phone' id='w1' to='bob@sip.example/gw' type='set'>"
            + "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='alice@xmpp.example/phone' sid='s1'>"
            + "<content creator='initiator' name='0' senders='both'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
            + "<payload-type id='111' name='opus' clockrate='48000' channels='2'><parameter name='minptime' value='10'/>"
            + "<parameter name='useinbandfec' value='1'/><rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/></payload-type>"
            + "<payload-type id='0' name='PCMU' clockrate='8000'/><payload-type id='126' name='telephone-event' clockrate='8000'/>"
            + "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:ietf:params:rtp-hdrext:ssrc-audio-level'/>"
            + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1001'><parameter name='cname' value='abcd'/></source>"
            + "<rtcp-mux/></description><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='asd88fgpdd777uzjYhagZg' ufrag='8hhy'>"
            + "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2</fingerprint>"
            + "<candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1' network='1' port='8998' priority='2130706431' protocol='udp' type='host'/>"
            + "<candidate component='1' foundation='2' generation='0' id='y3s2b30v3r' ip='192.0.2.3' network='1' port='45664' priority='1694498815' protocol='udp' rel-addr='10.0.1.1' rel-port='8998' type='srflx'/>"
            + "</transport></content><group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='0'/></group></jingle></iq>";

    private MediaSession model;

    @Setup
    public void setup() {
        System.setProperty("javax.xml.stream.XMLInputFactory", "com.sun.xml.internal.stream.XMLInputFactoryImpl");
        JingleProviders.register();
        model = SdpParser.parse(SDP, Role.INITIATOR).orElseThrow();
    }

    @Benchmark
    public MediaSession sdpParse() {
        return SdpParser.parse(SDP, Role.INITIATOR).orElseThrow();
    }

    @Benchmark
    public String sdpWrite() {
        return SdpWriter.write(model, Role.INITIATOR);
    }

    /** Jingle XML → Smack stanza (our providers) → model → INVITE SDP: the J2S offer step. */
    @Benchmark
    public String jingleToSdp() throws Exception {
        JingleIq iq = (JingleIq) PacketParserUtils.parseStanza(PacketParserUtils.getParserFor(JINGLE), XmlEnvironment.EMPTY,
                JxmppContext.getDefaultContext());
        return CallTranslation.sipOffer(iq.contents(), iq.groups(), iq.initiator(), 1, "gw.example").body();
    }

    /** SDP → model → Jingle contents: the S2J offer step (without writing XML). */
    @Benchmark
    public Object sdpToJingle() {
        return CallTranslation.jingleOffer(SDP).contents();
    }
}
