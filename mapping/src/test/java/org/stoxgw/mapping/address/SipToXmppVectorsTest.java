package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stoxgw.mapping.address.TestPolicies.SIP_HOMED;
import static org.stoxgw.mapping.address.TestPolicies.XMPP_HOMED;
import static org.stoxgw.mapping.address.TestPolicies.uri;

import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * The SIP → XMPP vectors of spec 01 §3.1, §3.3, §3.4 (A1–A7, C1, C2, D1–D4, D7), each checked
 * both as a target (the JID a SIP request is for) and as a sender (the JID a SIP user appears as).
 */
class SipToXmppVectorsTest {

    /** Maps the URI as a target and as a sender; both must give {@code expected}. */
    private static void assertMapsTo(String sipUri, String expected) {
        Jid asTarget = XMPP_HOMED.sipTargetToXmpp(uri(sipUri)).orElseThrow();
        Jid asSender = SIP_HOMED.sipSenderToXmpp(uri(sipUri), null).orElseThrow();
        assertEquals(expected, asTarget.toString(), "as target");
        assertEquals(expected, asSender.toString(), "as sender");
    }

    @Test
    @DisplayName("A1 ADDR-09 steps 3-4: percent-decoded octets are UTF-8: sip:f%C3%BC@ -> fü@")
    void a1() {
        assertMapsTo("sip:f%C3%BC@sip.example", "fü@sip.example");
    }

    @Test
    @DisplayName("A2 ADDR-09 step 5, ADDR-05: ' becomes \\27")
    void a2() {
        assertMapsTo("sip:o'malley@sip.example", "o\\27malley@sip.example");
    }

    @Test
    @DisplayName("A3 ADDR-06, ADDR-09 step 8: gr becomes the resource")
    void a3() {
        assertMapsTo("sip:foo@sip.example;gr=bar", "foo@sip.example/bar");
    }

    @Test
    @DisplayName("A4 plain address maps to the same JID")
    void a4() {
        assertMapsTo("sip:juliet@example.com", "juliet@example.com");
    }

    @Test
    @DisplayName("A5 ADDR-06: Contact GRUU of RFC 7572/7573 examples")
    void a5() {
        assertMapsTo("sip:romeo@example.net;gr=dr4hcr0st3lup4c", "romeo@example.net/dr4hcr0st3lup4c");
    }

    @Test
    @DisplayName("A6 ADDR-06: room participant GRUU of RFC 7702 keeps its case in the resource")
    void a6() {
        assertMapsTo("sip:montague@chat.example.org;gr=Romeo", "montague@chat.example.org/Romeo");
    }

    @Test
    @DisplayName("A7 SEC-02, AMB-08: sips: in the Request-URI or To is refused with 416, no stanza")
    void a7() {
        Mapping<Jid> m = XMPP_HOMED.sipTargetToXmpp(uri("sips:juliet@example.com"));
        Mapping.Refused<Jid> r = (Mapping.Refused<Jid>) m;
        assertEquals(416, r.sipStatus());
        assertEquals(416, r.sipResponse().status());
        assertEquals(true, r.reason().contains("sips:"));

        SipRequest viaTo = request("sip:juliet@example.com", "<sips:juliet@example.com>", "<sip:romeo@elsewhere.example>");
        assertEquals(416, ((Mapping.Refused<?>) XMPP_HOMED.sipRequestToXmpp(viaTo)).sipStatus(), "sips in To");
        SipRequest viaRuri = request("sips:juliet@example.com", "<sip:juliet@example.com>", "<sip:romeo@elsewhere.example>");
        assertEquals(416, ((Mapping.Refused<?>) XMPP_HOMED.sipRequestToXmpp(viaRuri)).sipStatus(), "sips Request-URI");
        assertFalse(XMPP_HOMED.sipRequestToXmpp(viaRuri).isOk());
    }

    @Test
    @DisplayName("C1 XEP-0106 §5.3: %zy is no escape and stays literal; ' & / are \\-escaped")
    void c1() {
        assertMapsTo("sip:here%27s_a_wild_%26_%2Fcr%zy%2F_address@example.com",
                "here\\27s_a_wild_\\26_\\2fcr%zy\\2f_address@example.com");
    }

    @Test
    @DisplayName("C2 ADDR-09: im: URIs map like sip:")
    void c2() {
        assertEquals("here\\27s_a_wild_\\26_\\2fcr%zy\\2f_address@example.com",
                XMPP_HOMED.sipTargetToXmpp(uri("im:here%27s_a_wild_%26_%2Fcr%zy%2F_address@example.com")).orElseThrow().toString());
        assertEquals("juliet@example.com", XMPP_HOMED.sipTargetToXmpp(uri("pres:juliet@example.com")).orElseThrow().toString());
    }

    @Test
    @DisplayName("D1 ADDR-09 step 5: / becomes \\2f")
    void d1() {
        assertMapsTo("sip:a/b@example.com", "a\\2fb@example.com");
    }

    @Test
    @DisplayName("D2 ADDR-03, ADDR-05, AMB-01: a percent-encoded @ becomes \\40")
    void d2() {
        assertMapsTo("sip:user%40host@example.com", "user\\40host@example.com");
    }

    @Test
    @DisplayName("D3 ADDR-05: a space becomes \\20")
    void d3() {
        assertMapsTo("sip:a%20b@example.com", "a\\20b@example.com");
    }

    @Test
    @DisplayName("D4 JIDESC-08, JIDESC-09: literal \\27x (decoded from %5C27x) gets its backslash escaped")
    void d4() {
        assertMapsTo("sip:%5C27x@example.com", "\\5c27x@example.com");
    }

    @Test
    @DisplayName("D7 ADDR-07: a temporary GRUU (gr without value) gives a bare JID")
    void d7() {
        assertMapsTo("sip:alice@example.com;gr", "alice@example.com");
    }

    @Test
    @DisplayName("AMB-06 ADDR-06: gr outside the angle brackets is accepted like gr inside")
    void grOutsideBrackets() {
        SipRequest outside = request("sip:juliet@example.com", "<sip:juliet@example.com>", "<sip:romeo@example.net>;gr=orchard");
        SipRequest inside = request("sip:juliet@example.com", "<sip:juliet@example.com>", "<sip:romeo@example.net;gr=orchard>");
        AddressMapper both = new AddressMapper(AddressPolicy.of(TestPolicies.pairs("example.net"),
                TestPolicies.pairs("example.com"), List.of()));
        assertEquals("romeo@example.net/orchard", both.sipRequestToXmpp(outside).orElseThrow().from().toString());
        assertEquals("romeo@example.net/orchard", both.sipRequestToXmpp(inside).orElseThrow().from().toString());
        assertEquals("juliet@example.com", both.sipRequestToXmpp(inside).orElseThrow().to().toString());
    }

    @Test
    @DisplayName("ADDR-09: a user part that is not UTF-8 is refused, never guessed")
    void notUtf8() {
        Mapping<SipUri> m = SipUri.tryParse("sip:f%FC@sip.example");
        assertEquals(404, ((Mapping.Refused<SipUri>) m).sipStatus());
        assertEquals(StanzaError.Condition.jid_malformed, ((Mapping.Refused<SipUri>) m).xmppCondition());
    }

    private static SipRequest request(String ruri, String to, String from) {
        return new SipRequest("MESSAGE", ruri, parse(from), parse(to), "c1", 1, null, null);
    }

    /** A tiny name-addr reader for test input: {@code <uri>;p=v}. */
    static NameAddress parse(String header) {
        int close = header.indexOf('>');
        String uri = header.substring(1, close);
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String p : header.substring(close + 1).split(";")) {
            if (!p.isEmpty()) {
                int eq = p.indexOf('=');
                params.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
            }
        }
        return new NameAddress("", uri, params);
    }
}
