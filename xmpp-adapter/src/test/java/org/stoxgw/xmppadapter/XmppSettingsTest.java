package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class XmppSettingsTest {
    @Test
    @DisplayName("the embedded defaults are valid: federation, no certificate, dialback allowed, empty secret")
    void defaults() {
        XmppSettings s = TestSettings.of("").xmpp();
        assertEquals(XmppSettings.Mode.FEDERATION, s.mode());
        assertEquals(XmppSettings.TlsPolicy.OPTIONAL, s.tls());
        assertEquals(XmppSettings.AuthPolicy.DIALBACK_ALLOWED, s.auth());
        assertEquals("", s.dialbackSecret());
        assertEquals(Duration.ofSeconds(60), s.timeouts().delivery());
        assertEquals(XmppSettings.AckMode.PING, s.acks());
    }

    @Test
    @DisplayName("TLS required without a key store is a configuration error naming both keys")
    void tlsRequiredNeedsCertificate() {
        var problems = TestSettings.check("gateway.xmpp.security.tls = required").problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("gateway.xmpp.security.tls", problems.get(0).key());
        assertTrue(problems.get(0).message().contains("gateway.tls.key-store"), problems.get(0).message());
        assertTrue(problems.get(0).origin().contains(".conf:1"), problems.get(0).origin());
    }

    @Test
    void componentModeNeedsSecret() {
        var problems = TestSettings.check("gateway.xmpp.mode = component").problems();
        assertEquals("gateway.xmpp.component.secret", problems.get(0).key());
    }

    @Test
    @DisplayName("routes, remote-domain patterns and DNS servers are parsed; bad ones reported")
    void routesAndPolicy() {
        XmppSettings s = TestSettings.of("""
                gateway.xmpp.routes { "XMPP.Example.org" = "10.0.0.5:5270", "other.example" = "host.example" }
                gateway.xmpp.remote-domains { allow = ["*.example.org", "other.example"], deny = ["bad.example.org"] }
                gateway.xmpp.dns.servers = ["127.0.0.53:5353"]
                """).xmpp();
        assertEquals(5270, s.routes().get("xmpp.example.org").port());
        assertEquals(5269, s.routes().get("other.example").port());
        assertTrue(s.remoteDomains().permits("chat.example.org"));
        assertTrue(s.remoteDomains().permits("other.example"));
        assertFalse(s.remoteDomains().permits("bad.example.org"));
        assertFalse(s.remoteDomains().permits("example.com"));
        assertEquals(5353, s.dnsServers().get(0).port());
        var problems = TestSettings.check("gateway.xmpp.routes { \"x.example\" = \"h:notaport\" }").problems();
        assertEquals("gateway.xmpp.routes", problems.get(0).key());
    }

    @Test
    void secretsAreNotPrinted() {
        XmppSettings s = TestSettings.of("gateway.xmpp.dialback.secret = \"hunter2\"").xmpp();
        assertFalse(s.toString().contains("hunter2"));
    }
}
