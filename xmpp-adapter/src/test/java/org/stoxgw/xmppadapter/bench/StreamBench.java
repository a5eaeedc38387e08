package org.stoxgw.xmppadapter.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.stream.StreamLimits;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/**
 * XMPP stream framing and the stanza model, per stanza: {@value #BATCH} chat messages arrive in one
 * read on an open S2S stream and are framed by the decoder (Aalto, limits, re-serialisation and the
 * recorded events); then also turned into Smack stanzas from those events (the adapter's path), or, for
 * comparison, by parsing the frame text again with the JDK's StAX (the former path); and a stanza written.
 * Run: {@code ./mvnw -B -Pjmh -pl xmpp-adapter -am verify -DskipTests}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamBench {
    static final int BATCH = 100;
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
            + "from='xmpp.example.test' to='sip.example.test' version='1.0'>";
    static final String STANZA = "<message from='juliet@xmpp.example.test/balcony' to='romeo@sip.example.test' "
            + "type='chat' id='ld12345'><body>LOAD 1 12345 123456789012345 Neither, fair saint, if either thee "
            + "dislike.</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>";

    EmbeddedChannel channel;
    byte[] batch;
    Message message;

    @Setup
    public void setup() throws Exception {
        StanzaCodec.initialise();
        channel = new EmbeddedChannel(new XmppStreamDecoder(new StreamLimits(262_144, 64, 64)));
        channel.writeInbound(Unpooled.wrappedBuffer(HEADER.getBytes(StandardCharsets.UTF_8)));
        channel.readInbound();
        batch = STANZA.repeat(BATCH).getBytes(StandardCharsets.UTF_8);
        message = (Message) StanzaCodec.parse(STANZA.replaceFirst("<message ", "<message xmlns='jabber:client' "));
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void feed() {
        ByteBuf b = Unpooled.wrappedBuffer(batch);
        channel.writeInbound(b);
    }

    /** Framing only: bytes to frames. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void framing(Blackhole bh) {
        feed();
        Object o;
        while ((o = channel.readInbound()) != null) {
            bh.consume(o);
        }
    }

    /** Framing and the Smack stanza built from the recorded events (the adapter's inbound path). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void framingAndStanza(Blackhole bh) throws Exception {
        feed();
        Object o;
        while ((o = channel.readInbound()) != null) {
            bh.consume(StanzaCodec.parse(((XmlFrame) o).events()));
        }
    }

    /** Framing and the Smack stanza parsed again from the frame text (the former path, for comparison). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void framingAndStanzaReparsed(Blackhole bh) throws Exception {
        feed();
        Object o;
        while ((o = channel.readInbound()) != null) {
            bh.consume(StanzaCodec.parse(((XmlFrame) o).xml()));
        }
    }

    /** A Smack message written as it goes on an S2S stream. */
    @Benchmark
    public String serialize() {
        return StanzaCodec.serialize(message);
    }
}
