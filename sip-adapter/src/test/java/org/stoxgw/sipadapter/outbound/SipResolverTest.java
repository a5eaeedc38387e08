package org.stoxgw.sipadapter.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.sipadapter.NextHop;
import org.stoxgw.sipadapter.SipDnsSettings;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.dns.Dnsmasq;

/** RFC 3263 section 4 against a real dnsmasq on loopback serving NAPTR, SRV and A records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipResolverTest {
    static final String DNS_IP = TestNet.address(53);
    static final String TARGET_IP = TestNet.address(60);
    static final String OTHER_IP = TestNet.address(61);
    Dnsmasq dns;
    EventLoopGroup group;
    SipResolver resolver;

    @BeforeAll
    void start() {
        dns = Dnsmasq.builder(Path.of("target", "peers"), DNS_IP).zone("test")
                .host("proxy.naptr.test", TARGET_IP).host("proxy.srv.test", TARGET_IP).host("backup.srv.test", OTHER_IP)
                .host("a-only.test", TARGET_IP)
                // NAPTR: TCP first, then UDP (RFC 3263 section 4.1)
                .naptr("naptr.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.naptr.test")
                .naptr("naptr.test", 20, 10, "s", "SIP+D2U", "_sip._udp.naptr.test")
                .naptr("naptr.test", 5, 10, "s", "SIPS+D2T", "_sips._tcp.naptr.test")
                .srv("_sip._tcp.naptr.test", "proxy.naptr.test", 5070, 10, 10)
                .srv("_sip._udp.naptr.test", "proxy.naptr.test", 5080, 10, 10)
                // no NAPTR: SRV per transport, two priorities for UDP
                .srv("_sip._udp.srv.test", "proxy.srv.test", 5090, 10, 10)
                .srv("_sip._udp.srv.test", "backup.srv.test", 5091, 20, 10)
                .srv("_sip._tcp.srv.test", "proxy.srv.test", 5092, 10, 10)
                .start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        resolver = resolver(List.of(SipTransport.TCP, SipTransport.UDP));
    }

    SipResolver resolver(List<SipTransport> available) {
        var settings = new SipDnsSettings(List.of(dns.address()), Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofSeconds(1), 100);
        return new SipResolver(group.next(), settings, available);
    }

    @AfterAll
    void stop() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        dns.close();
    }

    List<String> resolve(String hop) throws Exception {
        return resolve(resolver, hop);
    }

    static List<String> resolve(SipResolver r, String hop) throws Exception {
        return r.resolve(NextHop.parse(hop)).get(10, TimeUnit.SECONDS).targets().stream().map(Target::toString).toList();
    }

    @Test
    @DisplayName("NAPTR then SRV then A: transports in NAPTR order, only those the gateway has (no TLS here)")
    void naptr() throws Exception {
        assertEquals(List.of("tcp " + TARGET_IP + ":5070", "udp " + TARGET_IP + ":5080"), resolve("sip:naptr.test"));
    }

    @Test
    @DisplayName("Without NAPTR: SRV for each transport in the configured order, SRV priority respected")
    void srvWithoutNaptr() throws Exception {
        assertEquals(List.of("tcp " + TARGET_IP + ":5092", "udp " + TARGET_IP + ":5090", "udp " + OTHER_IP + ":5091"),
                resolve("sip:srv.test"));
        SipResolver udpFirst = resolver(List.of(SipTransport.UDP, SipTransport.TCP));
        try {
            assertEquals("udp " + TARGET_IP + ":5090", resolve(udpFirst, "srv.test").get(0));
        } finally {
            udpFirst.close();
        }
    }

    @Test
    @DisplayName("Without NAPTR and SRV: A record, UDP, port 5060 (RFC 3263 section 4.2 fallback)")
    void aRecordFallback() throws Exception {
        assertEquals(List.of("udp " + TARGET_IP + ":5060"), resolve("sip:a-only.test"));
    }

    @Test
    @DisplayName("A transport parameter skips NAPTR; an explicit port or an IP literal skip SRV")
    void explicitParts() throws Exception {
        assertEquals(List.of("udp " + TARGET_IP + ":5090", "udp " + OTHER_IP + ":5091"), resolve("sip:srv.test;transport=udp"));
        assertEquals(List.of("udp " + TARGET_IP + ":5999"), resolve("sip:srv.test:5999".replace("srv.test", "proxy.srv.test")));
        assertEquals(List.of("tcp 192.0.2.9:5060"), resolve("sip:192.0.2.9;transport=tcp"));
    }

    @Test
    @DisplayName("A domain without records resolves to nothing, with a reason")
    void nothing() throws Exception {
        var r = resolver.resolve(NextHop.parse("sip:nothing.test")).get(10, TimeUnit.SECONDS);
        assertTrue(r.targets().isEmpty());
        assertTrue(r.detail().contains("nothing.test"), r.detail());
    }

    @Test
    @DisplayName("sips: uses only TLS: with a TLS listening point the SIPS NAPTR wins, without one nothing is usable")
    void sips() throws Exception {
        assertEquals(List.of(), resolve("sips:naptr.test"));
        SipResolver withTls = resolver(List.of(SipTransport.TLS, SipTransport.TCP));
        try {
            // _sips._tcp.naptr.test has no SRV: the A lookup of the domain itself is the fallback
            assertEquals(List.of(), resolve(withTls, "sips:naptr.test"));
        } finally {
            withTls.close();
        }
        assertEquals(Optional.of(SipTransport.TLS), NextHop.parse("sips:x.test").transport());
    }
}
