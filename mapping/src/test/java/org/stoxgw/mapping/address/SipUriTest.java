package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.sip.NameAddress;

/** The hand-written SIP/SIPS/IM/PRES URI parser and printer (RFC 3261 §19.1, §25.1; RFC 3986). */
class SipUriTest {

    @Test
    @DisplayName("every part of a SIP-URI: user, password, host, port, parameters with and without value, headers")
    void allParts() {
        SipUri u = SipUri.parse("SIP:alice:secret@Atlanta.COM:5060;transport=tcp;lr;gr=urn:uuid:f81d4fae?Subject=hi&Priority=urgent");
        assertEquals(UriScheme.SIP, u.scheme());
        assertEquals("alice", u.user());
        assertEquals("secret", u.password());
        assertEquals("atlanta.com", u.host());
        assertEquals(5060, u.port());
        assertEquals(List.of(new SipUri.Param("transport", "tcp"), new SipUri.Param("lr", null), new SipUri.Param("gr", "urn:uuid:f81d4fae")), u.params());
        assertEquals(List.of(new SipUri.Header("Subject", "hi"), new SipUri.Header("Priority", "urgent")), u.headers());
        assertEquals("sip:alice:secret@atlanta.com:5060;transport=tcp;lr;gr=urn:uuid:f81d4fae?Subject=hi&Priority=urgent", u.toString());
        assertEquals("sip:alice@atlanta.com:5060", u.addressOnly().toString());
    }

    @Test
    @DisplayName("IPv6 and IPv4 hosts, userless URIs")
    void hosts() {
        SipUri v6 = SipUri.parse("sips:[2001:DB8::1]:5061;maddr=[::1]");
        assertEquals("[2001:db8::1]", v6.host());
        assertEquals(5061, v6.port());
        assertNull(v6.user());
        assertEquals("sips:[2001:db8::1]:5061;maddr=[::1]", v6.toString());
        assertEquals("192.0.2.4", SipUri.parse("sip:bob@192.0.2.4").host());
    }

    @Test
    @DisplayName("ADDR-09 step 2: the user part ends at the first @ and may contain ; ? / (user-unreserved)")
    void userUnreserved() {
        SipUri u = SipUri.parse("sip:a;b?c/d@example.com;p=1");
        assertEquals("a;b?c/d", u.user());
        assertEquals("sip:a;b?c/d@example.com;p=1", u.toString());
    }

    @Test
    @DisplayName("ADDR-04 AMB-03: printing percent-encodes exactly what a SIP user part cannot hold")
    void minimalEncoding() {
        String all = " \"#%:<>@[\\]^`{|}";
        assertEquals("sip:%20%22%23%25%3A%3C%3E%40%5B%5C%5D%5E%60%7B%7C%7D@x.example",
                SipUri.of(UriScheme.SIP, all, "x.example").toString());
        assertEquals("sip:azAZ09-_.!~*'()&=+$,;?/@x.example", SipUri.of(UriScheme.SIP, "azAZ09-_.!~*'()&=+$,;?/", "x.example").toString());
        assertEquals(SipUri.parse("sip:%61lice@x.example"), SipUri.parse("sip:alice@x.example"));
    }

    @Test
    @DisplayName("ADDR-08: gr values are percent-encoded as paramchar; non-ASCII as UTF-8")
    void gruuEncoding() {
        SipUri u = SipUri.of(UriScheme.SIP, "bob", "example.com").withGruu("phone ü;x=y");
        assertEquals("sip:bob@example.com;gr=phone%20%C3%BC%3Bx%3Dy", u.toString());
        assertEquals("phone ü;x=y", LocalForms.resourceOf(SipUri.parse(u.toString())));
    }

    @ParameterizedTest
    @DisplayName("malformed URIs are refused with 400, other schemes with 416")
    @ValueSource(strings = {"sip:", "sip:@example.com", "sip:alice@", "sip:alice@exa mple.com", "sip:a b@example.com",
        "sip:alice@example.com:99999", "sip:alice@example.com:", "sip:alice@[::1", "sip:alice@example.com;=x", "sip:alice@example.com?novalue",
        "sip:a<b@example.com", "alice@example.com", "sip:alice@.example.com"})
    void malformed(String text) {
        Mapping.Refused<SipUri> r = (Mapping.Refused<SipUri>) SipUri.tryParse(text);
        assertEquals(text.startsWith("alice") ? 400 : 400, r.sipStatus(), r.reason());
        assertThrows(IllegalArgumentException.class, () -> SipUri.parse(text));
    }

    @Test
    @DisplayName("ADDR-01, ADDR-02: tel: (out of scope) and other schemes are not mapped (416)")
    void otherSchemes() {
        assertEquals(416, ((Mapping.Refused<SipUri>) SipUri.tryParse("tel:+15551234567")).sipStatus());
        assertEquals(416, ((Mapping.Refused<SipUri>) SipUri.tryParse("xmpp:juliet@example.com")).sipStatus());
    }

    @Test
    @DisplayName("AMB-06: gr outside the angle brackets moves inside; a gr inside wins; the flag form is kept")
    void grOutside() {
        assertEquals("sip:u@h.example;gr=x", SipUri.fromNameAddress(new NameAddress("", "sip:u@h.example", Map.of("gr", "x", "tag", "1"))).orElseThrow().toString());
        assertEquals("sip:u@h.example;gr=in", SipUri.fromNameAddress(new NameAddress("", "sip:u@h.example;gr=in", Map.of("gr", "out"))).orElseThrow().toString());
        assertEquals("sip:u@h.example;gr", SipUri.fromNameAddress(new NameAddress("", "sip:u@h.example", Map.of("gr", ""))).orElseThrow().toString());
    }

    @Test
    @DisplayName("im:/pres: URIs: mailbox and headers")
    void imPres() {
        SipUri u = SipUri.parse("im:fred@example.com?subject=hi");
        assertEquals(UriScheme.IM, u.scheme());
        assertEquals("fred", u.user());
        assertEquals("im:fred@example.com?subject=hi", u.toString());
        assertEquals(UriScheme.PRES, SipUri.parse("PRES:fred@example.com").scheme());
    }
}
