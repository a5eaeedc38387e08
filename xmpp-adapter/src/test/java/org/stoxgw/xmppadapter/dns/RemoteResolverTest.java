package org.stoxgw.xmppadapter.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.config.HostPort;

/** RFC 6120 §3.2 resolution through Netty's real resolver, against a DNS responder in the test JVM. */
class RemoteResolverTest {
    private EventLoopGroup group;
    private FakeDnsServer dns;
    private RemoteResolver resolver;

    @BeforeEach
    void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        dns = new FakeDnsServer(group);
        resolver = new RemoteResolver(group.next(), List.of(new HostPort("127.0.0.1", dns.port())), Duration.ofSeconds(5),
                Map.of("routed.example", new HostPort("127.0.0.9", 5999)));
    }

    @AfterEach
    void stop() {
        resolver.close();
        dns.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Resolution resolve(String domain) {
        return resolver.resolve(domain, group.next()).syncUninterruptibly().getNow();
    }

    @Test
    @DisplayName("CORE-05: _xmpp-server._tcp SRV targets in priority order with their ports, plus XEP-0368 direct TLS")
    void srvTargets() throws Exception {
        dns.srv("_xmpp-server._tcp.remote.example", 20, 0, 5299, "backup.remote.example")
                .srv("_xmpp-server._tcp.remote.example", 10, 0, 5269, "main.remote.example")
                .srv("_xmpps-server._tcp.remote.example", 5, 0, 5270, "main.remote.example")
                .a("main.remote.example", "127.0.0.2").a("backup.remote.example", "127.0.0.3");
        Resolution r = resolve("remote.example");
        assertTrue(r.found(), r.detail());
        List<String> got = r.endpoints().stream()
                .map(e -> e.address().getAddress().getHostAddress() + ":" + e.address().getPort() + (e.directTls() ? " tls" : ""))
                .toList();
        assertEquals(List.of("127.0.0.2:5270 tls", "127.0.0.2:5269", "127.0.0.3:5299"), got);
    }

    @Test
    @DisplayName("without SRV records: the domain's address on port 5269 (RFC 6120 §3.2.2)")
    void fallbackToAddress() throws Exception {
        dns.a("plain.example", "127.0.0.4");
        Resolution r = resolve("plain.example");
        assertEquals(1, r.endpoints().size(), r.detail());
        assertEquals(5269, r.endpoints().get(0).address().getPort());
        assertEquals("127.0.0.4", r.endpoints().get(0).address().getAddress().getHostAddress());
    }

    @Test
    @DisplayName("an SRV target of \".\" means no XMPP service: a definitive failure (remote-server-not-found)")
    void noService() {
        dns.srv("_xmpp-server._tcp.nothing.example", 0, 0, 0, ".");
        Resolution r = resolve("nothing.example");
        assertFalse(r.found());
        assertTrue(r.definitive(), r.detail());
    }

    @Test
    @DisplayName("a domain that does not exist: definitive failure")
    void nxdomain() {
        Resolution r = resolve("missing.example");
        assertFalse(r.found());
        assertTrue(r.definitive(), r.detail());
    }

    @Test
    @DisplayName("a static route wins over DNS and asks no DNS question")
    void staticRoute() {
        Resolution r = resolve("routed.example");
        assertEquals("127.0.0.9", r.endpoints().get(0).address().getAddress().getHostAddress());
        assertEquals(5999, r.endpoints().get(0).address().getPort());
        assertTrue(dns.questions.stream().noneMatch(q -> q.contains("routed.example")), dns.questions.toString());
    }
}
