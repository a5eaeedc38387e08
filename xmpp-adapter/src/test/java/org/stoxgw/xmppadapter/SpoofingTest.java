package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.regex.Matcher;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;
import org.stoxgw.xmppadapter.s2s.DialbackKeys;

/**
 * Peers that lie: a server authenticated as one domain sending as another, a forged dialback key, a
 * certificate for another domain. The gateway refuses each, and nothing reaches the core.
 */
class SpoofingTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String GW = "gw.example.test";
    static final String A = "a.example.test";

    static String header(String from) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
                + "xmlns:db='jabber:server:dialback' from='" + from + "' to='" + GW + "' version='1.0'>";
    }

    /** Opens a stream to the gateway as {@code from}, returns it and the stream id. */
    static String open(RawStream s, String from) throws Exception {
        s.send(header(from));
        Matcher m = s.await("<stream:stream [^>]*id='([^']+)'", WAIT);
        s.await("</stream:features>", WAIT);
        return m.group(1);
    }

    private static String routes(int pgw, int pa) {
        return "gateway.xmpp.routes { \"%s\" = \"127.0.0.1:%d\", \"%s\" = \"127.0.0.1:%d\" }\n".formatted(GW, pgw, A, pa);
    }

    @Test
    @DisplayName("a stream authenticated (dialback) as A that sends a stanza from B gets invalid-from; the core sees nothing")
    void fromAnotherDomain() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        int pa = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, routes(pgw, pa));
             AdapterPeer a = new AdapterPeer(A, "127.0.0.1:" + pa, routes(pgw, pa));
             RawStream s = new RawStream("127.0.0.1", pgw)) {
            String id = open(s, A);
            // A genuine key: the one a.example.test's own server would issue (its secret is known to the test).
            String key = new DialbackKeys("secret of " + A).key(GW, A, id);
            s.send("<db:result from='" + A + "' to='" + GW + "'>" + key + "</db:result>");
            s.await("<db:result [^>]*type='valid'", WAIT);
            s.send("<message from='juliet@a.example.test' to='romeo@gw.example.test' id='ok'><body>genuine</body></message>");
            gw.await(st -> "ok".equals(st.stanza().getStanzaId()), WAIT);
            s.send("<message from='mallory@b.example.test' to='romeo@gw.example.test' id='spoof'><body>trust me</body></message>");
            s.await("<stream:error><invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", WAIT);
            assertTrue(s.closedWithin(WAIT));
            assertTrue(gw.received.stream().noneMatch(st -> "spoof".equals(st.stanza().getStanzaId())));
        }
    }

    @Test
    @DisplayName("a decoy 'from' in another namespace before the real one (fuzz finding): the real 'from' is checked, "
            + "invalid-from; the core sees nothing")
    void namespacedDecoyAttribute() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        int pa = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, routes(pgw, pa));
             AdapterPeer a = new AdapterPeer(A, "127.0.0.1:" + pa, routes(pgw, pa));
             RawStream s = new RawStream("127.0.0.1", pgw)) {
            String id = open(s, A);
            String key = new DialbackKeys("secret of " + A).key(GW, A, id);
            s.send("<db:result from='" + A + "' to='" + GW + "'>" + key + "</db:result>");
            s.await("<db:result [^>]*type='valid'", WAIT);
            // StAX's getAttributeValue(null, "from") matches "from" in any namespace: the decoy would
            // have been checked while Smack hands the core the real, unauthenticated 'from'.
            s.send("<message xmlns:x='urn:example:decoy' x:from='juliet@a.example.test' from='ceo@b.example.test' "
                    + "to='romeo@gw.example.test' id='spoof'><body>wire the money</body></message>");
            s.await("<stream:error><invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", WAIT);
            assertTrue(s.closedWithin(WAIT));
            assertTrue(gw.received.stream().noneMatch(st -> "spoof".equals(st.stanza().getStanzaId())));
        }
    }

    @Test
    @DisplayName("a wrong dialback key: the authoritative server says invalid, the stream fails with not-authorized")
    void wrongDialbackKey() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        int pa = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, routes(pgw, pa));
             AdapterPeer a = new AdapterPeer(A, "127.0.0.1:" + pa, routes(pgw, pa));
             RawStream s = new RawStream("127.0.0.1", pgw)) {
            String id = open(s, A);
            String forged = new DialbackKeys("a guess").key(GW, A, id);
            s.send("<db:result from='" + A + "' to='" + GW + "'>" + forged + "</db:result>");
            s.await("<db:result [^>]*type='invalid'", WAIT);
            s.await("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", WAIT);
            assertTrue(s.closedWithin(WAIT));
            assertTrue(gw.bean().getInboundAuthFailures() >= 1);
            assertTrue(a.bean().getDialbackVerifyRequests() >= 1, "the question went to A's real server");
        }
    }

    @Test
    @DisplayName("as authoritative server the gateway confirms only keys it issued (XEP-0220 §2.3)")
    void authoritativeAnswers() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, "");
             RawStream s = new RawStream("127.0.0.1", pgw)) {
            open(s, "r.example");
            String good = new DialbackKeys("secret of " + GW).key("r.example", GW, "sid-1");
            s.send("<db:verify from='r.example' to='" + GW + "' id='sid-1'>" + good + "</db:verify>");
            s.await("<db:verify from='" + GW + "' to='r.example' id='sid-1' type='valid'/>", WAIT);
            s.send("<db:verify from='r.example' to='" + GW + "' id='sid-2'>" + good + "</db:verify>");
            s.await("<db:verify from='" + GW + "' to='r.example' id='sid-2' type='invalid'/>", WAIT);
        }
    }

    private static SSLContext client(XmppTestPki.Issued cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(cert.keyStore())) {
            ks.load(in, XmppTestPki.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, XmppTestPki.PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        return ctx;
    }

    /** STARTTLS with {@code cert} on a stream claiming {@code claimed}; returns the post-TLS features. */
    private static String tlsFeatures(RawStream s, SSLContext ctx, String claimed) throws Exception {
        open(s, claimed);
        s.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        s.await("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", WAIT);
        s.startTls(ctx, GW);
        s.send(header(claimed));
        return s.await("<stream:features>.*?</stream:features>", WAIT).group();
    }

    @Test
    @DisplayName("SEC-01: a certificate for another domain gets no SASL EXTERNAL, and forcing it fails; the right one succeeds")
    void certificateForAnotherDomain() throws Exception {
        XmppTestPki pki = new XmppTestPki(Path.of("target", "pki", "spoofing"), "spoofing");
        int pgw = FreePorts.tcp("127.0.0.1");
        String tls = AdapterPeer.tlsConfig(pki, pki.issue(GW));
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, tls)) {
            try (RawStream s = new RawStream("127.0.0.1", pgw)) {
                String features = tlsFeatures(s, client(pki.issue("evil.example")), A);
                assertFalse(features.contains("EXTERNAL"), features);
                s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
                s.await("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>", WAIT);
                s.send("<message from='x@a.example.test' to='romeo@gw.example.test'/>");
                s.await("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", WAIT);
            }
            try (RawStream s = new RawStream("127.0.0.1", pgw)) {
                String features = tlsFeatures(s, client(pki.issue(A)), A);
                assertTrue(features.contains("<mechanism>EXTERNAL</mechanism>"), features);
                s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
                s.await("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", WAIT);
                s.send(header(A));
                s.await("<stream:features></stream:features>", WAIT);
                s.send("<message from='juliet@a.example.test' to='romeo@gw.example.test' id='c1'><body>hi</body></message>");
                gw.await(st -> "c1".equals(st.stanza().getStanzaId()), WAIT);
                assertTrue(gw.bean().getInboundAuthSaslExternal() >= 1);
            }
        }
    }
}
