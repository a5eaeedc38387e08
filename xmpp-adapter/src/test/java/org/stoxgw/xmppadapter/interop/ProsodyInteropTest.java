package org.stoxgw.xmppadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.SlixmppClient;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;
import org.stoxgw.xmppadapter.AdapterPeer;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.LinkInfo;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * Federation with a real Prosody 0.12 on loopback (see src-test-fixtures/peers/README.md): the gateway
 * (its XMPP adapter, with a test handler that answers every chat message) is gw.test, Prosody is
 * xmpp.test with a user driven by slixmpp. Stanzas cross both ways intact in each security setup. The
 * tests use only RFC 6120 behaviour, so they would pass against any conforming server.
 */
class ProsodyInteropTest {
    static final String GW = "gw.test";
    static final String XMPP = "xmpp.test";
    static final String BODY = "h\u00e9llo <&> \uD83D\uDE00 \"q\"";
    static final Duration WAIT = Duration.ofSeconds(30);

    private AdapterPeer gateway;
    private ProsodyPeer prosody;
    private ManagedProcess receiver;
    private Path work;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (prosody != null) {
            prosody.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Starts the gateway on TestNet address 3 (port chosen at bind) and Prosody pointing at it. */
    private void start(TestInfo info, String gatewayExtra, java.util.function.UnaryOperator<ProsodyPeer.Builder> prosodyOptions)
            throws Exception {
        work = Path.of("target", "peers", "prosody-interop", info.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        SlixmppClient.require();
        String gwIp = TestNet.address(3);
        gateway = new AdapterPeer(GW, gwIp + ":0", """
                gateway.xmpp.routes { "%s" = "%s:%d" }
                gateway.logging.wire.xmpp = true
                %s
                """.formatted(XMPP, TestNet.address(2), ProsodyPeer.S2S_PORT, gatewayExtra));
        int gwPort = Integer.parseInt(gateway.listeningPoints.get(0).substring(gateway.listeningPoints.get(0).lastIndexOf(':') + 1));
        gateway.onStanza = s -> {
            if (s.stanza() instanceof Message m && m.getType() == Message.Type.chat && m.getBody() != null
                    && !m.getBody().startsWith("pong")) {
                gateway.adapter.send(AdapterPeer.message(m.getTo().toString(), m.getFrom().toString(), "r-" + m.getStanzaId(),
                        "pong: " + m.getBody()));
            }
        };
        prosody = prosodyOptions.apply(ProsodyPeer.builder(work.resolve("prosody"), XMPP)
                .gatewayRoute(GW, gwIp, gwPort).user("alice", "pw-alice")).start();
    }

    /** Prosody -> gateway: alice sends, the gateway's handler answers, alice gets the answer. */
    private void prosodyToGateway() {
        SlixmppClient.Run run = SlixmppClient.send(work, "send", "alice@" + XMPP, "pw-alice", prosody.ip(), "bob@" + GW, BODY,
                "--expect-reply", "pong", "--timeout", "30");
        assertEquals(0, run.exitCode(), String.join("\n", run.lines()) + "\nprosody:\n" + prosody.logTail(30));
        assertEquals("REPLY-RECEIVED from=bob@" + GW + " body=pong: " + BODY,
                run.line("REPLY-RECEIVED").replaceFirst("from=bob@gw.test/\\S*", "from=bob@gw.test"));
        InboundStanza in = gateway.received.stream().filter(s -> s.stanza() instanceof Message m && BODY.equals(m.getBody()))
                .findFirst().orElseThrow();
        assertEquals(XMPP, in.remoteDomain());
        assertEquals(GW, in.localDomain());
    }

    /** Gateway -> Prosody: the gateway sends, alice receives intact and replies, the gateway gets the reply. */
    private void gatewayToProsody() throws Exception {
        receiver = SlixmppClient.receiver(work, "recv", "alice@" + XMPP, "pw-alice", prosody.ip(), "--reply", "pong from alice",
                "--timeout", "60", "--linger", "5");
        XmppOutcome o = gateway.sendAndWait(AdapterPeer.message("bob@" + GW, "alice@" + XMPP, "g1", BODY), WAIT);
        assertInstanceOf(XmppOutcome.Sent.class, o, o + "\nprosody:\n" + prosody.logTail(30));
        receiver.awaitLog("^RECEIVED from=bob@" + GW + " body=" + java.util.regex.Pattern.quote(BODY) + "$", WAIT);
        InboundStanza reply = gateway.await(s -> s.stanza() instanceof Message m && "pong from alice".equals(m.getBody()), WAIT);
        assertEquals("alice@" + XMPP, reply.stanza().getFrom().asBareJid().toString());
    }

    private LinkInfo link(String direction) {
        LinkInfo l = gateway.link(direction, XMPP);
        assertNotNull(l, direction + " link to " + XMPP + " in " + gateway.adapter.describeLinks());
        return l;
    }

    @Test
    @DisplayName("(a) SEC-01 CORE-08: Prosody -> gateway over STARTTLS with dialback; the answer goes back")
    void prosodyToGatewayTlsDialback(TestInfo info) throws Exception {
        XmppTestPki gwPki = new XmppTestPki(work(info).resolve("gw-pki"), "gateway-own");
        XmppTestPki prosodyPki = new XmppTestPki(work(info).resolve("prosody-pki"), "prosody-own");
        prosodyPki.issue(XMPP);
        start(info, AdapterPeer.tlsConfig(gwPki, gwPki.issue(GW)), b -> b.certificates(prosodyPki.caPem().getParent()));
        prosodyToGateway();
        LinkInfo in = link("in");
        assertEquals("dialback", in.getAuth(), in.describe());
        assertEquals("tls", in.getTls(), in.describe());
    }

    @Test
    @DisplayName("(b) SEC-01 CORE-08: gateway -> Prosody over STARTTLS with dialback; alice's reply comes back")
    void gatewayToProsodyTlsDialback(TestInfo info) throws Exception {
        XmppTestPki gwPki = new XmppTestPki(work(info).resolve("gw-pki"), "gateway-own");
        XmppTestPki prosodyPki = new XmppTestPki(work(info).resolve("prosody-pki"), "prosody-own");
        prosodyPki.issue(XMPP);
        start(info, AdapterPeer.tlsConfig(gwPki, gwPki.issue(GW)), b -> b.certificates(prosodyPki.caPem().getParent()));
        gatewayToProsody();
        LinkInfo out = link("out");
        assertEquals("dialback", out.getAuth(), out.describe());
        assertEquals("tls", out.getTls(), out.describe());
    }

    @Test
    @DisplayName("(c) SEC-01: SASL EXTERNAL both ways with certificates from the test's CA, Prosody with s2s_secure_auth")
    void saslExternal(TestInfo info) throws Exception {
        XmppTestPki pki = new XmppTestPki(work(info).resolve("pki"), "interop");
        pki.issue(XMPP);
        start(info, AdapterPeer.tlsConfig(pki, pki.issue(GW)), b -> b.certificates(pki.caPem().getParent()).secureAuth(pki.caPem()));
        prosodyToGateway();
        gatewayToProsody();
        LinkInfo in = link("in");
        assertEquals("sasl-external", in.getAuth(), in.describe());
        assertEquals("tls-verified", in.getTls(), in.describe());
        LinkInfo out = link("out");
        assertEquals("sasl-external", out.getAuth(), out.describe());
        assertEquals("tls-verified", out.getTls(), out.describe());
    }

    @Test
    @DisplayName("(d) SEC-01: Prosody requires encryption; both directions work over TLS")
    void prosodyRequiresEncryption(TestInfo info) throws Exception {
        XmppTestPki gwPki = new XmppTestPki(work(info).resolve("gw-pki"), "gateway-own");
        XmppTestPki prosodyPki = new XmppTestPki(work(info).resolve("prosody-pki"), "prosody-own");
        prosodyPki.issue(XMPP);
        start(info, AdapterPeer.tlsConfig(gwPki, gwPki.issue(GW)),
                b -> b.certificates(prosodyPki.caPem().getParent()).s2sTls(ProsodyPeer.S2sTls.REQUIRED));
        prosodyToGateway();
        gatewayToProsody();
        assertEquals("tls", link("in").getTls());
        assertEquals("tls", link("out").getTls());
    }

    private static Path work(TestInfo info) {
        return Path.of("target", "peers", "prosody-interop", info.getTestMethod().orElseThrow().getName()).toAbsolutePath();
    }
}
