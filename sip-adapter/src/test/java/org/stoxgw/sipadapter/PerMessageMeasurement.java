package org.stoxgw.sipadapter;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.load.SipLoadClient;
import org.stoxgw.testfixtures.load.SipSink;
import org.stoxgw.testfixtures.peers.TestNet;

/**
 * Not a test: the SIP adapter's cost per MESSAGE in each direction, in one JVM with the generator,
 * counted per thread so the generator's own work is left out: bytes allocated
 * ({@code ThreadMXBean.getThreadAllocatedBytes}, independent of load and machine) and CPU time. Sending
 * (XMPP to SIP): the core's MESSAGE through {@link SipAdapter#send} to a UDP sink that answers 200.
 * Receiving (SIP to XMPP): UDP MESSAGEs from a load client, answered 202 by the core at once. Runs only
 * with {@code -Dstoxgw.measure=true}; {@code -Dstoxgw.measure.calls} (default 40,000) and
 * {@code .rate} (5,000/s). Prints the figures; asserts nothing (timing belongs in benchmarks).
 */
@EnabledIfSystemProperty(named = "stoxgw.measure", matches = "true")
class PerMessageMeasurement {
    static final String GW_IP = TestNet.address(73);
    static final String PEER_IP = TestNet.address(74);
    static final int CALLS = Integer.getInteger("stoxgw.measure.calls", 40_000);
    static final int RATE = Integer.getInteger("stoxgw.measure.rate", 5_000);
    static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static String config(int port) {
        return """
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                  limits.peer-request-rate = 1000000
                  limits.peer-request-burst = 1000000
                  routing.static-routes { "sip.example.net" = "sip:%3$s:%4$d;transport=udp" }
                }
                """.formatted(GW_IP, port, PEER_IP, sinkPort);
    }

    static int sinkPort;

    /** Allocated bytes and CPU nanoseconds of every live thread the filter accepts. */
    record Sample(long bytes, long cpu) {
        static Sample of(Predicate<Thread> counted) {
            long bytes = 0;
            long cpu = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (counted.test(t)) {
                    long b = THREADS.getThreadAllocatedBytes(t.getId());
                    long c = THREADS.getThreadCpuTime(t.getId());
                    bytes += Math.max(0, b);
                    cpu += Math.max(0, c);
                }
            }
            return new Sample(bytes, cpu);
        }
    }

    static void report(String what, Sample before, Sample after, int n, long wallNanos) {
        System.out.printf("%s: %d messages at %d/s offered: %.0f bytes allocated and %.1f us CPU per message "
                        + "(adapter threads), %.0f msg/s%n", what, n, RATE, (after.bytes - before.bytes) / (double) n,
                (after.cpu - before.cpu) / 1000.0 / n, n / (wallNanos / 1e9));
    }

    @Test
    void xmppToSip() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (SipSink sink = new SipSink(PEER_IP, 0)) {
            sinkPort = sink.port();
            try (SipTestGateways.Running gw = SipTestGateways.answering(config(port))) {
                Predicate<Thread> adapter = t -> !t.getName().startsWith("sip-sink");
                send(gw.adapter(), 20_000);
                Sample s0 = Sample.of(adapter);
                long t0 = System.nanoTime();
                send(gw.adapter(), CALLS);
                long wall = System.nanoTime() - t0;
                report("XMPP->SIP MESSAGE out -> 200 in, UDP (" + sink.requests() + " requests at the sink in all, "
                        + gw.adapter().stats().getResponsesReceived() + ")", s0, Sample.of(adapter), CALLS, wall);
            }
        }
    }

    /** Sends {@code n} MESSAGEs paced at {@link #RATE}, at most 2,000 outstanding; waits for all outcomes. */
    private static void send(SipAdapter adapter, int n) throws Exception {
        Semaphore window = new Semaphore(2000);
        List<CompletableFuture<?>> last = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * 1_000_000_000L / RATE;
            while (System.nanoTime() < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            window.acquire();
            SipRequest m = new SipRequest("MESSAGE", "sip:romeo" + (i % 4) + "@sip.example.net",
                    NameAddress.of("sip:juliet@xmpp.example.test").withTag(adapter.newTag()),
                    NameAddress.of("sip:romeo" + (i % 4) + "@sip.example.net"), adapter.newCallId(), 1, SipHeaders.EMPTY,
                    SipBody.text("text/plain", "LOAD " + i + " Neither, fair saint, if either thee dislike."));
            CompletableFuture<?> f = adapter.send(m).toCompletableFuture().whenComplete((o, e) -> window.release());
            if (i >= n - 100) {
                last.add(f);
            }
        }
        window.acquire(2000);
        window.release(2000);
        for (CompletableFuture<?> f : last) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sipToXmpp() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        sinkPort = 9;
        try (SipTestGateways.Running gw = SipTestGateways.answering(config(port)); SipLoadClient client = new SipLoadClient(PEER_IP, new InetSocketAddress(GW_IP, port))) {
            Thread me = Thread.currentThread();
            Predicate<Thread> adapter = t -> t != me && !t.getName().startsWith("sip-load");
            client.run(1, RATE, 20_000, i -> "juliet" + (i % 4) + "@xmpp.example.test");
            Sample s0 = Sample.of(adapter);
            long t0 = System.nanoTime();
            var r = client.run(2, RATE, CALLS, i -> "juliet" + (i % 4) + "@xmpp.example.test");
            long wall = System.nanoTime() - t0;
            report("SIP->XMPP MESSAGE in -> core -> 200 out, UDP (" + r.finals() + ", " + r.retransmissions() + " retransmissions)",
                    s0, Sample.of(adapter), CALLS, wall);
        }
    }
}
