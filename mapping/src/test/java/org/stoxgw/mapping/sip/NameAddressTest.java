package org.stoxgw.mapping.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading From/To/Contact/Route values (RFC 3261 section 20.10) and bulk header building. */
class NameAddressTest {

    @Test
    @DisplayName("name-addr with quoted display name, URI parameters inside <>, header parameters outside")
    void nameAddr() {
        NameAddress a = NameAddress.parse("\"Romeo \\\"R\\\" Montague\" <sip:romeo@example.net;transport=tcp>;tag=88sja8x;Expires=60");
        assertEquals("Romeo \"R\" Montague", a.displayName());
        assertEquals("sip:romeo@example.net;transport=tcp", a.uri());
        assertEquals(Optional.of("88sja8x"), a.tag());
        assertEquals(Map.of("tag", "88sja8x", "expires", "60"), a.params());
    }

    @Test
    @DisplayName("addr-spec without brackets: what follows ';' is a header parameter")
    void addrSpec() {
        NameAddress a = NameAddress.parse("sip:juliet@example.com;tag=abc");
        assertEquals("sip:juliet@example.com", a.uri());
        assertEquals(Optional.of("abc"), a.tag());
        assertEquals("", a.displayName());
    }

    @Test
    @DisplayName("token display name, flag parameter, quoted parameter value with ';'")
    void tokensAndQuotes() {
        NameAddress a = NameAddress.parse("Bob <sips:bob@[2001:db8::1]:5061>;lr;note=\"a;b\"");
        assertEquals("Bob", a.displayName());
        assertEquals("sips:bob@[2001:db8::1]:5061", a.uri());
        assertEquals("", a.params().get("lr"));
        assertEquals("\"a;b\"", a.params().get("note"));
    }

    @Test
    @DisplayName("round trip through toString")
    void roundTrip() {
        NameAddress a = new NameAddress("J", "sip:j@x.example", Map.of("tag", "1"));
        assertEquals(a, NameAddress.parse(a.toString()));
    }

    @Test
    @DisplayName("not an address: rejected with the value in the message")
    void bad() {
        assertThrows(IllegalArgumentException.class, () -> NameAddress.parse("<sip:a@b"));
        assertThrows(IllegalArgumentException.class, () -> NameAddress.parse("nobody"));
    }

    @Test
    @DisplayName("SipHeaders.copyOf keeps order and expands compact names")
    void copyOf() {
        SipHeaders h = SipHeaders.copyOf(List.of(new SipHeaders.Field("m", "<sip:a@b>"), new SipHeaders.Field("Event", "presence")));
        assertEquals(List.of(new SipHeaders.Field("Contact", "<sip:a@b>"), new SipHeaders.Field("Event", "presence")), h.fields());
        assertEquals(Optional.of("<sip:a@b>"), h.first("contact"));
    }
}
