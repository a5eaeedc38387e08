package org.stoxgw.core.bench;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressPolicy;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.message.ContentPolicy;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.SipToXmppMessage;
import org.stoxgw.mapping.message.XmppToSipMessage;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.WireMessages;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.stream.StreamLimits;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/**
 * A message through every conversion of the gateway, without sockets, transactions, sessions or threads
 * (what the whole-gateway load test adds on top is I/O, the SIP transaction layer and hand-offs):
 * <ul>
 *   <li>SIP MESSAGE → stanza: the datagram's bytes parsed by JAIN-SIP, the neutral model, the RFC 7572
 *       translation, the stanza written as it goes on the S2S stream;</li>
 *   <li>stanza → SIP MESSAGE: the stanza's bytes framed on an open S2S stream, the Smack stanza from the
 *       decoder's events, the translation, the JAIN-SIP request with Via, encoded for UDP.</li>
 * </ul>
 * Run: {@code ./mvnw -B verify -DskipTests -Djmh=gateway-core -pl gateway-core -am}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessageConversionBench {
    static final int BATCH = 100;
    static final String TEXT = "LOAD 1 12345 123456789012345 Neither, fair saint, if either thee dislike.";
    static final String SIP = "MESSAGE sip:r3@xmpp.example.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-ld1-12345;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:u7@sip.example.test>;tag=ld12345\r\n"
            + "To: <sip:r3@xmpp.example.test>\r\n"
            + "Call-ID: ld1-12345@192.0.2.10\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: " + TEXT.length() + "\r\n\r\n" + TEXT;
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
            + "from='xmpp.example.test' to='sip.example.test' version='1.0'>";
    static final String STANZA = "<message from='juliet@xmpp.example.test/balcony' to='romeo@sip.example.test' "
            + "type='chat' id='ld12345'><body>" + TEXT + "</body></message>";

    AddressMapper addresses;
    SipToXmppMessage.Options s2x;
    XmppToSipMessage.Options x2s;
    XmppToSipMessage.Identifiers ids;
    StringMsgParser parser;
    WireMessages wire;
    byte[] sip;
    byte[] stanzas;
    EmbeddedChannel channel;
    final AtomicLong counter = new AtomicLong();

    @Setup
    public void setup() {
        StanzaCodec.initialise();
        addresses = new AddressMapper(AddressPolicy.of(List.of(new DomainPair("sip.example.test", "sip.example.test")),
                List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")),
                List.of(new DomainPair("gw.example.test", "gw.example.test"))));
        s2x = new SipToXmppMessage.Options(ContentPolicy.ALL, PayloadLimits.DEFAULT);
        x2s = new XmppToSipMessage.Options(ContentPolicy.ALL, 60);
        ids = new XmppToSipMessage.Identifiers() {
            @Override
            public String newTag() {
                return "t" + counter.incrementAndGet();
            }

            @Override
            public String newCallId() {
                return "c" + counter.incrementAndGet() + "@gw.example.test";
            }

            @Override
            public long nextCSeq() {
                return counter.incrementAndGet() & 0x7fffffff;
            }

            @Override
            public String newUnique() {
                return Long.toHexString(counter.incrementAndGet());
            }
        };
        parser = new StringMsgParser();
        wire = new WireMessages();
        sip = SIP.getBytes(StandardCharsets.UTF_8);
        stanzas = STANZA.repeat(BATCH).getBytes(StandardCharsets.UTF_8);
        channel = new EmbeddedChannel(new XmppStreamDecoder(new StreamLimits(262_144, 64, 64)));
        channel.writeInbound(Unpooled.wrappedBuffer(HEADER.getBytes(StandardCharsets.UTF_8)));
        channel.readInbound();
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** SIP MESSAGE bytes to the stanza's text on the S2S stream. */
    @Benchmark
    public String sipMessageToStanza() throws Exception {
        SIPRequest r = (SIPRequest) parser.parseSIPMessage(sip, true, false, null);
        SipToXmppMessage.Result t = SipToXmppMessage.translate(NeutralMessages.request(r), addresses,
                Long.toString(counter.incrementAndGet(), 36), s2x);
        return StanzaCodec.serialize(((SipToXmppMessage.Translated) t).stanza());
    }

    /** Stanza bytes on the S2S stream to the SIP MESSAGE's bytes for UDP (per stanza, in batches). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void stanzaToSipMessage(Blackhole bh) throws Exception {
        channel.writeInbound(Unpooled.wrappedBuffer(stanzas));
        Object o;
        while ((o = channel.readInbound()) != null) {
            Message m = (Message) StanzaCodec.parse(((XmlFrame) o).events());
            XmppToSipMessage.Result t = XmppToSipMessage.translate(m, addresses, UserSpellings.NONE, x2s, ids, Instant.EPOCH);
            SIPRequest r = wire.request(((XmppToSipMessage.Translated) t).request(), 70);
            r.setHeader((Via) wire.header("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-stx" + counter.incrementAndGet()
                    + ";rport"));
            bh.consume(r.encodeAsBytes("UDP"));
        }
    }
}
