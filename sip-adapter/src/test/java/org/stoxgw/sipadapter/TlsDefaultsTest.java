package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.SipTestAgent;
import org.stoxgw.testfixtures.sip.TestCertificates;

/**
 * TLS and trust defaults (issue 9, SEC-01): server certificates are validated by default (the JDK's
 * CAs when no trust store is configured), a configured trust store is the only source of trust, a
 * trust store that cannot be read stops the start instead of trusting something else, and a
 * {@code sips:} request never leaves in clear text, whatever the routing says (RFC 3261 section 26.2.2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsDefaultsTest {
    static final String GW_IP = TestNet.address(17);
    static final String UA_IP = TestNet.address(27);
    final TestCertificates pki = TestGateway.pki();
    SipTestAgent ua;

    @BeforeAll
    void start() {
        // a peer with a certificate for sip.example.net from the tests' CA (unknown to the JDK)
        ua = SipTestAgent.builder().address(UA_IP).tls(pki.issue("agent", "dns:sip.example.net"), pki.trustStore()).start();
    }

    @AfterAll
    void stop() {
        ua.close();
    }

    private TestGateway gateway(String trust, String routes) {
        int port = FreePorts.tcpAndUdp(GW_IP);
        Path ks = pki.issue("gateway", "dns:gw.example.test", "dns:xmpp.example.test");
        return new TestGateway("""
                gateway.tls { key-store = "%s", key-store-password = "%s" %s }
                gateway.sip {
                  listen { udp = ["%s:%d"], tcp = ["%s:%d"], tls = ["%s:%d"] }
                  routing.static-routes { %s }
                }
                """.formatted(ks.toAbsolutePath(), TestCertificates.PASSWORD, trust, GW_IP, port, GW_IP, port, GW_IP,
                FreePorts.tcp(GW_IP), routes)).start();
    }

    private static SipOutcome send(TestGateway gw, String uri) throws Exception {
        SipRequest m = new SipRequest("MESSAGE", uri, NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter.newTag()),
                NameAddress.of(uri), gw.adapter.newCallId(), 1, SipHeaders.EMPTY, SipBody.text("text/plain", "secret plans"));
        return gw.adapter.send(m).toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private String tlsRoute(String domain) {
        return "\"" + domain + "\" = \"" + UA_IP + ":" + ua.port("tls") + ";transport=tls\"";
    }

    @Test
    @DisplayName("SEC-01: without gateway.tls.trust-store the JDK's CAs decide: a server certificate from another CA "
            + "is refused even though it names the domain; nothing reaches the server")
    void validationOnByDefault() throws Exception {
        try (TestGateway gw = gateway("", tlsRoute("sip.example.net"))) {
            SipOutcome.Failure f = assertInstanceOf(SipOutcome.Failure.class, send(gw, "sip:romeo@sip.example.net"));
            assertEquals(SipOutcome.Kind.TRANSPORT, f.kind());
            assertNull(ua.next(Duration.ofMillis(300)), "no request reached the server");
        }
    }

    @Test
    @DisplayName("SEC-01: a configured trust store is the only trust: a CA not in it is refused; the tests' CA in it is accepted")
    void configuredTrustStore() throws Exception {
        TestCertificates other = TestCertificates.in(Path.of("target", "pki-other"));
        String otherTrust = ", trust-store = \"%s\", trust-store-password = \"%s\"".formatted(
                other.trustStore().toAbsolutePath(), TestCertificates.PASSWORD);
        try (TestGateway gw = gateway(otherTrust, tlsRoute("sip.example.net"))) {
            assertEquals(SipOutcome.Kind.TRANSPORT, assertInstanceOf(SipOutcome.Failure.class,
                    send(gw, "sip:romeo@sip.example.net")).kind());
            assertNull(ua.next(Duration.ofMillis(300)));
        }
        String ourTrust = ", trust-store = \"%s\", trust-store-password = \"%s\"".formatted(
                pki.trustStore().toAbsolutePath(), TestCertificates.PASSWORD);
        try (TestGateway gw = gateway(ourTrust, tlsRoute("sip.example.net"))) {
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, send(gw, "sip:romeo@sip.example.net"))
                    .response().status());
            assertEquals("SIP/2.0/TLS", ua.expectRequest().header("Via").split(" ")[0]);
        }
    }

    @Test
    @DisplayName("a trust store that cannot be read (wrong password) stops the start with a message naming the file, "
            + "not the password; nothing falls back to other trust")
    void unreadableTrustStoreStopsTheStart() {
        String bad = ", trust-store = \"%s\", trust-store-password = \"not-the-password-4711\"".formatted(
                pki.trustStore().toAbsolutePath());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gateway(bad, "").close());
        String all = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
        assertTrue(all.contains(pki.trustStore().getFileName().toString()), all);
        assertFalse(all.contains("not-the-password-4711"), all);
    }

    @Test
    @DisplayName("RFC 3261 section 26.2.2: a sips: request whose static route names TCP is refused, never sent in clear "
            + "text; a route without a transport is reached over TLS")
    void sipsNeverInClearText() throws Exception {
        String routes = "\"plain.example.net\" = \"" + UA_IP + ":" + ua.port("tcp") + ";transport=tcp\"\n"
                + "\"sip.example.net\" = \"" + UA_IP + ":" + ua.port("tls") + "\"";
        String trust = ", trust-store = \"%s\", trust-store-password = \"%s\"".formatted(
                pki.trustStore().toAbsolutePath(), TestCertificates.PASSWORD);
        try (TestGateway gw = gateway(trust, routes)) {
            SipOutcome.Failure f = assertInstanceOf(SipOutcome.Failure.class, send(gw, "sips:romeo@plain.example.net"));
            assertEquals(SipOutcome.Kind.REFUSED, f.kind());
            assertTrue(f.detail().contains("needs TLS"), f.detail());
            assertNull(ua.next(Duration.ofMillis(300)), "nothing was sent over TCP");
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, send(gw, "sips:romeo@sip.example.net"))
                    .response().status());
            assertEquals("SIP/2.0/TLS", ua.expectRequest().header("Via").split(" ")[0]);
        }
    }
}
