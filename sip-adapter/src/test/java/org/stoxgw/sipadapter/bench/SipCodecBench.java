package org.stoxgw.sipadapter.bench;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.WireMessages;

/**
 * The SIP adapter's per-message conversions without sockets or transactions: a MESSAGE as received
 * (bytes) parsed by JAIN-SIP and turned into the neutral model, the 202 built and encoded, a neutral
 * MESSAGE built into a JAIN-SIP request with its Via and encoded, a 200 parsed.
 * Run: {@code ./mvnw -B -Pjmh -pl sip-adapter -am verify -DskipTests}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SipCodecBench {
    static final String BODY = "LOAD 1 12345 123456789012345 Neither, fair saint, if either thee dislike.";
    static final String MESSAGE = "MESSAGE sip:r3@xmpp.example.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-ld1-12345;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:u7@sip.example.test>;tag=ld12345\r\n"
            + "To: <sip:r3@xmpp.example.test>\r\n"
            + "Call-ID: ld1-12345@192.0.2.10\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY;
    static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-stx1a2b3c4d;rport=5060;received=192.0.2.1\r\n"
            + "From: <sip:juliet@xmpp.example.test>;tag=g1\r\n"
            + "To: <sip:romeo@sip.example.test>;tag=sink\r\n"
            + "Call-ID: a84b4c76e66710@gw.example.test\r\n"
            + "CSeq: 17 MESSAGE\r\n"
            + "Server: sink\r\nContent-Length: 0\r\n\r\n";

    byte[] message;
    byte[] ok;
    StringMsgParser parser;
    WireMessages wire;
    SIPRequest parsed;
    SipRequest neutral;

    @Setup
    public void setup() throws Exception {
        message = MESSAGE.getBytes(StandardCharsets.UTF_8);
        ok = OK.getBytes(StandardCharsets.UTF_8);
        parser = new StringMsgParser();
        wire = new WireMessages();
        parsed = (SIPRequest) parser.parseSIPMessage(message, true, false, null);
        neutral = NeutralMessages.request(parsed);
    }

    /** A received MESSAGE: JAIN-SIP parse. */
    @Benchmark
    public Object parseMessage() throws Exception {
        return parser.parseSIPMessage(message, true, false, null);
    }

    /** A received MESSAGE: JAIN-SIP parse and the neutral model the core gets. */
    @Benchmark
    public Object parseMessageToNeutral() throws Exception {
        return NeutralMessages.request((SIPRequest) parser.parseSIPMessage(message, true, false, null));
    }

    /** The 202 to a received MESSAGE: built from the request (To tag) and encoded. */
    @Benchmark
    public byte[] acceptedResponse() throws Exception {
        SIPResponse r = wire.response(parsed, SipResponse.of(202, "Accepted"), "gwtag1");
        return r.encodeAsBytes("UDP");
    }

    /** A MESSAGE the core sends: neutral model to JAIN-SIP request (every value parsed), Via, encoded. */
    @Benchmark
    public byte[] buildAndEncodeMessage() throws Exception {
        SIPRequest r = wire.request(neutral, 70);
        Via via = (Via) wire.header("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-stx1a2b3c4d;rport");
        r.setHeader(via);
        return r.encodeAsBytes("UDP");
    }

    /** The 200 to a MESSAGE the gateway sent: JAIN-SIP parse and the neutral response. */
    @Benchmark
    public Object parseOkToNeutral() throws Exception {
        return NeutralMessages.response((SIPResponse) parser.parseSIPMessage(ok, true, false, null));
    }
}
