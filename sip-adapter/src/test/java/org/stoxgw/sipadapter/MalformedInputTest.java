package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.RawSipClient;

/**
 * Bad input over UDP and TCP. On its own JAIN-SIP 1.3 drops a request missing Call-ID, From, To,
 * CSeq or Via without a word (both transports), and over TCP closes the connection without any
 * answer when such a header does not parse. The adapter answers 400 (505 for another SIP version)
 * with a reason wherever an answer can reach the sender, keeps the connection when its framing is
 * intact, closes it when not, never answers a response or an ACK, and nothing else is harmed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {
    static final String GW_IP = TestNet.address(14);
    static final String CLIENT_IP = TestNet.address(26);
    TestGateway gw;
    int port;

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
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

    RawSipClient client(String transport) {
        return RawSipClient.connect(transport, CLIENT_IP, GW_IP, port, null, null);
    }

    /** A MESSAGE with every header; {@code header}'s line swapped for {@code replacement}, null drops it. */
    static String request(RawSipClient c, String name, String header, String replacement, String body) {
        // transaction ids must differ between the UDP and TCP runs against the same gateway
        String r = RawRequests.request(c, "MESSAGE", name + "-" + c.transport(), c.localAddress(), body);
        return header == null ? r : RawRequests.replacing(r, header, replacement);
    }

    /** A good request still gets through afterwards (the connection, for TCP, is intact). */
    static void stillWorks(RawSipClient c, String branch) {
        c.send(request(c, branch, null, null, "fine"));
        String r = c.receive();
        assertNotNull(r, "no answer to a good request after the bad one");
        assertTrue(r.startsWith("SIP/2.0 200"), r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("A missing Call-ID gets 400 naming it (JAIN-SIP alone drops it silently)")
    void missingCallId(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send(request(c, "nocallid", "Call-ID", null, "x"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Missing Call-ID header"), r);
            stillWorks(c, "after1");
        }
        assertEquals("fine", gw.handler.expect().request().body().utf8());
        assertTrue(gw.handler.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("An empty Call-ID (fuzz finding: JAIN-SIP accepts it, the core could not answer) gets 400 naming it")
    void emptyCallId(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send(request(c, "emptycallid", "Call-ID", "Call-ID:", "x"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Malformed Call-ID header"), r);
            stillWorks(c, "after-empty");
        }
        assertEquals("fine", gw.handler.expect().request().body().utf8());
        assertTrue(gw.handler.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("A malformed Max-Forwards gets 400; over TCP the body is skipped and the connection stays")
    void malformedHeaderWithBody(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send(request(c, "badmf", "Max-Forwards", "Max-Forwards: many", "a body\r\n\r\nwith a blank line"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Malformed Max-Forwards header"), r);
            assertTrue(r.contains("Call-ID: badmf-" + transport + "@test"), "the Call-ID is echoed: " + r);
            stillWorks(c, "after2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("A malformed Via still gets its 400, sent where the request came from")
    void malformedVia(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send(request(c, "badvia", "Via", "Via: this is not a via", ""));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Malformed Via header"), r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("A Via whose rport is no number (fuzz finding: JAIN-SIP parses it, then cannot copy it into any "
            + "answer) gets 400 where the request came from; the connection stays")
    void viaWithBadRport(String transport) {
        try (RawSipClient c = client(transport)) {
            String branch = "badrport-" + c.transport();
            c.send(request(c, "badrport", "Via", "Via: SIP/2.0/" + c.transport().toUpperCase() + " " + c.localAddress()
                    + ";branch=z9hG4bK" + branch + ";rport=x9", "x"));
            String r = c.receive();
            assertNotNull(r, "no answer: the request was dropped");
            assertTrue(r.startsWith("SIP/2.0 400 Malformed Via header"), r);
            stillWorks(c, "after-rport");
        }
        assertEquals("fine", gw.handler.expect().request().body().utf8());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("Another SIP version gets 505; a CSeq naming another method gets 400")
    void versionAndCseq(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send(request(c, "v3", null, null, "").replace(" SIP/2.0\r\n", " SIP/3.0\r\n").replaceFirst("SIP/3.0/", "SIP/2.0/"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 505"), r);
            c.send(request(c, "cseq", "CSeq", "CSeq: 1 OPTIONS", ""));
            r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 CSeq method OPTIONS does not match MESSAGE"), r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("Bytes that are not SIP get 400; over TCP the connection is then closed (its framing is lost)")
    void garbage(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send("HELLO THERE\r\nthis is no SIP\r\n\r\n");
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Malformed start line"), r);
            if (transport.equals("tcp")) {
                assertTrue(c.closedByPeer(java.time.Duration.ofSeconds(10)), "the connection was not closed");
            }
        }
        try (RawSipClient c = client(transport)) {
            stillWorks(c, "after3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp"})
    @DisplayName("A malformed Content-Length over TCP gets 400 and the connection is closed (RFC 3261 section 18.3)")
    void badContentLength(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send(request(c, "badcl", "Content-Length", "Content-Length: ten", "0123456789"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Malformed Content-Length header"), r);
            assertTrue(c.closedByPeer(java.time.Duration.ofSeconds(10)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("A malformed response and a malformed ACK get no answer, and harm nothing")
    void responsesAndAcksAreNotAnswered(String transport) {
        try (RawSipClient c = client(transport)) {
            c.send("SIP/2.0 200 OK\r\nVia: SIP/2.0/" + transport.toUpperCase() + " " + GW_IP + ";branch=z9hG4bKx\r\nCSeq: x\r\n"
                    + "Content-Length: 0\r\n\r\n");
            c.send(request(c, "ack", "CSeq", "CSeq: nonsense", "").replace("MESSAGE sip:", "ACK sip:"));
            stillWorks(c, "after4");
            assertFalse(c.closedByPeer());
        }
        assertEquals("fine", gw.handler.expect().request().body().utf8());
        assertNull(gw.handler.poll(java.time.Duration.ofMillis(100)));
    }
}
