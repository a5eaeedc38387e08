package org.stoxgw.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Fault injection (issue 9): Prosody is killed (SIGKILL, as in a crash) in the middle of a flow of
 * SIP MESSAGEs from SIPp to juliet@xmpp.test, and restarted 12 s later (300 messages at 10/s). Whatever happens to
 * each message, its SIP sender gets exactly one final answer: 202 once Prosody took it (AMB-M01), or
 * an error (408 when the XMPP side did not take it in time, the mapped error of a bounce). Every
 * message answered 202 reached juliet, unless its error came after the answer and was counted as a
 * late error; and the counts of SIPp, the Traffic, SipAdapter and XmppLinks MBeans agree.
 */
class ProsodyRestartE2eTest {
    private static final Logger log = LoggerFactory.getLogger(ProsodyRestartE2eTest.class);
    static final String SIPP_IP = TestNet.address(9);
    static final int CALLS = 300; // 30 s at RATE: outlasts the 12 s outage, Prosody's restart and a login on a slow machine
    static final int RATE = 10;

    final Path work = Path.of("target", "e2e", "fault-prosody").toAbsolutePath();

    @Test
    @DisplayName("CORE-08: Prosody killed and restarted during a SIP -> XMPP flow: every message delivered or its sender "
            + "told, nothing unaccounted (SIPp, Traffic, SipAdapter, XmppLinks agree)")
    void prosodyKilledAndRestarted() throws Exception {
        Peers.require("sipp", "sip-tester");
        try (Federation world = Federation.start(work, gw -> gw.hocon("""
                gateway.xmpp.timeouts { delivery = 10s, ack = 5s, reconnect-min = 200ms, reconnect-max = 1s }
                """), "juliet")) {
            GatewayUnderTest gw = world.gateway();
            ScriptedXmppClient first = world.login("juliet", true);
            world.warmUp(first);
            SippFlow flow;
            ScriptedXmppClient second;
            try (Sipp uac = Sipp.scenario("uac-message-flow", work).local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP))
                    .remote(gw.ip(), gw.sipPort()).transport("tcp").service("juliet")
                    .key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                    .key("from_domain", GatewayUnderTest.SIP_DOMAIN).calls(CALLS, RATE).start()) {
                awaitMessages(first, 30);
                world.prosody().kill();
                // longer than gateway.messages.answer-timeout (10 s): the first messages of the outage get
                // 408, the later ones wait in the link's queue for the restart
                Thread.sleep(12_000);
                world.prosody().restart();
                second = world.login("juliet", true);
                assertTrue(uac.isRunning(), "the flow ended before juliet was back online; raise CALLS");
                uac.awaitExit(Duration.ofSeconds(120));
                flow = SippFlow.read(uac.messageTrace());
            }
            awaitXmppDrained(gw);
            Map<String, Long> s2x = gw.assertBalanced(Direction.SIP_TO_XMPP);

            assertEquals(CALLS, flow.sent().size(), "SIPp sent the whole flow");
            assertEquals(0, flow.count(0), "every MESSAGE got a final answer: " + flow.byStatus());
            assertEquals(CALLS, s2x.get("received"));
            assertEquals(flow.count(202), s2x.get("delivered"), "Traffic delivered = SIPp's 202s");
            assertEquals(flow.errors(), s2x.get("failed") + s2x.get("rejected"), "Traffic failed+rejected = SIPp's errors");
            for (Map.Entry<Integer, Integer> e : flow.byStatus().entrySet()) {
                // the adapter counts a response once its send returned, which may be after SIPp has it; and
                // JAIN-SIP may report a response over TCP as not sent although it was written, when SIPp closes
                // its connection at once after its last answer (counted in ResponsesNotSent)
                long atSipp = e.getValue();
                long counted = awaitCount(atSipp, () -> gw.counter("SipAdapter", "ResponsesSent", String.valueOf(e.getKey())));
                long notSent = gw.counter("SipAdapter", "ResponsesNotSent");
                assertTrue(counted <= atSipp && atSipp - counted <= notSent, "SipAdapter responses " + e.getKey() + ": "
                        + counted + " counted sent, " + notSent + " reported not sent, SIPp has " + atSipp);
            }
            long xmppDelivered = gw.counter("XmppLinks", "Delivered");
            long xmppBounced = gw.counter("XmppLinks", "Bounced");
            assertEquals(s2x.get("received") - s2x.get("rejected"), xmppDelivered + xmppBounced,
                    "every stanza handed to the XMPP side ended once, delivered or bounced");

            Set<String> atJuliet = new HashSet<>();
            first.messages().forEach(m -> atJuliet.add(String.valueOf(m.body()).trim()));
            second.messages().forEach(m -> atJuliet.add(String.valueOf(m.body()).trim()));
            Set<String> lost = new TreeSet<>(flow.bodiesAnswered(202));
            lost.removeAll(atJuliet);
            long late = s2x.get("late_error");
            assertTrue(lost.size() <= late, "answered 202 but never at juliet, and no late error to account for it: " + lost);

            long resent = gw.counter("XmppLinks", "Resent");
            log.info("FAULT prosody-restart: sent={} answers={} traffic={} xmppDelivered={} xmppBounced={} resent={} "
                    + "atJuliet={} lateErrors={}", CALLS, flow.byStatus(), s2x, xmppDelivered, xmppBounced, resent,
                    atJuliet.size(), late);
            assertTrue(first.messages().size() < CALLS && !second.messages().isEmpty(), "the crash was in the middle of the flow");
            assertTrue(flow.count(408) > 0, "an outage longer than the answer timeout gives some senders 408: " + flow.byStatus());
        }
    }

    /** The counter's value once it reached {@code expected}, or after 10 s. */
    static long awaitCount(long expected, java.util.function.LongSupplier counter) {
        Eventually.holds(() -> counter.getAsLong() == expected, Duration.ofSeconds(10));
        return counter.getAsLong();
    }

    /** Waits until the client has {@code n} messages (the flow is running). */
    static void awaitMessages(ScriptedXmppClient c, int n) {
        assertTrue(Eventually.holds(() -> c.messages().size() >= n, Duration.ofSeconds(60)),
                "the flow did not start: " + c.messages().size() + " messages");
    }

    /** Waits until no stanza is queued or unconfirmed on any XMPP link (every send has its outcome). */
    static void awaitXmppDrained(GatewayUnderTest gw) {
        assertTrue(Eventually.holds(() -> gw.counter("XmppLinks", "Queued") == 0, Duration.ofSeconds(60)),
                gw.counter("XmppLinks", "Queued") + " stanzas still queued");
    }
}
