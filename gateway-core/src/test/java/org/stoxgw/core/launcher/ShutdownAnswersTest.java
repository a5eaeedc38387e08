package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;

/**
 * Issue 13, defect 7 (D-SIP-03, D-CORE shutdown): a MESSAGE that arrives while the gateway drains,
 * and one still in flight when its XMPP side stops, are answered 503 with Retry-After, so the sender
 * tries again when the gateway is back; never 408, which says the recipient did not answer.
 */
class ShutdownAnswersTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("shutting down: in flight and arriving MESSAGEs get 503 with Retry-After, not 408")
    void drainingAnswers503WithRetryAfter() throws Exception {
        int xmppPort = FreePorts.tcp("127.0.0.1");
        int sipPort = FreePorts.tcpAndUdp("127.0.0.1");
        // an XMPP server that accepts and never speaks: the first message stays in flight
        try (ServerSocket blackHole = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             DatagramSocket ua = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Gateway gw = new Gateway(TestConfigs.load(dir, """
                    gateway.core.instance-name = "draining"
                    gateway.core.jmx.enabled = false
                    gateway.core.event-loop-threads = 2
                    gateway.core.shutdown.drain-timeout = 2s
                    gateway.xmpp.listen = ["127.0.0.1:%d"]
                    gateway.xmpp.routes { "xmpp.example.test" = "127.0.0.1:%d" }
                    gateway.sip.listen { udp = ["127.0.0.1:%d"], tcp = [] }
                    gateway.logging.wire.sip = true
                    gateway.presence.store.path = "%s"
                    """.formatted(xmppPort, blackHole.getLocalPort(), sipPort,
                    dir.resolve("store").toString().replace("\\", "/"))));
            gw.start();
            CompletableFuture<Void> stop = null;
            try {
                send(ua, sipPort, "in-flight");
                // the gateway connecting to the XMPP server shows the message is in flight, waiting for it
                blackHole.setSoTimeout(20_000);
                java.net.Socket link = blackHole.accept();
                link.setSoLinger(true, 0);
                stop = CompletableFuture.runAsync(gw::stop);
                assertTrue(Eventually.holds(() -> gw.state() == Gateway.State.DRAINING, Duration.ofSeconds(5)), "draining");
                send(ua, sipPort, "late");
                String late = finalResponse(ua, "late");
                String inFlight = finalResponse(ua, "in-flight");
                for (String r : new String[] {late, inFlight}) {
                    assertTrue(r.startsWith("SIP/2.0 503 "), r);
                    assertTrue(r.matches("(?s).*\r\nRetry-After: *\\d+.*"), "Retry-After: " + r);
                }
            } finally {
                (stop != null ? stop : CompletableFuture.runAsync(gw::stop)).get();
            }
        }
    }

    private static void send(DatagramSocket ua, int sipPort, String tag) throws Exception {
        int local = ua.getLocalPort();
        String body = "hello " + tag;
        String m = "MESSAGE sip:juliet@xmpp.example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bK-" + tag + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:romeo@sip.example.test>;tag=" + tag + "\r\n"
                + "To: <sip:juliet@xmpp.example.test>\r\n"
                + "Call-ID: " + tag + "@127.0.0.1\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        byte[] b = m.getBytes(StandardCharsets.UTF_8);
        ua.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", sipPort)));
    }

    /** The first final response for the request with Call-ID {@code tag}@127.0.0.1, skipping others. */
    private static String finalResponse(DatagramSocket ua, String tag) throws Exception {
        for (String r : PENDING) {
            if (r.contains("Call-ID: " + tag + "@") && !r.startsWith("SIP/2.0 1")) {
                return r;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        byte[] buf = new byte[65536];
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            ua.setSoTimeout(500);
            try {
                ua.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String r = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (r.contains("Call-ID: " + tag + "@") && !r.startsWith("SIP/2.0 1")) {
                return r;
            }
            PENDING.add(r);
        }
        throw new AssertionError("no final response for " + tag + "; other datagrams: " + PENDING);
    }

    private static final java.util.List<String> PENDING = new java.util.concurrent.CopyOnWriteArrayList<>();
}
