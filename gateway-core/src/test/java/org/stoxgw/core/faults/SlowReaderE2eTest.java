package org.stoxgw.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.TcpProxy;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Fault injection (issue 9): the XMPP server reads the gateway's S2S stream slowly (a relay in front
 * of Prosody that passes 2 kB/s) while SIPp sends faster than that. Backpressure: the outbound link
 * never holds more than {@code limits.queue-per-link} stanzas; senders over it get an error at once,
 * the others their answer when the XMPP side confirms or the answer timeout passes; the heap comes
 * back to where it was; the other direction (Prosody to SIP, not slowed) is served meanwhile; and all
 * counts agree.
 */
class SlowReaderE2eTest {
    private static final Logger log = LoggerFactory.getLogger(SlowReaderE2eTest.class);
    static final String SIPP_IP = TestNet.address(12);
    static final String PROXY_IP = TestNet.address(13);
    static final int CALLS = 300;
    static final int RATE = 30;
    static final int QUEUE = 50;

    final Path work = Path.of("target", "e2e", "fault-slow-reader").toAbsolutePath();

    @Test
    @DisplayName("CORE-08: a slow-reading XMPP server: the link queue stays within queue-per-link, senders over it get "
            + "an error at once, every message answered, heap flat, the other direction served, counts agree")
    void slowReader() throws Exception {
        Peers.require("sipp", "sip-tester");
        int uasPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (TcpProxy relay = new TcpProxy(PROXY_IP, new InetSocketAddress(TestNet.address(2), ProsodyPeer.S2S_PORT));
             Federation world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + uasPort)
                     .hocon("""
                             gateway.xmpp.routes."xmpp.test" = "%s:%d"
                             gateway.xmpp.limits.queue-per-link = %d
                             gateway.xmpp.timeouts { delivery = 10s, ack = 5s, reconnect-min = 200ms, reconnect-max = 1s }
                             """.formatted(PROXY_IP, relay.port(), QUEUE)), "juliet")) {
            GatewayUnderTest gw = world.gateway();
            ScriptedXmppClient juliet = world.login("juliet", false);
            world.warmUp(juliet);
            long heapBefore = usedHeapAfterGc();
            relay.throttleUpstream(2000);

            AtomicLong maxQueued = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    maxQueued.accumulateAndGet(gw.counter("XmppLinks", "Queued"), Math::max);
                    sleep(20);
                }
            }, "queue-sampler");
            sampler.start();
            SippFlow flow;
            try (Sipp uas = Sipp.scenario("uas-message", work).local(SIPP_IP, uasPort).transport("udp").calls(1, 0).start();
                 Sipp uac = Sipp.scenario("uac-message-flow", work).local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP))
                         .remote(gw.ip(), gw.sipPort()).transport("tcp").service("juliet")
                         .key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                         .key("from_domain", GatewayUnderTest.SIP_DOMAIN).calls(CALLS, RATE).start()) {
                // the other direction does not pass the slow relay and is served meanwhile
                juliet.message("romeo@" + GatewayUnderTest.SIP_DOMAIN).id("back-1").type("chat").body("still there?").send();
                assertEquals(0, uas.awaitExit(Duration.ofSeconds(60)), uas.report());
                uac.awaitExit(Duration.ofSeconds(180));
                flow = SippFlow.read(uac.messageTrace());
            } finally {
                sampling.set(false);
                sampler.join();
            }
            relay.throttleUpstream(0);
            ProsodyRestartE2eTest.awaitXmppDrained(gw);
            Map<String, Long> s2x = gw.assertBalanced(Direction.SIP_TO_XMPP);
            Map<String, Long> x2s = gw.assertBalanced(Direction.XMPP_TO_SIP);
            long heapAfter = usedHeapAfterGc();

            assertEquals(CALLS, flow.sent().size());
            assertEquals(0, flow.count(0), "every MESSAGE got a final answer: " + flow.byStatus());
            assertTrue(maxQueued.get() <= QUEUE, "the link queue stayed bounded: " + maxQueued);
            assertTrue(flow.errors() > 0, "senders beyond the queue were refused: " + flow.byStatus());
            assertEquals(flow.count(202), s2x.get("delivered"));
            assertEquals(flow.errors(), s2x.get("failed") + s2x.get("rejected"));
            long xmppDelivered = gw.counter("XmppLinks", "Delivered");
            long xmppBounced = gw.counter("XmppLinks", "Bounced");
            assertEquals(s2x.get("received") - s2x.get("rejected"), xmppDelivered + xmppBounced,
                    "every stanza handed to the XMPP side ended once");
            assertEquals(1, x2s.get("delivered"), "Prosody -> SIP was served during the congestion");
            assertTrue(heapAfter - heapBefore < 64L * 1024 * 1024, "heap back to where it was: " + heapBefore + " -> " + heapAfter);
            log.info("FAULT slow-reader: sent={} answers={} sipToXmpp={} xmppDelivered={} xmppBounced={} maxQueued={} (limit {}) "
                    + "xmppToSip={} heapMB={}->{} relayedBytes={}", CALLS, flow.byStatus(), s2x, xmppDelivered, xmppBounced,
                    maxQueued.get(), QUEUE, x2s, heapBefore >> 20, heapAfter >> 20, relay.relayed());
        }
    }

    static long usedHeapAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        return m.getHeapMemoryUsage().getUsed();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
