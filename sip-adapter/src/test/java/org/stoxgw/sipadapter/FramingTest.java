package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.RawSipClient;

/**
 * Message framing (RFC 3261 section 18.3) and size limits, read off the wire: a datagram's bytes after
 * Content-Length are discarded, a stream request without Content-Length is refused without losing the
 * stream, a request too large for {@code limits.max-message-size} is answered 513 on every transport
 * with a log line, and only bytes that cannot be framed are dropped (counted). Also the RFC 2543
 * request (a Via without branch, RFC 3261 section 17.2.3) after other transactions completed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FramingTest {
    static final String GW_IP = TestNet.address(71);
    static final String CLIENT_IP = TestNet.address(72);
    TestGateway gw;
    int port;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger adapterLog = (Logger) LoggerFactory.getLogger("org.stoxgw.sipadapter");

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                  limits.max-message-size = 16k
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
        logged.list.clear();
        logged.start();
        adapterLog.addAppender(logged);
    }

    @AfterEach
    void detach() {
        adapterLog.detachAppender(logged);
    }

    RawSipClient client(String transport) {
        return RawSipClient.connect(transport, CLIENT_IP, GW_IP, port, null, null);
    }

    static String message(RawSipClient c, String name, String body) {
        return RawRequests.request(c, "MESSAGE", name + "-" + c.transport(), c.localAddress(), body);
    }

    /** A good request on the same client is answered 200 and reaches the core with its body. */
    void stillFramed(RawSipClient c, String name) {
        c.send(message(c, name, "still framed"));
        String r = c.receive();
        assertNotNull(r, "no answer to a good request after the bad one: the stream lost its framing");
        assertTrue(r.startsWith("SIP/2.0 200"), r);
        assertEquals("still framed", gw.handler.expect().request().body().utf8());
    }

    List<String> loggedAtInfo() {
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    @DisplayName("IM-17: bytes in a datagram after Content-Length are discarded (RFC 3261 section 18.3), not forwarded")
    void datagramBytesAfterBody() {
        try (RawSipClient c = client("udp")) {
            c.send(RawRequests.replacing(message(c, "trailing", "hello\r\nXYZ"), "Content-Length", "Content-Length: 5"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 200"), r);
            assertEquals("hello", gw.handler.expect().request().body().utf8());
        }
    }

    @Test
    @DisplayName("IM-17: a datagram shorter than its Content-Length gets 400 (RFC 3261 section 18.3), nothing is forwarded")
    void datagramShorterThanContentLength() {
        try (RawSipClient c = client("udp")) {
            c.send(RawRequests.replacing(message(c, "short", "hello"), "Content-Length", "Content-Length: 50"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 ") && r.contains("Content-Length"), r);
            assertTrue(gw.handler.isEmpty());
        }
    }

    @Test
    @DisplayName("IM-17: over TCP a request without Content-Length gets 400 naming it; its body is not read as a request")
    void streamWithoutContentLength() {
        try (RawSipClient c = client("tcp")) {
            c.send(RawRequests.replacing(message(c, "nocl", "hello\r\nXYZ"), "Content-Length", null));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 400 Missing Content-Length"), r);
            stillFramed(c, "after-nocl");
            assertTrue(gw.handler.isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("MSG-02: a header section over limits.max-message-size gets 513 and a log line; over TCP the connection stays")
    void headerSectionTooLarge(String transport) {
        try (RawSipClient c = client(transport)) {
            String big = RawRequests.replacing(message(c, "bighead", "x"), "Max-Forwards",
                    "Max-Forwards: 70\r\nSubject: " + "s".repeat(transport.equals("udp") ? 20_000 : 70_000));
            c.send(big);
            String r = c.receive();
            assertNotNull(r, "no answer to a request over the size limit");
            assertTrue(r.startsWith("SIP/2.0 513 "), r);
            assertTrue(r.contains("Call-ID: bighead-" + transport + "@test"), r);
            if (transport.equals("tcp")) {
                stillFramed(c, "after-bighead");
            }
            assertTrue(gw.handler.isEmpty());
        }
    }

    @Test
    @DisplayName("MSG-02: a request refused as too large leaves a line in the log at the default level, per transport")
    void tooLargeIsLogged() {
        int p = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway own = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                  limits.max-message-size = 8k
                }
                """.formatted(GW_IP, p, CLIENT_IP)).start()) {
            for (String transport : List.of("udp", "tcp")) {
                try (RawSipClient c = RawSipClient.connect(transport, CLIENT_IP, GW_IP, p, null, null)) {
                    c.send(message(c, "logged", "l".repeat(10_000)));
                    String r = c.receive();
                    assertNotNull(r);
                    assertTrue(r.startsWith("SIP/2.0 513 "), r);
                }
                assertTrue(Eventually.holds(() -> loggedAtInfo().stream().anyMatch(l -> l.startsWith("513 to " + transport)),
                        Duration.ofSeconds(5)), "no log line at the default level names the 513: " + loggedAtInfo());
            }
        }
    }

    @Test
    @DisplayName("MSG-02: over TCP a Content-Length over limits.max-message-size gets 513, the body is skipped, the connection stays")
    void bodyTooLarge() {
        try (RawSipClient c = client("tcp")) {
            c.send(message(c, "bigbody", "b".repeat(200_000)));
            String r = c.receive();
            assertNotNull(r, "no answer to a request over the size limit");
            assertTrue(r.startsWith("SIP/2.0 513 "), r);
            stillFramed(c, "after-bigbody");
            assertTrue(gw.handler.isEmpty());
        }
    }

    @Test
    @DisplayName("MSG-02: over TCP a request just over the limit (body read in part by JAIN-SIP before) gets 513 and keeps the stream")
    void justOverTheLimit() {
        try (RawSipClient c = client("tcp")) {
            c.send(message(c, "justover", "j".repeat(16 * 1024 - 200)));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 513 "), r);
            stillFramed(c, "after-justover");
        }
    }

    @Test
    @DisplayName("Over TCP a header section that never ends is dropped, counted, and the connection closed")
    void unframeable() {
        long before = gw.adapter.stats().getUnframedBytesDropped();
        try (RawSipClient c = client("tcp")) {
            c.send("MESSAGE sip:juliet@xmpp.example.test SIP/2.0\r\nSubject: " + "z".repeat(400_000));
            String r = c.receive();
            assertTrue(r == null || r.startsWith("SIP/2.0 513 "), r);
            assertTrue(c.closedByPeer(Duration.ofSeconds(10)), "the connection stays open on bytes that cannot be framed");
        }
        assertTrue(gw.adapter.stats().getUnframedBytesDropped() - before > 60_000);
        assertTrue(gw.handler.isEmpty());
    }

    @Test
    @DisplayName("IM-10: a MESSAGE whose Via has no branch (RFC 2543) is answered after another transaction completed; "
            + "no log line per datagram")
    void branchlessAfterCompleted() {
        try (RawSipClient c = client("udp")) {
            c.send(message(c, "completed-first", "first"));
            String r = c.receive();
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 200"), r);
            assertEquals("first", gw.handler.expect().request().body().utf8());
            for (int i = 0; i < 5; i++) {
                String old = message(c, "old" + i, "rfc 2543 " + i)
                        .replace(";branch=z9hG4bKold" + i + "-udp", "");
                assertFalse(old.contains("branch="), old);
                c.send(old);
                String a = c.receive();
                assertNotNull(a, "a MESSAGE without branch was dropped");
                assertTrue(a.startsWith("SIP/2.0 200"), a);
                assertEquals("rfc 2543 " + i, gw.handler.expect().request().body().utf8());
            }
            assertTrue(loggedAtInfo().stream().noneMatch(l -> l.contains("not processed")), loggedAtInfo().toString());
        }
    }
}
