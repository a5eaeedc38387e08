package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.TcpConnections;
import org.stoxgw.testfixtures.Threads;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.RawSipClient;
import org.stoxgw.testfixtures.sip.SipTestAgent;

/**
 * Failures of requests the gateway sends become outcomes the core can map to XMPP errors; the
 * adapter's lifecycle leaves nothing behind and does not disturb another SIP stack in the JVM.
 */
class OutcomesAndLifecycleTest {
    static final String GW_IP = TestNet.address(12);
    static final String UA_IP = TestNet.address(22);

    static String config(int port, String extra) {
        return """
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  timeouts { t1 = 50ms, connect = 1s, answer = 1s }
                  %3$s
                }
                """.formatted(GW_IP, port, extra);
    }

    static SipRequest message(SipAdapter a, String uri) {
        return new SipRequest("MESSAGE", uri, NameAddress.of("sip:juliet@xmpp.example.test").withTag(a.newTag()),
                NameAddress.of(uri), a.newCallId(), 1, SipHeaders.EMPTY, SipBody.text("text/plain", "hi"));
    }

    static SipOutcome.Failure failure(SipAdapter a, String uri) throws Exception {
        return assertInstanceOf(SipOutcome.Failure.class, a.send(message(a, uri)).toCompletableFuture().get(20, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("No answer over UDP ends as TIMEOUT after 64*T1; a refused TCP connect as TRANSPORT; a loop to itself as REFUSED")
    void failureOutcomes() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = new TestGateway(config(port, "")).start();
             DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(UA_IP), 0))) {
            SipOutcome.Failure timeout = failure(gw.adapter, "sip:romeo@" + UA_IP + ":" + silent.getLocalPort() + ";transport=udp");
            assertEquals(SipOutcome.Kind.TIMEOUT, timeout.kind(), timeout.detail());
            int closed = FreePorts.tcp(UA_IP);
            SipOutcome.Failure refused = failure(gw.adapter, "sip:romeo@" + UA_IP + ":" + closed + ";transport=tcp");
            assertEquals(SipOutcome.Kind.TRANSPORT, refused.kind(), refused.detail());
            SipOutcome.Failure self = failure(gw.adapter, "sip:juliet@" + GW_IP + ":" + port + ";transport=udp");
            assertEquals(SipOutcome.Kind.REFUSED, self.kind());
            assertTrue(self.detail().contains("loop"), self.detail()); // SEC-03
            SipOutcome.Failure bad = failure(gw.adapter, "sip:romeo@" + UA_IP + ";transport=sctp");
            assertEquals(SipOutcome.Kind.REFUSED, bad.kind(), bad.detail());
            assertEquals(1L, gw.adapter.stats().getTimeouts());
            assertTrue(gw.adapter.stats().getTransportErrors() >= 1);
            assertEquals(0, gw.adapter.stats().getTransactionsInFlight());
        }
    }

    @Test
    @DisplayName("A request the core never answers gets 500 from the adapter after timeouts.answer")
    void coreSilent() {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = new TestGateway(config(port, "trust.peers = [ { networks = [\"" + UA_IP + "\"], domains = [\"*\"] } ]")).start();
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            gw.handler.manualAnswers();
            var r = ua.sendAndWait(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                    .body("text/plain", "anyone?"), "udp", GW_IP, port);
            assertEquals(500, r.getStatusCode());
            assertEquals(1L, gw.adapter.stats().getUnansweredByCore());
            // in flight until its answer has left (a stop waits for it), which may be just after the UA read it
            assertTrue(org.stoxgw.testfixtures.Eventually.holds(() -> gw.adapter.stats().getInboundTransactionsInFlight() == 0,
                    java.time.Duration.ofSeconds(5)), "in flight: " + gw.adapter.stats().getInboundTransactionsInFlight());
        }
    }

    @Test
    @DisplayName("An answer whose TCP connection the sender closed fails its future and is counted in ResponsesNotSent, "
            + "not in ResponsesSent")
    void answerToAClosedConnection() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = new TestGateway(config(port, "trust.peers = [ { networks = [\"" + UA_IP + "\"], domains = [\"*\"] } ]")).start()) {
            gw.handler.manualAnswers();
            InboundSipRequest r;
            String client;
            try (RawSipClient c = RawSipClient.connect("tcp", UA_IP, GW_IP, port, null, null)) {
                c.send(RawRequests.request(c, "MESSAGE", "gone", c.localAddress(), "gone"));
                r = gw.handler.expect();
                client = c.localAddress();
            }
            // until the stack has seen the close, a write would still pass (the peer's RST comes after it)
            assertTrue(TcpConnections.awaitClosedBy(GW_IP + ":" + port, client, Duration.ofSeconds(10)));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> r.respond(SipResponse.of(200, "OK")).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("not sent"), e.getCause().getMessage());
            assertEquals(1L, gw.adapter.stats().getResponsesNotSent());
            assertEquals(java.util.Map.of(), gw.adapter.stats().getResponsesSent());
        }
    }

    @Test
    @DisplayName("Two SIP stacks in one JVM: stopping the test agent leaves the adapter working; stopping the adapter leaves no thread and frees its ports")
    void twoStacksAndCleanStop() throws Exception {
        Set<Thread> before = Threads.nonDaemon();
        int port = FreePorts.tcpAndUdp(GW_IP);
        TestGateway gw = new TestGateway(config(port, "trust.peers = [ { networks = [\"" + UA_IP + "\"], domains = [\"*\"] } ]")).start();
        try (SipTestAgent first = SipTestAgent.builder().address(UA_IP).start()) {
            assertEquals(200, first.sendAndWait(first.request("OPTIONS", "sip:juliet@xmpp.example.test"), "udp", GW_IP, port)
                    .getStatusCode());
        }
        try (SipTestAgent second = SipTestAgent.builder().address(UA_IP).start()) {
            assertEquals(200, second.sendAndWait(second.request("MESSAGE", "sip:juliet@xmpp.example.test")
                    .from("sip:romeo@sip.example.net").body("text/plain", "still there?"), "tcp", GW_IP, port).getStatusCode());
            SipOutcome o = gw.adapter.send(message(gw.adapter, second.uri("romeo", "udp"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status());
        }
        gw.close();
        assertEquals(Set.of(), Threads.leftoversAfter(before, 30_000), "no non-daemon thread outlives the stacks");
        assertTrue(FreePorts.tcpFree(GW_IP, port));
        assertTrue(FreePorts.udpFree(GW_IP, port));
        SipOutcome after = gw.adapter.send(message(gw.adapter, "sip:romeo@" + UA_IP)).toCompletableFuture().get();
        assertEquals(SipOutcome.Kind.REFUSED, assertInstanceOf(SipOutcome.Failure.class, after).kind());
    }

    @Test
    @DisplayName("A port in use fails start with a clear message and leaves nothing running")
    void portInUse() throws Exception {
        Set<Thread> before = Threads.nonDaemon();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(GW_IP), 0))) {
            TestGateway gw = new TestGateway(config(taken.getLocalPort(), ""));
            IllegalStateException e = assertThrows(IllegalStateException.class, gw::start);
            assertTrue(e.getMessage().contains("sip udp " + GW_IP + ":" + taken.getLocalPort()), e.getMessage());
        }
        assertEquals(Set.of(), Threads.leftoversAfter(before, 30_000));
    }

    @Test
    @DisplayName("JMX: requests and responses by method and code, transactions in flight, rejections by reason")
    void jmxCounters() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = new TestGateway(config(port, "trust.peers = [ { networks = [\"" + UA_IP + "\"], domains = [\"*\"] } ]")).start();
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            var server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("org.stoxgw.test:type=SipAdapter,instance=jmx" + port);
            server.registerMBean(gw.adapter.managedBeans().get("SipAdapter"), name);
            try {
                ua.sendAndWait(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                        .body("text/plain", "1"), "tcp", GW_IP, port);
                ua.sendAndWait(ua.request("INFO", "sip:juliet@xmpp.example.test"), "tcp", GW_IP, port);
                var received = (javax.management.openmbean.TabularData) server.getAttribute(name, "RequestsReceived");
                assertEquals(1L, received.get(new Object[] {"MESSAGE"}).get("value"));
                // the counter follows the send, which may return after the agent already has the answer
                var sent = (javax.management.openmbean.TabularData) server.getAttribute(name, "ResponsesSent");
                for (int i = 0; i < 250 && (sent.get(new Object[] {"200"}) == null || sent.get(new Object[] {"405"}) == null); i++) {
                    Thread.sleep(20);
                    sent = (javax.management.openmbean.TabularData) server.getAttribute(name, "ResponsesSent");
                }
                assertEquals(1L, sent.get(new Object[] {"200"}).get("value"));
                assertEquals(1L, sent.get(new Object[] {"405"}).get("value"));
                var rejected = (javax.management.openmbean.TabularData) server.getAttribute(name, "Rejected");
                assertEquals(1L, rejected.get(new Object[] {"method-not-allowed"}).get("value"));
                assertEquals(0, server.getAttribute(name, "TransactionsInFlight"));
                assertEquals(2, ((String[]) server.getAttribute(name, "ListeningPoints")).length);
            } finally {
                server.unregisterMBean(name);
            }
        }
    }

    @Test
    @DisplayName("Stopping answers requests still waiting for the core with 503 and refuses new sends")
    void stopDrains() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        TestGateway gw = new TestGateway(config(port, "trust.peers = [ { networks = [\"" + UA_IP + "\"], domains = [\"*\"] } ]")).start();
        try (SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            gw.handler.manualAnswers();
            var pending = ua.send(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                    .body("text/plain", "late"), "tcp", GW_IP, port);
            gw.handler.expect();
            gw.adapter.stop(Duration.ofMillis(200));
            assertEquals(503, pending.get(10, TimeUnit.SECONDS).getStatusCode());
        }
    }
}
