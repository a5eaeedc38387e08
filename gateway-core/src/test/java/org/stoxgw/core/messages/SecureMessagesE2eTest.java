package org.stoxgw.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;
import org.stoxgw.testfixtures.sip.ReceivedRequest;
import org.stoxgw.testfixtures.sip.SipTestAgent;

/**
 * IM-22: messages cross with each protocol's own security on every hop. XMPP: Prosody requires
 * encrypted S2S and valid certificates (s2s_secure_auth), so the gateway's streams are STARTTLS with
 * SASL EXTERNAL both ways; SIP: the user agent talks to the gateway over TLS, and the gateway reaches
 * it over TLS, checking its certificate (RFC 5922). A {@code sips:} target is refused (SEC-02).
 * The SIP UA is a JAIN-SIP test agent (SIPp and baresip here have no TLS).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureMessagesE2eTest {
    static final String UA_IP = TestNet.address(43);
    static final Duration WAIT = Duration.ofSeconds(30);

    final Path work = Path.of("target", "e2e", "secure-messages").toAbsolutePath();
    Federation world;
    SipTestAgent romeo;
    ScriptedXmppClient juliet;
    int tlsPort;

    @BeforeAll
    void start() {
        XmppTestPki pki = new XmppTestPki(work.resolve("pki"), "e2e-ca");
        pki.issue(GatewayUnderTest.XMPP_DOMAIN);
        XmppTestPki.Issued gw = pki.issue(GatewayUnderTest.SIP_DOMAIN);
        // the UA is a sip.test user: its certificate names sip.test, the gateway's XMPP domain for it
        romeo = SipTestAgent.builder().name("romeo-tls").address(UA_IP).tls(gw.keyStore(), pki.trustStore()).start();
        GatewayUnderTest.Builder b = GatewayUnderTest.builder();
        tlsPort = FreePorts.tcp(b.ip());
        b.sipRoute(GatewayUnderTest.SIP_DOMAIN, UA_IP + ":" + romeo.port("tls") + ";transport=tls").hocon("""
                gateway.tls {
                  key-store = "%s", key-store-password = "%s"
                  trust-store = "%s", trust-store-password = "%s"
                }
                gateway.sip.listen.tls = ["%s:%d"]
                gateway.xmpp.security { tls = required, auth = certificates-required }
                """.formatted(gw.keyStore(), XmppTestPki.PASSWORD, pki.trustStore(), XmppTestPki.PASSWORD, b.ip(), tlsPort));
        world = Federation.start(work, b, p -> p.certificates(pki.caPem().getParent()).secureAuth(pki.caPem())
                .s2sTls(ProsodyPeer.S2sTls.REQUIRED), "juliet");
        juliet = world.login("juliet", false);
        world.warmUp(juliet);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
        if (romeo != null) {
            romeo.close();
        }
    }

    @Test
    @DisplayName("IM-22 / SEC-01: SIP over TLS -> S2S over STARTTLS with SASL EXTERNAL -> juliet")
    void tlsToXmpp() {
        SIPResponse r = romeo.sendAndWait(romeo.request("MESSAGE", "sip:juliet@xmpp.test").from("sip:romeo@sip.test")
                .body("text/plain", "over TLS all the way"), "tls", world.gateway().ip(), tlsPort);
        assertEquals(202, r.getStatusCode());
        ScriptedXmppClient.Received m = juliet.awaitMessage(x -> "over TLS all the way".equals(x.body()), WAIT);
        assertEquals("romeo@sip.test", m.from());
        List<String> links = world.gateway().xmppLinks();
        assertTrue(links.stream().anyMatch(l -> l.startsWith("out sip.test -> xmpp.test") && l.contains("auth=sasl-external")
                && l.contains("tls=tls-verified")), links.toString());
    }

    @Test
    @DisplayName("IM-22 / SEC-01: juliet -> S2S over TLS -> the gateway -> SIP over TLS to a UA whose certificate names sip.test")
    void tlsToSip() {
        juliet.message("romeo@sip.test").id("tls-1").body("and back over TLS").send();
        ReceivedRequest in = romeo.expectRequest();
        assertEquals("and back over TLS", in.body());
        assertTrue(in.header("Via").startsWith("SIP/2.0/TLS"), in.header("Via"));
        List<String> links = world.gateway().xmppLinks();
        assertTrue(links.stream().anyMatch(l -> l.startsWith("in sip.test <- xmpp.test") && l.contains("auth=sasl-external")
                && l.contains("tls=tls-verified")), links.toString());
    }

    /** Exactly {@code bytes} octets of UTF-8 with non-ASCII, XML specials and line feeds. */
    private static String text(int bytes, String tag) {
        String piece = tag + " Grüße <&> \"quoted\" 'apos' ünïcödé 😀 — line\n";
        StringBuilder sb = new StringBuilder();
        int n = 0;
        int pieceBytes = piece.getBytes(StandardCharsets.UTF_8).length;
        while (n + pieceBytes <= bytes) {
            sb.append(piece);
            n += pieceBytes;
        }
        sb.append("x".repeat(bytes - n));
        return sb.toString();
    }

    @Test
    @DisplayName("a 64 KiB body (65,536 octets, UTF-8, XML specials, line feeds) arrives byte-identical, SIP over TLS -> XMPP")
    void sixtyFourKibToXmpp() {
        String body = text(65_536, "s2x");
        assertEquals(65_536, body.getBytes(StandardCharsets.UTF_8).length);
        SIPResponse r = romeo.sendAndWait(romeo.request("MESSAGE", "sip:juliet@xmpp.test").from("sip:romeo@sip.test")
                .body("text/plain;charset=UTF-8", body), "tls", world.gateway().ip(), tlsPort);
        assertEquals(202, r.getStatusCode());
        ScriptedXmppClient.Received m = juliet.awaitMessage(x -> x.body() != null && x.body().startsWith("s2x "), WAIT);
        assertEquals(body, m.body());
    }

    @Test
    @DisplayName("a 64 KiB body (65,536 octets) arrives byte-identical, XMPP -> SIP over TLS")
    void sixtyFourKibToSip() {
        String body = text(65_536, "x2s");
        juliet.message("romeo@sip.test").id("big-64k").body(body).send();
        ReceivedRequest in = romeo.expectRequest();
        assertEquals(65_536, in.body().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(body, in.body());
    }

    @Test
    @DisplayName("SEC-02: a sips: target is not translated into XMPP, which cannot keep every hop secure (416)")
    void sipsRefused() {
        SIPResponse r = romeo.sendAndWait(romeo.request("MESSAGE", "sips:juliet@xmpp.test").from("sips:romeo@sip.test")
                .body("text/plain", "must stay secure end to end"), "tls", world.gateway().ip(), tlsPort);
        assertEquals(416, r.getStatusCode());
        assertTrue(juliet.messages().stream().noneMatch(x -> "must stay secure end to end".equals(x.body())));
    }
}
