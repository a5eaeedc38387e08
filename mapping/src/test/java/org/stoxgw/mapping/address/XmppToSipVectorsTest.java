package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stoxgw.mapping.address.TestPolicies.SIP_HOMED;
import static org.stoxgw.mapping.address.TestPolicies.XMPP_HOMED;
import static org.stoxgw.mapping.address.TestPolicies.jid;
import static org.stoxgw.mapping.address.TestPolicies.uri;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.NameAddress;

/**
 * The XMPP → SIP vectors of spec 01 §3.2–§3.4 (B1–B6, C3, C4, D5, D6, D8), each checked as a sender
 * (how an XMPP user appears on SIP) and as a target (the SIP URI a stanza goes to).
 */
class XmppToSipVectorsTest {

    private static void assertMapsTo(String jid, UriScheme scheme, String expected) {
        String asSender = XMPP_HOMED.xmppSenderToSip(jid(jid), null, scheme).orElseThrow().toString();
        String asTarget = SIP_HOMED.xmppTargetToSip(jid(jid), scheme, UserSpellings.NONE).orElseThrow().toString();
        assertEquals(expected, asSender, "as sender");
        assertEquals(expected, asTarget, "as target");
    }

    @Test
    @DisplayName("B1 ADDR-10 step 3: \\26 becomes & (legal in a SIP user part, ADDR-04 leaves it)")
    void b1() {
        assertMapsTo("m\\26m@xmpp.example", UriScheme.SIP, "sip:m&m@xmpp.example");
    }

    @Test
    @DisplayName("B2 ADDR-04, ADDR-10 step 5: non-ASCII is percent-encoded as UTF-8")
    void b2() {
        assertMapsTo("tschüss@xmpp.example", UriScheme.SIP, "sip:tsch%C3%BCss@xmpp.example");
    }

    @Test
    @DisplayName("B3 ADDR-10 step 8, AMB-05: the resource becomes ;gr=, not /")
    void b3() {
        assertMapsTo("baz@xmpp.example/qux", UriScheme.SIP, "sip:baz@xmpp.example;gr=qux");
    }

    @Test
    @DisplayName("B4 RFC 7572 §4 ex. 2, AMB-06: From carries the gr inside the angle brackets")
    void b4() {
        SipUri from = XMPP_HOMED.xmppSenderToSip(jid("juliet@example.com/yn0cl4bnw0yr3vym"), null, UriScheme.SIP).orElseThrow();
        assertEquals("<sip:juliet@example.com;gr=yn0cl4bnw0yr3vym>;tag=abc",
                NameAddress.of(from.toString()).withTag("abc").toString());
    }

    @Test
    @DisplayName("B5 ADDR-04: # is percent-encoded as %23 for sip:")
    void b5() {
        assertMapsTo("foo#bar@example.com", UriScheme.SIP, "sip:foo%23bar@example.com");
    }

    @Test
    @DisplayName("B6 ADDR-10 step 3: inverse of A2, \\27 becomes '")
    void b6() {
        assertMapsTo("o\\27malley@sip.example", UriScheme.SIP, "sip:o'malley@sip.example");
    }

    @Test
    @DisplayName("C3 AMB-03: RFC 7247 minimal encoding; the inverse accepts XEP-0106's aggressive form too")
    void c3() {
        String jid = "here\\27s_a_wild_\\26_\\2fcr%zy\\2f_address@example.com";
        assertMapsTo(jid, UriScheme.SIP, "sip:here's_a_wild_&_/cr%25zy/_address@example.com");
        assertEquals(jid, XMPP_HOMED.sipTargetToXmpp(uri("sip:here's_a_wild_&_/cr%25zy/_address@example.com")).orElseThrow().toString());
        assertEquals(jid, XMPP_HOMED.sipTargetToXmpp(uri("sip:here%27s_a_wild_%26_%2Fcr%zy%2F_address@example.com")).orElseThrow().toString());
    }

    @Test
    @DisplayName("C4 AMB-03, AMB-04: pres: minimal encoding with % encoded; XEP-0106's form maps to the same JID")
    void c4() {
        String jid = "here\\27s_a_wild_\\26_\\2fcr%zy\\2f_address@example.com";
        assertMapsTo(jid, UriScheme.PRES, "pres:here's_a_wild_&_/cr%25zy/_address@example.com");
        assertEquals(jid, XMPP_HOMED.sipTargetToXmpp(uri("pres:here%27s_a_wild_%26_%2Fcr%zy%2F_address@example.com")).orElseThrow().toString());
    }

    @Test
    @DisplayName("D5 ADDR-04, ADDR-10 step 5: ( ) are percent-encoded for im:")
    void d5() {
        assertMapsTo("a(b)@example.com", UriScheme.IM, "im:a%28b%29@example.com");
    }

    @Test
    @DisplayName("AMB-04: im:/pres: keep interior dots, encode leading, trailing and doubled ones, and # ? %")
    void imDots() {
        assertMapsTo("john.doe@example.com", UriScheme.IM, "im:john.doe@example.com");
        assertMapsTo(".a..b.@example.com", UriScheme.IM, "im:%2Ea.%2Eb%2E@example.com");
        assertMapsTo("a#b?c%@example.com", UriScheme.PRES, "pres:a%23b%3Fc%25@example.com");
        assertMapsTo("a,b;c@example.com", UriScheme.IM, "im:a%2Cb%3Bc@example.com");
    }

    @Test
    @DisplayName("D6 ADDR-04: % is percent-encoded as %25 for sip:")
    void d6() {
        assertMapsTo("100%@example.com", UriScheme.SIP, "sip:100%25@example.com");
    }

    @Test
    @DisplayName("D8 ADDR-08: non-ASCII and space of a resource are percent-encoded in gr")
    void d8() {
        assertMapsTo("bob@example.com/phone ü", UriScheme.SIP, "sip:bob@example.com;gr=phone%20%C3%BC");
    }

    @Test
    @DisplayName("AMB-02, ADDR-04: all ten XEP-0106 sequences are unescaped, then percent-encoded where SIP needs it")
    void allTenUnescaped() {
        assertMapsTo("a\\20b\\22c\\26d\\27e\\2ff\\3ag\\3ch\\3ei\\40j\\5c27k@example.com", UriScheme.SIP,
                "sip:a%20b%22c&d'e/f%3Ag%3Ch%3Ei%40j%5C27k@example.com");
    }

    @Test
    @DisplayName("ADDR-10 step 8: no gr for im:/pres: targets, which have no GRUU")
    void noGrForIm() {
        assertMapsTo("baz@xmpp.example/qux", UriScheme.IM, "im:baz@xmpp.example");
    }
}
