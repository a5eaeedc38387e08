package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.RawSipClient;

/**
 * Retransmitted requests over UDP (RFC 3261 §17.2.2): the non-INVITE server transaction absorbs them.
 * Before the core answered, a retransmission is discarded (the adapter does it before parsing, the core
 * never sees the request twice); after the final answer, every retransmission gets that answer again
 * until Timer J, without reaching the core. A new request that only reuses a branch from another
 * sender, or with another method, is not mistaken for a retransmission (§17.2.3 matching) but refused
 * with 400 while the branch's transaction lives (§8.1.1.7).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetransmissionTest {
    static final String GW_IP = TestNet.address(15);
    static final String CLIENT_IP = TestNet.address(27);
    TestGateway gw;
    int port;

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                }
                """.formatted(GW_IP, port, CLIENT_IP)).start();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.handler.reset();
    }

    RawSipClient client() {
        return RawSipClient.connect("udp", CLIENT_IP, GW_IP, port, null, null);
    }

    static String message(RawSipClient c, String method, String branch, String sentBy) {
        return RawRequests.request(c, method, branch, sentBy, method.equals("MESSAGE") ? "hello " + branch : "");
    }

    SipStats stats() {
        return gw.adapter.stats();
    }

    @Test
    @DisplayName("A retransmission before the answer is discarded: the core sees the MESSAGE once, the sender gets one answer")
    void beforeTheAnswer() {
        gw.handler.manualAnswers();
        try (RawSipClient c = client()) {
            String m = message(c, "MESSAGE", "early1", c.localAddress());
            long absorbed = stats().getRetransmissionsAbsorbed();
            c.send(m);
            InboundSipRequest first = gw.handler.expect();
            c.send(m);
            c.send(m);
            assertEquals(absorbed + 2, awaitAbsorbed(absorbed + 2));
            assertNull(gw.handler.poll(Duration.ofMillis(300)), "a retransmission reached the core");
            first.respond(SipResponse.of(202, "Accepted"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 202"), r);
        }
    }

    @Test
    @DisplayName("A retransmission after the answer gets the same answer again until Timer J, without reaching the core")
    void afterTheAnswer() {
        try (RawSipClient c = client()) {
            String m = message(c, "MESSAGE", "late1", c.localAddress());
            c.send(m);
            String first = c.receive();
            assertNotNull(first);
            assertTrue(first.startsWith("SIP/2.0 200"), first);
            gw.handler.expect();
            c.send(m);
            String again = c.receive();
            assertEquals(first, again, "the retransmitted answer differs");
            // later, from the adapter's table of completed transactions (JAIN-SIP let go after 64 ms, P-08)
            sleep(500);
            long absorbed = stats().getRetransmissionsAbsorbed();
            c.send(m);
            assertEquals(first, c.receive(), "the answer to a late retransmission differs");
            assertEquals(absorbed + 1, stats().getRetransmissionsAbsorbed());
            assertNull(gw.handler.poll(Duration.ofMillis(300)), "a retransmission reached the core");
        }
    }

    @Test
    @DisplayName("A late retransmission whose Via the raw-bytes check cannot read (spaces around ';' and '=') still gets the answer again and never reaches the core twice")
    void afterTheAnswerWithALegalButUnusualVia() {
        try (RawSipClient c = client()) {
            // RFC 3261 section 25.1: SEMI and EQUAL allow white space around them
            String m = message(c, "MESSAGE", "spaced1", c.localAddress()).replace(";branch=z9hG4bK", " ; branch = z9hG4bK");
            c.send(m);
            String first = c.receive();
            assertNotNull(first);
            assertTrue(first.startsWith("SIP/2.0 200"), first);
            gw.handler.expect();
            sleep(500); // JAIN-SIP has let go of the transaction (P-08): only the adapter's table knows it
            long absorbed = stats().getRetransmissionsAbsorbed();
            c.send(m);
            String again = c.receive();
            assertNotNull(again, "the late retransmission was not answered");
            assertEquals(first, again, "the answer to a late retransmission differs");
            assertEquals(absorbed + 1, stats().getRetransmissionsAbsorbed());
            assertNull(gw.handler.poll(Duration.ofMillis(300)), "the retransmission reached the core a second time");
        }
    }

    /** The absorbed-retransmissions counter once it reached {@code expected} (counted on the UDP thread), or after 10 s. */
    long awaitAbsorbed(long expected) {
        Eventually.holds(() -> stats().getRetransmissionsAbsorbed() >= expected, Duration.ofSeconds(10));
        return stats().getRetransmissionsAbsorbed();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("Same branch from another sent-by, or with another method, is not discarded unparsed but refused with 400 "
            + "while the branch's transaction lives (RFC 3261 17.2.3, 8.1.1.7)")
    void notARetransmission() throws InterruptedException {
        gw.handler.manualAnswers();
        try (RawSipClient c = client()) {
            c.send(message(c, "MESSAGE", "shared1", c.localAddress()));
            InboundSipRequest first = gw.handler.expect();
            long absorbed = stats().getRetransmissionsAbsorbed();
            c.send(message(c, "MESSAGE", "shared1", "192.0.2.7:5070"));
            c.send(message(c, "OPTIONS", "shared1", c.localAddress()));
            c.send(message(c, "MESSAGE", "shared1", c.localAddress()));
            // only the real retransmission is discarded before parsing; JAIN-SIP judges the other two
            assertEquals(absorbed + 1, awaitAbsorbed(absorbed + 1));
            // nothing is dropped: both are refused, since the live transaction holds the branch (RFC 3261 8.1.1.7)
            String a = c.receive();
            String b = c.receive();
            assertNotNull(a, "the MESSAGE from another sent-by was not answered");
            assertNotNull(b, "the OPTIONS with the MESSAGE's branch was not answered");
            assertTrue(a.startsWith("SIP/2.0 400 Bad Request (branch already in use") && a.contains("CSeq: 1 MESSAGE"), a);
            assertTrue(b.startsWith("SIP/2.0 400 Bad Request (branch already in use") && b.contains("CSeq: 1 OPTIONS"), b);
            assertNull(gw.handler.poll(Duration.ofMillis(300)), "the retransmission or the OPTIONS reached the core");
            assertEquals(absorbed + 1, stats().getRetransmissionsAbsorbed());
            first.respond(SipResponse.of(200, "OK"));
        }
    }
}
