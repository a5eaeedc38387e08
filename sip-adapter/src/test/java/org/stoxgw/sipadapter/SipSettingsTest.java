package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.ConfigProblem;

/** gateway.sip settings: defaults, and every bad value reported with its key. */
class SipSettingsTest {
    @TempDir
    Path dir;

    record Loaded(SipSettings settings, List<ConfigProblem> problems) {
    }

    Loaded load(String hocon) throws IOException {
        Path f = Files.writeString(dir.resolve("t.conf"), hocon);
        var c = ConfigLoader.load(Optional.of(f), Map.of());
        SipSettings s = SipSettings.read(c.reader());
        org.stoxgw.config.SharedSettings.read(c.reader());
        return new Loaded(s, c.validate());
    }

    @Test
    @DisplayName("The reference defaults are valid: loopback UDP and TCP, MESSAGE/SUBSCRIBE/NOTIFY/OPTIONS, loopback trusted")
    void defaults() throws IOException {
        Loaded l = load("");
        assertEquals(List.of(), l.problems());
        SipSettings s = l.settings();
        assertEquals("127.0.0.1:5060", s.udp().get(0).toString());
        assertEquals(List.of("MESSAGE", "SUBSCRIBE", "NOTIFY", "OPTIONS", "INVITE", "ACK", "CANCEL", "BYE", "PRACK", "UPDATE", "INFO"),
                List.copyOf(s.capabilities().methods()));
        assertEquals(List.of("MESSAGE", "SUBSCRIBE", "NOTIFY", "OPTIONS"), List.copyOf(s.capabilities().withoutInvites().methods()),
                "without an INVITE layer the INVITE methods are not accepted");
        assertTrue(s.capabilities().accepted("MESSAGE").contains("message/cpim"));
        assertEquals(List.of("application/pidf+xml", "application/dialog-info+xml"), s.capabilities().accepted("NOTIFY"));
        assertEquals("loopback", s.trust().peers().get(0).name());
        assertEquals(List.of(SipTransport.TLS, SipTransport.TCP, SipTransport.UDP), s.routing().transports());
        assertEquals(70, s.maxForwards());
    }

    @Test
    @DisplayName("Bad values are reported with their keys")
    void problems() throws IOException {
        Loaded l = load("""
                gateway.sip {
                  listen { udp = ["0.0.0.0:5060"], tls = ["127.0.0.1:5061"], tcp = ["sip.example.net:5060"] }
                  methods = ["MESSAGE", "REFER"]
                  accept.message = ["text"]
                  trust.peers = [ { name = "x", networks = ["10.0.0.0/33"], domains = [] }, { domains = ["*"] } ]
                  routing { outbound-proxy = "sip:proxy;transport=sctp", transports = ["udp", "ws"] }
                  routing.static-routes { "a.example" = "[::1" }
                  dns.servers = ["dns.example.net"]
                  limits.send-threads = 0
                }
                """);
        String all = l.problems().toString();
        for (String key : List.of("gateway.sip.listen.tls", "gateway.sip.listen.tcp", "gateway.sip.advertised-host",
                "gateway.sip.methods", "gateway.sip.accept.message", "gateway.sip.trust.peers[0].networks",
                "gateway.sip.trust.peers[0].domains", "gateway.sip.trust.peers[1].networks", "gateway.sip.routing.outbound-proxy",
                "gateway.sip.routing.transports", "gateway.sip.routing.static-routes", "gateway.sip.dns.servers",
                "gateway.sip.limits.send-threads")) {
            assertTrue(all.contains(key), key + " not in " + all);
        }
    }

    @Test
    @DisplayName("Networks, next hops and their parsing")
    void parsing() throws Exception {
        IpNetwork net = IpNetwork.parse("192.0.2.0/24");
        assertTrue(net.contains(java.net.InetAddress.getByName("192.0.2.200")));
        assertFalse(net.contains(java.net.InetAddress.getByName("192.0.3.1")));
        assertTrue(net.contains(java.net.InetAddress.getByName("::ffff:192.0.2.7")));
        assertTrue(IpNetwork.parse("2001:db8::/32").contains(java.net.InetAddress.getByName("2001:db8:1::5")));
        assertFalse(IpNetwork.parse("::1").contains(java.net.InetAddress.getByName("127.0.0.1")));
        NextHop h = NextHop.parse("sips:proxy.example.net:5071");
        assertEquals(Optional.of(SipTransport.TLS), h.transport());
        assertEquals(5071, h.port());
        assertEquals("sip:[2001:db8::1]:5060;transport=udp", NextHop.parse("[2001:db8::1]:5060;transport=UDP").toString());
    }
}
