package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.RawSipClient;
import org.stoxgw.testfixtures.sip.TestCertificates;

/**
 * Secrets never logged (issue 9): a gateway with every secret set (key and trust store passwords,
 * dialback and component secrets), wire logging on and every logger at TRACE, doing TLS on SIP and
 * dialback on XMPP, then failing to start with a wrong password and checking a configuration with
 * a mistyped password: no log event, exception or output contains any secret.
 */
class SecretsNotLoggedTest {
    static final String KS = "KsPw-4c1d-never-log";
    static final String TS = "TsPw-9e2f-never-log";
    static final String DIALBACK = "Dialback-77a1-never-log";
    static final String COMPONENT = "Component-55b3-never-log";
    static final List<String> SECRETS = List.of(KS, TS, DIALBACK, COMPONENT);
    static final String GW_IP = TestNet.address(44);
    static final String UA_IP = TestNet.address(45);

    @TempDir
    Path dir;
    final ListAppender<ILoggingEvent> all = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before;

    @BeforeEach
    void captureEverything() {
        before = root.getLevel();
        root.setLevel(Level.ALL);
        all.start();
        root.addAppender(all);
    }

    @AfterEach
    void restore() {
        root.detachAppender(all);
        root.setLevel(before);
    }

    /** The PKCS#12 store {@code from} (test password) saved again under {@code password}. */
    private Path rekeyed(Path from, String password, String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(from)) {
            ks.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, null);
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                out.setKeyEntry(alias, ks.getKey(alias, TestCertificates.PASSWORD.toCharArray()), password.toCharArray(),
                        ks.getCertificateChain(alias));
            } else {
                out.setCertificateEntry(alias, ks.getCertificate(alias));
            }
        }
        Path f = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(f)) {
            out.store(o, password.toCharArray());
        }
        return f;
    }

    private String config(Path ks, Path ts, int sipTls, int xmpp, String ksPassword) {
        return """
                gateway.core { instance-name = "secrets", event-loop-threads = 2 }
                gateway.tls { key-store = "%s", key-store-password = "%s", trust-store = "%s", trust-store-password = "%s" }
                gateway.logging.wire { sip = true, xmpp = true }
                gateway.sip.listen { udp = [], tcp = [], tls = ["%s:%d"] }
                gateway.sip.tls.client-auth = want
                gateway.sip.trust.peers = [ { networks = ["%s"], domains = ["*"] } ]
                gateway.xmpp.listen = ["127.0.0.1:%d"]
                gateway.xmpp.dialback.secret = "%s"
                gateway.xmpp.component.secret = "%s"
                gateway.xmpp.routes { "remote.example" = "127.0.0.1:9" }
                gateway.xmpp.timeouts { connect = 1s, negotiation = 2s }
                """.formatted(ks.toAbsolutePath(), ksPassword, ts.toAbsolutePath(), TS, GW_IP, sipTls, UA_IP, xmpp, DIALBACK,
                COMPONENT);
    }

    private static String exchange(Socket s, String send, String until) throws Exception {
        s.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[4096];
        long deadline = System.currentTimeMillis() + 10_000;
        while (!got.toString().contains(until) && System.currentTimeMillis() < deadline) {
            int n = s.getInputStream().read(buf);
            if (n < 0) {
                break;
            }
            got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return got.toString();
    }

    private void assertNoSecretLogged() {
        java.util.List<ILoggingEvent> events;
        synchronized (all) { // AppenderBase appends under the appender's lock; stack threads may still log
            events = new java.util.ArrayList<>(all.list);
        }
        assertFalse(events.isEmpty(), "the appender saw the run");
        for (ILoggingEvent e : events) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), "secret in the log of " + e.getLoggerName() + ": " + text);
            }
        }
    }

    @Test
    @DisplayName("SEC: secrets never appear in logs (TRACE, wire logs on), start errors or --check-config output")
    void secretsNeverLogged() throws Exception {
        TestCertificates pki = TestCertificates.in(Path.of("target", "pki"));
        Path ks = rekeyed(pki.issue("gateway", "dns:gw.example.test", "dns:xmpp.example.test"), KS, "gw.p12");
        Path ts = rekeyed(pki.trustStore(), TS, "trust.p12");
        int sipTls = FreePorts.tcp(GW_IP);
        int xmpp = FreePorts.tcp("127.0.0.1");
        Path conf = Files.writeString(dir.resolve("gw.conf"), config(ks, ts, sipTls, xmpp, KS));
        try (Gateway gw = new Gateway(GatewaySettings.load(Optional.of(conf), Map.of()))) {
            gw.start();
            try (RawSipClient c = RawSipClient.connect("tls", UA_IP, GW_IP, sipTls, pki.issue("agent", "dns:sip.example.net"),
                    pki.trustStore())) {
                c.send("OPTIONS sip:gw.example.test SIP/2.0\r\nVia: SIP/2.0/TLS " + c.localAddress() + ";branch=z9hG4bK-s1\r\n"
                        + "From: <sip:romeo@sip.example.net>;tag=1\r\nTo: <sip:gw.example.test>\r\nCall-ID: s1@test\r\n"
                        + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
                assertTrue(String.valueOf(c.receive()).startsWith("SIP/2.0 200"));
            }
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), xmpp)) {
                s.setSoTimeout(10_000);
                String header = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' "
                        + "xmlns:stream='http://etherx.jabber.org/streams' from='remote.example' to='gw.example.test' version='1.0'>";
                assertTrue(exchange(s, header, "</stream:features>").contains("stream:features"));
                // the authoritative role: the gateway computes a key from its secret to compare
                String answer = exchange(s, "<db:verify from='gw.example.test' to='remote.example' id='abc'>k3y</db:verify>"
                        + "<db:result from='remote.example' to='gw.example.test'>k3y</db:result>", "type=");
                assertTrue(answer.contains("db:verify"), answer);
            }
        }
        // a wrong key store password: the start fails and says why, without any password
        Path bad = Files.writeString(dir.resolve("bad.conf"), config(ks, ts, FreePorts.tcp(GW_IP), FreePorts.tcp("127.0.0.1"),
                "wrong-" + KS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (Gateway gw = new Gateway(GatewaySettings.load(Optional.of(bad), Map.of()))) {
                gw.start();
            }
        });
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : SECRETS) {
                assertFalse(String.valueOf(t.getMessage()).contains(secret), t.toString());
            }
        }
        // --check-config with passwords of the wrong type and under a misspelled key
        Path typo = Files.writeString(dir.resolve("typo.conf"), "gateway.tls { key-store-password = [\"" + KS
                + "\"], trust-store-pasword = \"" + TS + "\" }\ngateway.xmpp.dialback { secret = { s = \"" + DIALBACK + "\" } }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--check-config", "--config", typo.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), false);
        assertEquals(Main.INVALID_CONFIG, code);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("gateway.tls.key-store-password"), printed);
        SECRETS.forEach(s -> assertFalse(printed.contains(s), printed));
        assertNoSecretLogged();
    }
}
