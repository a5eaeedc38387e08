package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;

/**
 * Two gateways' adapters federating over loopback TCP with each other: every authentication path
 * (dialback in clear, STARTTLS + dialback with untrusted certificates, SASL EXTERNAL with trusted
 * ones) carries stanzas both ways intact, and the JMX view shows how each link is secured.
 */
class FederationTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String BODY = "caf\u00e9 <b>&amp;</b> \uD83D\uDE00 'q' \"d\"";
    static final Path PKI = Path.of("target", "pki", "federation");

    /** Starts a and b with routes to each other, sends a -> b and b's echo back, returns both peers. */
    private static void roundTrip(String aExtra, String bExtra, String expectAuth, String expectTls) throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        String routes = "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb);
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes + aExtra);
             AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes + bExtra)) {
            b.onStanza = s -> {
                if (s.stanza() instanceof Message m && m.getType() == Message.Type.chat) {
                    b.adapter.send(AdapterPeer.message(m.getTo().toString(), m.getFrom().toString(), "re-" + m.getStanzaId(),
                            "echo: " + m.getBody()));
                }
            };
            XmppOutcome o = a.sendAndWait(AdapterPeer.message("alice@a.example.test/phone", "bob@b.example.test", "m1", BODY), WAIT);
            assertInstanceOf(XmppOutcome.Sent.class, o, o.toString());
            InboundStanza atB = b.await(s -> "m1".equals(s.stanza().getStanzaId()), WAIT);
            assertEquals(BODY, ((Message) atB.stanza()).getBody());
            assertEquals("a.example.test", atB.remoteDomain());
            assertEquals("b.example.test", atB.localDomain());
            assertEquals("alice@a.example.test/phone", atB.stanza().getFrom().toString());
            InboundStanza echo = a.await(s -> "re-m1".equals(s.stanza().getStanzaId()), WAIT);
            assertEquals("echo: " + BODY, ((Message) echo.stanza()).getBody());

            LinkInfo out = a.link("out", "b.example.test");
            assertEquals("READY", out.getState(), out.describe());
            assertEquals(expectAuth, out.getAuth(), out.describe());
            assertEquals(expectTls, out.getTls(), out.describe());
            LinkInfo in = b.link("in", "a.example.test");
            assertNotNull(in, b.bean().getLinks().toString());
            assertEquals(expectAuth, in.getAuth(), in.describe());
            assertTrue(a.bean().getDelivered() >= 1 && b.bean().getStanzasIn() >= 1);
            assertTrue(a.adapter.describeLinks().stream().anyMatch(l -> l.startsWith("out a.example.test -> b.example.test READY")),
                    a.adapter.describeLinks().toString());
        }
    }

    @Test
    @DisplayName("CORE-08: dialback over plain TCP when neither gateway has a certificate")
    void dialbackWithoutTls() throws Exception {
        roundTrip("", "", "dialback", "none");
    }

    @Test
    @DisplayName("SEC-01: STARTTLS, then dialback because the certificates are not trusted")
    void starttlsWithDialback() throws Exception {
        XmppTestPki pkiA = new XmppTestPki(PKI.resolve("a"), "a-only");
        XmppTestPki pkiB = new XmppTestPki(PKI.resolve("b"), "b-only");
        roundTrip(AdapterPeer.tlsConfig(pkiA, pkiA.issue("a.example.test")), AdapterPeer.tlsConfig(pkiB, pkiB.issue("b.example.test")), "dialback", "tls");
    }

    @Test
    @DisplayName("SEC-01: STARTTLS and SASL EXTERNAL both ways with certificates from a shared CA (XEP-0178)")
    void saslExternal() throws Exception {
        XmppTestPki pki = new XmppTestPki(PKI.resolve("shared"), "shared");
        roundTrip(AdapterPeer.tlsConfig(pki, pki.issue("a.example.test")), AdapterPeer.tlsConfig(pki, pki.issue("b.example.test")), "sasl-external", "tls-verified");
    }

    @Test
    @DisplayName("SEC-01: TLS required by the receiving side; untrusted certificates, so dialback over TLS")
    void tlsRequiredByReceiver() throws Exception {
        XmppTestPki pkiA = new XmppTestPki(PKI.resolve("req-a"), "req-a");
        XmppTestPki pkiB = new XmppTestPki(PKI.resolve("req-b"), "req-b");
        roundTrip(AdapterPeer.tlsConfig(pkiA, pkiA.issue("a.example.test")),
                AdapterPeer.tlsConfig(pkiB, pkiB.issue("b.example.test")) + "gateway.xmpp.security.tls = required\n", "dialback", "tls");
    }

    @Test
    @DisplayName("SEC-01: a receiver requiring TLS cannot verify a sender that has no certificate: the send fails with an outcome")
    void tlsRequiredButImpossible() throws Exception {
        XmppTestPki pki = new XmppTestPki(PKI.resolve("req-only-b"), "req-only-b");
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        String common = "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb) + "gateway.xmpp.timeouts.delivery = 8s\n";
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, common);
             AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb,
                     common + AdapterPeer.tlsConfig(pki, pki.issue("b.example.test")) + "gateway.xmpp.security.tls = required\n")) {
            XmppOutcome o = a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "x1", "hi"), WAIT);
            XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class, o);
            assertEquals(StanzaError.Condition.remote_server_timeout, f.condition());
            assertTrue(f.detail().contains("dialback"), f.detail());
            assertTrue(b.received.isEmpty());
        }
    }


    @Test
    @DisplayName("SEC-01: XEP-0368 direct TLS: a finds b through _xmpps-server SRV and opens TLS at once; SASL EXTERNAL")
    void directTlsViaSrv() throws Exception {
        XmppTestPki pki = new XmppTestPki(PKI.resolve("direct"), "direct");
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        int pbTls = FreePorts.tcp("127.0.0.1");
        io.netty.channel.EventLoopGroup g = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                io.netty.channel.nio.NioIoHandler.newFactory());
        try (org.stoxgw.xmppadapter.dns.FakeDnsServer dns = new org.stoxgw.xmppadapter.dns.FakeDnsServer(g)) {
            dns.srv("_xmpps-server._tcp.b.example.test", 0, 0, pbTls, "xmpp.b.example.test").a("xmpp.b.example.test", "127.0.0.1");
            try (AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, AdapterPeer.tlsConfig(pki, pki.issue("b.example.test"))
                    + "gateway.xmpp.listen-direct-tls = [\"127.0.0.1:" + pbTls + "\"]\n"
                    + "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:" + pa + "\" }\n");
                 AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, AdapterPeer.tlsConfig(pki, pki.issue("a.example.test"))
                         + "gateway.xmpp.dns.servers = [\"127.0.0.1:" + dns.port() + "\"]\n")) {
                assertTrue(b.listeningPoints.contains("xmpp-s2s-tls 127.0.0.1:" + pbTls), b.listeningPoints.toString());
                assertInstanceOf(XmppOutcome.Sent.class,
                        a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "t1", BODY), WAIT));
                assertEquals(BODY, ((Message) b.await(s -> "t1".equals(s.stanza().getStanzaId()), WAIT).stanza()).getBody());
                LinkInfo out = a.link("out", "b.example.test");
                assertEquals("sasl-external", out.getAuth(), out.describe());
                assertEquals("tls-verified", out.getTls(), out.describe());
            }
        } finally {
            g.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("JIDESC-11: disco#info of a gateway domain over S2S; unknown IQs get service-unavailable; user IQs reach the core when it claims their namespace")
    void domainIqs() throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        String routes = "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb);
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes);
             AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes)) {
            DiscoverInfo q = DiscoverInfo.builder("d1").ofType(IQ.Type.get).from(JidCreate.from("alice@a.example.test/x"))
                    .to(JidCreate.from("b.example.test")).build();
            assertInstanceOf(XmppOutcome.Sent.class, a.sendAndWait(q, WAIT));
            DiscoverInfo info = assertInstanceOf(DiscoverInfo.class, a.await(s -> "d1".equals(s.stanza().getStanzaId()), WAIT).stanza());
            assertTrue(info.hasIdentity("gateway", "sip"), info.toXML().toString());
            assertTrue(info.containsFeature("jid\\20escaping"));

            String unknown = "<iq xmlns='jabber:client' type='get' id='u1' from='alice@a.example.test/x' to='b.example.test'>"
                    + "<query xmlns='urn:example:nothing'/></iq>";
            assertInstanceOf(XmppOutcome.Sent.class, a.sendAndWait(org.stoxgw.xmppadapter.stanza.StanzaCodec.parse(unknown), WAIT));
            IQ err = (IQ) a.await(s -> "u1".equals(s.stanza().getStanzaId()), WAIT).stanza();
            assertEquals(StanzaError.Condition.service_unavailable, err.getError().getCondition());

            b.claimedIqs = java.util.Set.of("jabber:iq:version");
            String toUser = "<iq xmlns='jabber:client' type='get' id='v1' from='alice@a.example.test/x' to='bob@b.example.test'>"
                    + "<query xmlns='jabber:iq:version'/></iq>";
            a.sendAndWait(org.stoxgw.xmppadapter.stanza.StanzaCodec.parse(toUser), WAIT);
            assertEquals("bob@b.example.test", b.await(s -> "v1".equals(s.stanza().getStanzaId()), WAIT).stanza().getTo().toString());
            // a user IQ in a namespace the core does not claim is answered by the adapter
            String unclaimed = toUser.replace("'v1'", "'v2'").replace("jabber:iq:version", "jabber:iq:last");
            a.sendAndWait(org.stoxgw.xmppadapter.stanza.StanzaCodec.parse(unclaimed), WAIT);
            IQ refused = (IQ) a.await(s -> "v2".equals(s.stanza().getStanzaId()), WAIT).stanza();
            assertEquals(StanzaError.Condition.service_unavailable, refused.getError().getCondition());
            assertTrue(b.received.stream().noneMatch(s -> "d1".equals(s.stanza().getStanzaId()) || "u1".equals(s.stanza().getStanzaId())),
                    "IQs to the domain are answered by the adapter, not passed to the core");
        }
    }
}
