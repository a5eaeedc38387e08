package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.TcpProxy;
import org.stoxgw.xmppadapter.dns.FakeDnsServer;

/**
 * "Nothing is ever dropped without an error to its sender": every send ends as Sent (the remote server
 * confirmed it) or Failed with the condition the core bounces to the sender, whatever happens to the
 * link, the remote server or the gateway itself.
 */
class LinkDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    private static String routes(int pa, int pb) {
        return "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb);
    }

    @Test
    @DisplayName("a link killed in the middle of a steady flow: delivered + failed = sent, every Sent stanza arrived")
    void linkKilledMidFlow() throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes(pa, pb));
             TcpProxy proxy = new TcpProxy("127.0.0.1", new InetSocketAddress("127.0.0.1", pb));
             AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes(pa, proxy.port()))) {
            int n = 400;
            List<CompletableFuture<XmppOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                outcomes.add(a.adapter.send(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "s" + i, "n" + i))
                        .toCompletableFuture());
                if (i == n / 2) {
                    // cut a link that is up: the first stanza has its outcome (on a slow machine the
                    // first connection may still be negotiating here, and there would be nothing to cut)
                    outcomes.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    proxy.cutAll();
                }
                Thread.sleep(2);
            }
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Set<String> sent = new HashSet<>();
            Set<String> failed = new HashSet<>();
            for (int i = 0; i < n; i++) {
                XmppOutcome o = outcomes.get(i).getNow(null);
                (o instanceof XmppOutcome.Sent ? sent : failed).add("s" + i);
            }
            Set<String> arrived = new HashSet<>();
            b.received.forEach(s -> arrived.add(s.stanza().getStanzaId()));
            assertEquals(n, sent.size() + failed.size(), "every send has an outcome");
            Set<String> missing = new HashSet<>(sent);
            missing.removeAll(arrived);
            assertEquals(Set.of(), missing, "every stanza reported Sent was received");
            Set<String> unaccounted = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (!arrived.contains("s" + i) && !failed.contains("s" + i)) {
                    unaccounted.add("s" + i);
                }
            }
            assertEquals(Set.of(), unaccounted, "nothing unaccounted");
            assertTrue(proxy.accepted() >= 2, "the link was re-established: " + proxy.accepted());
            System.out.printf("link kill: sent=%d delivered=%d failed=%d received(distinct)=%d duplicates=%d resent=%d%n", n,
                    sent.size(), failed.size(), arrived.size(), b.received.size() - arrived.size(), a.bean().getResent());
        }
    }

    @Test
    @DisplayName("a remote server that does not answer: remote-server-timeout after the delivery time")
    void unreachable() throws Exception {
        int closed = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:0",
                routes(0, closed) + "gateway.xmpp.timeouts.delivery = 4s\n")) {
            XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class,
                    a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "u1", "x"), WAIT));
            assertEquals(StanzaError.Condition.remote_server_timeout, f.condition());
            assertTrue(f.detail().contains("cannot connect"), f.detail());
            assertEquals(1, a.bean().getBounced());
        }
    }

    @Test
    @DisplayName("a domain without XMPP service in DNS: remote-server-not-found at once")
    void notFound() throws Exception {
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (FakeDnsServer dns = new FakeDnsServer(g);
             AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:0",
                     "gateway.xmpp.dns.servers = [\"127.0.0.1:" + dns.port() + "\"]\n")) {
            XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class,
                    a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@nowhere.example", "n1", "x"), WAIT));
            assertEquals(StanzaError.Condition.remote_server_not_found, f.condition());
        } finally {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("links to domains that failed leave the registry: contacting many domains cannot grow memory")
    void failedLinksAreRetired() throws Exception {
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (FakeDnsServer dns = new FakeDnsServer(g);
             AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:0",
                     "gateway.xmpp.dns.servers = [\"127.0.0.1:" + dns.port() + "\"]\n")) {
            for (int i = 0; i < 50; i++) {
                XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class, a.sendAndWait(
                        AdapterPeer.message("alice@a.example.test", "bob@nowhere" + i + ".example", "r" + i, "x"), WAIT));
                assertEquals(StanzaError.Condition.remote_server_not_found, f.condition());
            }
            Eventually.holds(() -> a.adapter.describeLinks().stream().noneMatch(l -> l.contains("nowhere")), WAIT);
            assertEquals(List.of(), a.adapter.describeLinks().stream().filter(l -> l.contains("nowhere")).toList());
            // a later send to one of them gets a fresh link and the same honest outcome
            assertInstanceOf(XmppOutcome.Failed.class, a.sendAndWait(
                    AdapterPeer.message("alice@a.example.test", "bob@nowhere1.example", "again", "x"), WAIT));
        } finally {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a full link queue refuses at once with resource-constraint; the others still get an outcome")
    void queueLimit() throws Exception {
        int closed = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:0",
                routes(0, closed) + "gateway.xmpp.timeouts.delivery = 1s\ngateway.xmpp.limits.queue-per-link = 3\n")) {
            List<CompletableFuture<XmppOutcome>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(a.adapter.send(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "q" + i, "x"))
                        .toCompletableFuture());
            }
            XmppOutcome.Failed fourth = assertInstanceOf(XmppOutcome.Failed.class, all.get(3).get(5, TimeUnit.SECONDS));
            assertEquals(StanzaError.Condition.resource_constraint, fourth.condition());
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(XmppOutcome.Failed.class, all.get(i).get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @DisplayName("stop(): what cannot go out within the grace time fails with an outcome, new sends fail at once")
    void stopFailsTheRest() throws Exception {
        int closed = FreePorts.tcp("127.0.0.1");
        AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:0", routes(0, closed));
        CompletableFuture<XmppOutcome> waiting = a.adapter.send(
                AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "w1", "x")).toCompletableFuture();
        a.adapter.stop(Duration.ofMillis(300));
        XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class, waiting.get(5, TimeUnit.SECONDS));
        assertTrue(f.detail().contains("stop"), f.detail());
        assertInstanceOf(XmppOutcome.Failed.class, a.adapter.send(
                AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "w2", "x")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        a.close();
    }

    @Test
    @DisplayName("policy: a denied remote domain gets forbidden; a 'from' outside the gateway's domains is refused")
    void policy() throws Exception {
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:0",
                "gateway.xmpp.remote-domains.deny = [\"*.evil.example\"]\n")) {
            XmppOutcome.Failed f = assertInstanceOf(XmppOutcome.Failed.class,
                    a.sendAndWait(AdapterPeer.message("alice@a.example.test", "x@chat.evil.example", "p1", "x"), WAIT));
            assertEquals(StanzaError.Condition.forbidden, f.condition());
            XmppOutcome.Failed g = assertInstanceOf(XmppOutcome.Failed.class,
                    a.sendAndWait(AdapterPeer.message("alice@other.example", "x@b.example.test", "p2", "x"), WAIT));
            assertEquals(StanzaError.Condition.bad_request, g.condition());
        }
    }

    @Test
    @DisplayName("the XmppLinks MXBean over the platform MBean server: links with auth and TLS state, counters")
    void jmx() throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("org.stoxgw.test:type=XmppLinks");
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes(pa, pb));
             AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes(pa, pb))) {
            mbs.registerMBean(a.adapter.managedBeans().get("XmppLinks"), name);
            assertInstanceOf(XmppOutcome.Sent.class,
                    a.sendAndWait(AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "j1", "x"), WAIT));
            b.await(s -> s.stanza() instanceof Message, WAIT);
            assertEquals(1L, mbs.getAttribute(name, "Delivered"));
            assertEquals(1, mbs.getAttribute(name, "OutboundLinks"));
            CompositeData[] links = (CompositeData[]) mbs.getAttribute(name, "Links");
            CompositeData out = java.util.Arrays.stream(links).filter(l -> "out".equals(l.get("direction"))).findFirst().orElseThrow();
            assertEquals("b.example.test", out.get("remoteDomain"));
            assertEquals("dialback", out.get("auth"));
            assertEquals("none", out.get("tls"));
            assertEquals("READY", out.get("state"));
            // Two gateways of this kind answer each other's probes without confirming the answers:
            // once the stanza is confirmed, the links fall quiet (no endless probe ping-pong).
            Thread.sleep(1000);
            long before = a.bean().getStanzasOut() + b.bean().getStanzasOut();
            Thread.sleep(1500);
            assertEquals(before, a.bean().getStanzasOut() + b.bean().getStanzasOut(), "links are quiet");
            assertEquals(1L, mbs.getAttribute(name, "Delivered"), "adapter-generated answers are not counted");
        } finally {
            if (mbs.isRegistered(name)) {
                mbs.unregisterMBean(name);
            }
        }
    }
}
