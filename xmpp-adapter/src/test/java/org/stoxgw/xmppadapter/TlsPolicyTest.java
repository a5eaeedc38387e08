package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;

/**
 * TLS policies against servers that do not play along (issue 9, SEC-01): with
 * {@code security.tls = required} a server that offers no STARTTLS (or a man in the middle that
 * strips it) gets nothing but the stream header in clear text; with
 * {@code security.auth = certificates-required} a server whose certificate does not come from the
 * trust store gets nothing at all, and inbound dialback is refused. The peer keeps its outcome.
 */
class TlsPolicyTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Path PKI = Path.of("target", "pki", "tls-policy");

    /**
     * A plain-TCP "server" that answers the gateway's stream header with features lacking STARTTLS
     * (dialback only) and records everything the gateway writes.
     */
    private static CompletableFuture<String> strippingServer(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[4096];
                boolean answered = false;
                int n;
                while ((n = in.read(buf)) > 0) {
                    seen.write(buf, 0, n);
                    if (!answered && seen.toString(StandardCharsets.UTF_8).contains("<stream:stream")) {
                        answered = true;
                        out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' "
                                + "xmlns:stream='http://etherx.jabber.org/streams' from='b.example.test' to='a.example.test' "
                                + "id='mitm' version='1.0'><stream:features><dialback xmlns='urn:xmpp:features:dialback'/>"
                                + "</stream:features>").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            } catch (java.io.IOException e) {
                // the gateway closed the connection or the timeout ended the recording
            }
            return seen.toString(StandardCharsets.UTF_8);
        });
    }

    @Test
    @DisplayName("SEC-01: tls = required, the server offers no STARTTLS: the send fails with an outcome and nothing "
            + "but the stream header went over the wire in clear text")
    void noFallbackToPlaintext() throws Exception {
        XmppTestPki pki = new XmppTestPki(PKI.resolve("strip"), "strip");
        try (ServerSocket mitm = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + FreePorts.tcp("127.0.0.1"),
                     AdapterPeer.tlsConfig(pki, pki.issue("a.example.test"))
                             + "gateway.xmpp.security.tls = required\ngateway.xmpp.timeouts.delivery = 3s\n"
                             + "gateway.xmpp.routes { \"b.example.test\" = \"127.0.0.1:" + mitm.getLocalPort() + "\" }\n")) {
            CompletableFuture<String> wire = strippingServer(mitm);
            XmppOutcome o = a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "s1",
                    "the launch code"), WAIT);
            XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class, o);
            assertEquals(StanzaError.Condition.remote_server_timeout, f.condition());
            String seen = wire.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(seen.contains("<stream:stream"), seen);
            assertFalse(seen.contains("launch code") || seen.contains("<message") || seen.contains("db:result"),
                    "sent in clear text: " + seen);
        }
    }

    @Test
    @DisplayName("SEC-01: auth = certificates-required, the remote certificate is from a CA outside the trust store: the "
            + "send fails with an outcome, the remote gets no stanza; inbound dialback is refused")
    void certificatesRequired() throws Exception {
        XmppTestPki ours = new XmppTestPki(PKI.resolve("ours"), "ours");
        XmppTestPki theirs = new XmppTestPki(PKI.resolve("theirs"), "theirs");
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        String routes = "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb) + "gateway.xmpp.timeouts.delivery = 3s\n";
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes
                + AdapterPeer.tlsConfig(ours, ours.issue("a.example.test")) + "gateway.xmpp.security.auth = certificates-required\n");
             AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes
                     + AdapterPeer.tlsConfig(theirs, theirs.issue("b.example.test")))) {
            XmppOutcome toB = a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "c1", "x"), WAIT);
            assertInstanceOf(XmppOutcome.Failed.class, toB);
            assertTrue(b.received.isEmpty(), "nothing reached the untrusted server");
            // b -> a: b can only offer dialback, which a refuses; b's sender gets an outcome too
            XmppOutcome toA = b.sendAndWait(AdapterPeer.message("bob@b.example.test", "alice@a.example.test", "c2", "y"), WAIT);
            assertInstanceOf(XmppOutcome.Failed.class, toA);
            assertTrue(a.received.isEmpty(), "nothing from the unverified server reached the core");
        }
    }
}
