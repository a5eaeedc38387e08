package org.stoxgw.mapping.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MsrpUriTest {

    @Test
    @DisplayName("MSRP-19: msrp/msrps URIs with host, explicit port, session-id and transport round-trip")
    void parseAndFormat() {
        MsrpUri u = MsrpUri.parse("msrp://x2s.example.com:7654/jshA7weztas;tcp").orElseThrow();
        assertEquals("x2s.example.com", u.host());
        assertEquals(7654, u.port());
        assertEquals("jshA7weztas", u.sessionId());
        assertEquals("tcp", u.transport());
        assertFalse(u.secure());
        assertEquals("msrp://x2s.example.com:7654/jshA7weztas;tcp", u.toString());
        MsrpUri s = MsrpUri.parse("msrps://bob@[2001:db8::1]:9000/a1;tcp;foo=bar").orElseThrow();
        assertTrue(s.secure());
        assertEquals("2001:db8::1", s.socketHost());
        assertEquals("bob", s.userinfo());
        assertEquals("msrps://bob@[2001:db8::1]:9000/a1;tcp;foo=bar", s.toString());
        assertEquals(2855, MsrpUri.parse("msrp://relay.example;tcp").orElseThrow().effectivePort());
    }

    @Test
    @DisplayName("MSRP-19: malformed URIs are refused (no transport, bad port, other scheme, spaces)")
    void refused() {
        for (String bad : new String[] {"msrp://a:1/s", "sip:a@b", "msrp://a:99999/s;tcp", "msrp://:1/s;tcp",
                "msrp://a:1/s s;tcp", "msrp://a:x/s;tcp"}) {
            assertTrue(MsrpUri.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    @DisplayName("MSRP-13: RFC 4975 §6.1 comparison: host and scheme case-insensitive, session-id exact, default port")
    void comparison() {
        MsrpUri a = MsrpUri.parse("msrp://GW.example:2855/AbC;TCP").orElseThrow();
        assertTrue(a.sameAs(MsrpUri.parse("msrp://gw.example/AbC;tcp").orElseThrow()));
        assertFalse(a.sameAs(MsrpUri.parse("msrp://gw.example/abc;tcp").orElseThrow()));
        assertFalse(a.sameAs(MsrpUri.parse("msrps://gw.example/AbC;tcp").orElseThrow()));
    }

    @Test
    @DisplayName("MSRP-19: a path of relays and an endpoint: first is the next hop, last the endpoint")
    void path() {
        MsrpPath p = MsrpPath.parse("msrp://relay:2855/r1;tcp  msrp://gw:7654/s1;tcp").orElseThrow();
        assertEquals("relay", p.first().host());
        assertEquals("gw", p.last().host());
        assertEquals("msrp://relay:2855/r1;tcp msrp://gw:7654/s1;tcp", p.toString());
        assertTrue(MsrpPath.parse("msrp://a:1/s;tcp bogus").isEmpty());
    }
}
