package org.stoxgw.core.messages;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.routing.FakeSipPort;
import org.stoxgw.core.routing.FakeXmppPort;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * Not a test: the message path's own CPU per message (translation, session, timers, counting; the
 * adapters are fakes that answer at once, so wire parsing and writing are not included). Runs only
 * with {@code -Dstoxgw.measure=true}; prints process CPU time per message. Timing belongs in
 * benchmarks, never in assertions.
 */
@EnabledIfSystemProperty(named = "stoxgw.measure", matches = "true")
class MessagePathMeasurement {
    static final int N = Integer.getInteger("stoxgw.measure.messages", 200_000);

    @Test
    void cpuPerMessage() throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Engine engine = new Engine(2, 1_000_000);
        try {
            MessageSettings d = MessageSettings.DEFAULTS;
            MessageSettings s = new MessageSettings(Duration.ZERO, d.answerTimeout(), d.maxBodySize(), d.maxRequestSize(),
                    d.maxXmlDepth(), d.maxCpimHeaders(), true, true, true, true, d.composingRefresh(), 10_000);
            MessagePath p = new MessagePath(new RoutingContext(engine, new Traffic(),
                    new FakeSipPort().answerQuietly(SipResponse.of(200, "OK")), new FakeXmppPort().autoSendQuietly(),
                    MessagePathTest.ADDRESSES, null), s);
            SipRequest r = new SipRequest("MESSAGE", "sip:juliet@xmpp.example.test",
                    NameAddress.parse("<sip:romeo@sip.example.test>;tag=a73kszlfl"), NameAddress.of("sip:juliet@xmpp.example.test"),
                    "a84b4c76e66710@pc33.sip.example.test", 1, SipHeaders.of("Contact", "<sip:romeo@192.0.2.4:5060>"),
                    SipBody.text("text/plain", "Neither, fair saint, if either thee dislike."));
            Message m = MessagePathTest.stanza("<message from='juliet@xmpp.example.test/balcony' to='romeo@sip.example.test' "
                    + "id='k2n7x' type='chat'><body>Art thou not Romeo, and a Montague?</body></message>");
            InboundStanza in = new InboundStanza(m, "xmpp.example.test", "sip.example.test");
            for (String dir : List.of("warm-up", "SIP -> XMPP", "XMPP -> SIP")) {
                long cpu0 = os.getProcessCpuTime();
                for (int i = 0; i < N; i++) {
                    if (!dir.equals("XMPP -> SIP")) {
                        p.onRequest(new FakeInboundRequest(r));
                    }
                    if (!dir.equals("SIP -> XMPP")) {
                        p.onStanza(in);
                    }
                    if (i % 1000 == 0) {
                        engine.awaitDrained(Duration.ofSeconds(30));
                    }
                }
                engine.awaitDrained(Duration.ofSeconds(30));
                long cpu = os.getProcessCpuTime() - cpu0;
                System.out.printf("message path %s: %.1f us CPU per message (%d messages)%n", dir, cpu / 1000.0 / N, N);
            }
        } finally {
            engine.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }
}
