package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.xmppadapter.s2s.DialbackKeys;

/**
 * The XMPP side's limits (issue 9): going over one gets the offender a clear error, and another
 * domain or link is served as before. (Inbound stanza size, depth and attributes are in
 * {@code InboundStreamErrorsTest}; a full queue failing its own sends in {@code LinkDeliveryTest}.)
 */
class XmppLimitsTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String GW = "gw.example.test";
    static final String A = "a.example.test";
    static final String C = "c.example.test";

    private static String routes(int pgw, int pa, int pc) {
        return "gateway.xmpp.routes { \"%s\" = \"127.0.0.1:%d\", \"%s\" = \"127.0.0.1:%d\", \"%s\" = \"127.0.0.1:%d\" }\n"
                .formatted(GW, pgw, A, pa, C, pc);
    }

    private static void header(RawStream s, String from) throws Exception {
        s.send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
                + "xmlns:db='jabber:server:dialback' from='" + from + "' to='" + GW + "' version='1.0'>");
    }

    /** Opens a stream as {@code from} and authenticates it by dialback with a genuine key. */
    private static void authenticated(RawStream s, String from) throws Exception {
        header(s, from);
        String id = s.await("<stream:stream [^>]*id='([^']+)'", WAIT).group(1);
        s.await("</stream:features>", WAIT);
        String key = new DialbackKeys("secret of " + from).key(GW, from, id);
        s.send("<db:result from='" + from + "' to='" + GW + "'>" + key + "</db:result>");
        s.await("<db:result [^>]*type='valid'", WAIT);
    }

    @Test
    @DisplayName("limits.inbound-streams-per-domain: one stream too many from a domain gets policy-violation; "
            + "another domain still connects; a closed stream frees its place")
    void streamsPerDomain() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, "gateway.xmpp.limits.inbound-streams-per-domain = 2\n");
             RawStream a1 = new RawStream("127.0.0.1", pgw);
             RawStream a2 = new RawStream("127.0.0.1", pgw);
             RawStream a3 = new RawStream("127.0.0.1", pgw)) {
            header(a1, A);
            a1.await("</stream:features>", WAIT);
            header(a2, A);
            a2.await("</stream:features>", WAIT);
            header(a3, A);
            a3.await("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                    + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>too many streams from " + A, WAIT);
            assertTrue(a3.closedWithin(WAIT));
            try (RawStream c1 = new RawStream("127.0.0.1", pgw)) { // connected now: negotiation time runs from connect
                header(c1, C);
                c1.await("</stream:features>", WAIT);
            }
            a1.close();
            // the gateway notices a1's close on its own loop; until then a new stream is refused and closed,
            // so each attempt needs a connection of its own
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                try (RawStream a4 = new RawStream("127.0.0.1", pgw)) {
                    header(a4, A);
                    String seen = a4.await("</stream:features>|<stream:error>", WAIT).group();
                    if (seen.equals("</stream:features>")) {
                        break;
                    }
                    assertTrue(System.nanoTime() < deadline, "a closed stream never freed its place: " + a4.received());
                    Thread.sleep(50);
                }
            }
        }
    }

    @Test
    @DisplayName("limits.stanza-rate: a domain over its rate gets resource-constraint errors back; another domain's "
            + "stanzas still reach the core; JMX counts them")
    void stanzaRatePerDomain() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        int pa = FreePorts.tcp("127.0.0.1");
        int pc = FreePorts.tcp("127.0.0.1");
        String routes = routes(pgw, pa, pc);
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, routes
                + "gateway.xmpp.limits { stanza-rate = 1, stanza-burst = 3 }\n");
             AdapterPeer a = new AdapterPeer(A, "127.0.0.1:" + pa, routes);
             AdapterPeer c = new AdapterPeer(C, "127.0.0.1:" + pc, routes);
             RawStream fromA = new RawStream("127.0.0.1", pgw);
             RawStream fromC = new RawStream("127.0.0.1", pgw)) {
            AtomicInteger floodIn = new AtomicInteger();
            gw.onStanza = st -> {
                if (String.valueOf(st.stanza().getStanzaId()).startsWith("f")) {
                    floodIn.incrementAndGet();
                }
            };
            authenticated(fromA, A);
            authenticated(fromC, C);
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                flood.append("<message from='juliet@a.example.test' to='romeo@gw.example.test' id='f").append(i)
                        .append("' type='chat'><body>flood</body></message>");
            }
            fromA.send(flood.toString());
            InboundStanza err = a.await(st -> st.stanza() instanceof Message m && m.getType() == Message.Type.error, WAIT);
            StanzaError e = err.stanza().getError();
            assertEquals(StanzaError.Condition.resource_constraint, e.getCondition());
            assertEquals(StanzaError.Type.WAIT, e.getType());
            assertTrue(e.getDescriptiveText().contains("stanzas per second from a.example.test"), e.getDescriptiveText());
            fromC.send("<message from='bob@c.example.test' to='romeo@gw.example.test' id='c1'><body>hi</body></message>");
            gw.await(st -> "c1".equals(st.stanza().getStanzaId()), WAIT);
            Eventually.holds(() -> floodIn.get() + gw.bean().getRateLimited() >= 10, WAIT);
            assertEquals(10, floodIn.get() + gw.bean().getRateLimited(), "every flooded stanza is accounted for");
            assertTrue(floodIn.get() <= 5, "at most the burst (3) and a refill pass: " + floodIn.get());
        }
    }

    @Test
    @DisplayName("limits.queue-per-link: a full link to an unreachable domain refuses at once; sends to another domain "
            + "are delivered meanwhile")
    void queuePerLinkIsolation() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        int pc = FreePorts.tcp("127.0.0.1");
        int closed = FreePorts.tcp("127.0.0.1");
        String routes = routes(pgw, closed, pc);
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, routes
                + "gateway.xmpp.limits.queue-per-link = 2\ngateway.xmpp.timeouts.delivery = 2s\n");
             AdapterPeer c = new AdapterPeer(C, "127.0.0.1:" + pc, routes)) {
            List<CompletableFuture<XmppOutcome>> toA = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                toA.add(gw.adapter.send(AdapterPeer.message("romeo@gw.example.test", "juliet@a.example.test", "a" + i, "x"))
                        .toCompletableFuture());
            }
            XmppOutcome.Failed third = assertInstanceOf(XmppOutcome.Failed.class, toA.get(2).get(5, TimeUnit.SECONDS));
            assertEquals(StanzaError.Condition.resource_constraint, third.condition());
            XmppOutcome toC = gw.sendAndWait(AdapterPeer.message("romeo@gw.example.test", "bob@c.example.test", "c1", "y"), WAIT);
            assertInstanceOf(XmppOutcome.Sent.class, toC);
            c.await(st -> "c1".equals(st.stanza().getStanzaId()), WAIT);
            for (int i = 0; i < 2; i++) {
                assertInstanceOf(XmppOutcome.Failed.class, toA.get(i).get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @DisplayName("limits.stanza-bytes outbound: a stanza too large for the limit fails with not-acceptable before it "
            + "is written; the link keeps working")
    void outboundStanzaSize() throws Exception {
        int pgw = FreePorts.tcp("127.0.0.1");
        int pc = FreePorts.tcp("127.0.0.1");
        String routes = routes(pgw, 9, pc);
        try (AdapterPeer gw = new AdapterPeer(GW, "127.0.0.1:" + pgw, routes + "gateway.xmpp.limits.stanza-bytes = 10000\n");
             AdapterPeer c = new AdapterPeer(C, "127.0.0.1:" + pc, routes)) {
            XmppOutcome big = gw.sendAndWait(AdapterPeer.message("romeo@gw.example.test", "bob@c.example.test", "big",
                    "x".repeat(12_000)), WAIT);
            assertEquals(StanzaError.Condition.not_acceptable, assertInstanceOf(XmppOutcome.Failed.class, big).condition());
            assertInstanceOf(XmppOutcome.Sent.class, gw.sendAndWait(AdapterPeer.message("romeo@gw.example.test",
                    "bob@c.example.test", "small", "y"), WAIT));
            c.await(st -> "small".equals(st.stanza().getStanzaId()), WAIT);
            assertTrue(c.received.stream().noneMatch(st -> "big".equals(st.stanza().getStanzaId())));
        }
    }
}
