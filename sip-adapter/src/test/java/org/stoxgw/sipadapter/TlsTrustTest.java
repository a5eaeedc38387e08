package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.stoxgw.testfixtures.sip.RawSipClient;
import org.stoxgw.testfixtures.sip.SipTestAgent;
import org.stoxgw.testfixtures.sip.TestCertificates;

/**
 * SEC-01 with TLS: peers recognised by the names in their client certificates, client certificates
 * required, and outgoing connections that check the server certificate names the target domain
 * (RFC 5922).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTrustTest {
    static final String GW_IP = TestNet.address(13);
    static final String UA_IP = TestNet.address(23);
    TestCertificates pki = TestGateway.pki();
    SipTestAgent ua;
    SipTestAgent impostor;
    TestGateway gw;
    int tlsPort;

    @BeforeAll
    void start() {
        ua = SipTestAgent.builder().address(UA_IP).tls(pki.issue("agent", "dns:sip.example.net"), pki.trustStore()).start();
        impostor = SipTestAgent.builder().address(TestNet.address(25)).tls(pki.issue("agent", "dns:sip.example.net"),
                pki.trustStore()).start();
        tlsPort = FreePorts.tcp(GW_IP);
        gw = new TestGateway(TestGateway.tlsConfig() + """
                gateway.sip {
                  listen { udp = [], tcp = [], tls = ["%1$s:%2$d"] }
                  tls.client-auth = need
                  trust.peers = [ { name = "by-certificate", certificate-names = ["sip.example.net"], domains = ["sip.example.net"] } ]
                  routing.static-routes {
                    "sip.example.net" = "%3$s:%4$d;transport=tls"
                    "mismatch.example.net" = "%5$s:%6$d;transport=tls"
                  }
                }
                """.formatted(GW_IP, tlsPort, UA_IP, ua.port("tls"), impostor.address(), impostor.port("tls"))).start();
    }

    @AfterAll
    void stop() {
        gw.close();
        ua.close();
        impostor.close();
    }

    @Test
    @DisplayName("SEC-01: a peer whose client certificate names sip.example.net may send for sip.example.net")
    void certificateNameTrusted() {
        var r = ua.sendAndWait(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                .body("text/plain", "signed"), "tls", GW_IP, tlsPort);
        assertEquals(200, r.getStatusCode());
        assertEquals("by-certificate", gw.handler.expect().trustedPeer());
    }

    @Test
    @DisplayName("SEC-01: a certificate naming another domain gets 403")
    void otherCertificate() {
        try (SipTestAgent other = SipTestAgent.builder().address(TestNet.address(24))
                .tls(pki.issue("other", "dns:other.example.org"), pki.trustStore()).start()) {
            var r = other.sendAndWait(other.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                    .body("text/plain", "x"), "tls", GW_IP, tlsPort);
            assertEquals(403, r.getStatusCode());
        }
    }

    @Test
    @DisplayName("SEC-01: with client-auth = need, a TLS client without a certificate does not get through the handshake")
    void clientCertificateRequired() {
        assertThrows(RuntimeException.class, () -> {
            try (RawSipClient c = RawSipClient.connect("tls", UA_IP, GW_IP, tlsPort, null, pki.trustStore())) {
                c.send("OPTIONS sip:juliet@xmpp.example.test SIP/2.0\r\nContent-Length: 0\r\n\r\n");
                if (c.receive() == null) {
                    throw new IllegalStateException("connection refused after handshake");
                }
            }
        });
    }

    SipOutcome send(String domain) throws Exception {
        SipRequest m = new SipRequest("MESSAGE", "sips:romeo@" + domain,
                NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter.newTag()), NameAddress.of("sip:romeo@" + domain),
                gw.adapter.newCallId(), 1, SipHeaders.EMPTY, SipBody.text("text/plain", "over TLS"));
        return gw.adapter.send(m).toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("SEC-01 (RFC 5922): outgoing TLS succeeds when the server certificate names the target domain")
    void serverCertificateMatches() throws Exception {
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, send("sip.example.net")).response().status());
        assertEquals("SIP/2.0/TLS", ua.expectRequest().header("Via").split(" ")[0]);
    }

    @Test
    @DisplayName("SEC-01 (RFC 5922): a server whose certificate names another domain gets nothing; the send fails as TRANSPORT")
    void serverCertificateMismatch() throws Exception {
        SipOutcome.Failure f = assertInstanceOf(SipOutcome.Failure.class, send("mismatch.example.net"));
        assertEquals(SipOutcome.Kind.TRANSPORT, f.kind());
        assertTrue(f.detail().contains("mismatch.example.net"), f.detail());
        assertEquals(null, impostor.next(java.time.Duration.ofMillis(300)), "no request reached the impostor");
    }
}
