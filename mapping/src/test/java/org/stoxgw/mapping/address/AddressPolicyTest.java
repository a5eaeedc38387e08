package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;

/** The policy value: normalised names and the checks that keep every name to one meaning. */
class AddressPolicyTest {

    @Test
    @DisplayName("AMB-14: names are normalised to lower-case A-labels")
    void normalised() {
        DomainPair p = new DomainPair("Bücher.Example.", "XMPP.Example");
        assertEquals("xn--bcher-kva.example", p.sip());
        assertEquals("xmpp.example", p.xmpp());
    }

    @Test
    @DisplayName("bad names and IP addresses are rejected with the name in the message")
    void badNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DomainPair("exa mple", "x.example"));
        assertTrue(e.getMessage().contains("exa mple"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DomainPair("192.0.2.1", "x.example"));
    }

    @Test
    @DisplayName("a name served twice on one side, or said to live on one side and be served for the other, is rejected")
    void conflicts() {
        DomainPair a = new DomainPair("a.example", "a.example");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressPolicy.of(List.of(a), List.of(a), List.of()));
        assertTrue(e.getMessage().contains("a.example"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AddressPolicy.of(List.of(), List.of(), List.of(new DomainPair("gw.example", "gw.example"), new DomainPair("gw2.example", "gw.example"))));
        assertThrows(IllegalArgumentException.class,
                () -> AddressPolicy.of(List.of(new DomainPair("s.example", "x.example")), List.of(new DomainPair("s.example", "y.example")), List.of()));
    }

    @Test
    @DisplayName("the default configuration's shape (same names on both sides of a pair) is fine")
    void sameNameBothSidesOfAPair() {
        AddressPolicy p = AddressPolicy.of(List.of(new DomainPair("sip.example.test", "sip.example.test")),
                List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")), List.of(new DomainPair("gw.example.test", "gw.example.test")));
        assertEquals(1, p.gatewayDomains().size());
    }
}
