package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.address.TestPolicies.MIXED;
import static org.stoxgw.mapping.address.TestPolicies.jid;
import static org.stoxgw.mapping.address.TestPolicies.uri;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;

/** The case policy (AMB-10, AMB-11, ADDR-11) and IDN domains (AMB-14). */
class CaseAndIdnTest {

    /** What the core keeps: spellings seen on SIP, keyed by host and folded user. */
    private static final class Remembered implements UserSpellings {
        final Map<String, String> map = new HashMap<>();

        void record(UserSpellings.Spelling s) {
            if (s != null) {
                map.put(s.sipHost() + ' ' + s.foldedUser(), s.originalUser());
            }
        }

        @Override
        public String originalUser(String sipHost, String foldedUser) {
            return map.get(sipHost + ' ' + foldedUser);
        }
    }

    @Test
    @DisplayName("AMB-10 ADDR-11: SIP user case is folded into the JID and restored on the way back from the core's spellings (gateway mode)")
    void caseRestoredGatewayMode() {
        SipUri romeo = uri("sip:Romeo.Montague@sip.example.net");
        assertEquals("romeo.montague\\40sip.example.net@gw.example.org", MIXED.sipSenderToXmpp(romeo, null).orElseThrow().toString());
        UserSpellings.Spelling s = MIXED.spellingOf(romeo);
        assertEquals(new UserSpellings.Spelling("sip.example.net", "romeo.montague", "Romeo.Montague"), s);
        Remembered seen = new Remembered();
        seen.record(s);
        String back = "romeo.montague\\40sip.example.net@gw.example.org";
        assertEquals("sip:Romeo.Montague@sip.example.net", MIXED.xmppTargetToSip(jid(back), UriScheme.SIP, seen).orElseThrow().toString());
        assertEquals("sip:romeo.montague@sip.example.net", MIXED.xmppTargetToSip(jid(back), UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString());
    }

    @Test
    @DisplayName("AMB-10: the same in direct mode, keyed by the SIP domain")
    void caseRestoredDirectMode() {
        SipUri romeo = uri("sip:ROMEO@voip.example.test");
        assertEquals("romeo@im.voip.example.test", MIXED.sipSenderToXmpp(romeo, null).orElseThrow().toString());
        Remembered seen = new Remembered();
        seen.record(MIXED.spellingOf(romeo));
        assertEquals("sip:ROMEO@voip.example.test", MIXED.xmppTargetToSip(jid("romeo@im.voip.example.test"), UriScheme.SIP, seen).orElseThrow().toString());
    }

    @Test
    @DisplayName("AMB-10: a remembered spelling that does not fold to the JID is ignored, so it can never redirect a message")
    void wrongSpellingIgnored() {
        UserSpellings liar = (host, folded) -> "Juliet";
        assertEquals("sip:romeo@voip.example.test", MIXED.xmppTargetToSip(jid("romeo@im.voip.example.test"), UriScheme.SIP, liar).orElseThrow().toString());
    }

    @Test
    @DisplayName("AMB-10: nothing to remember for an already canonical user part")
    void nothingToRemember() {
        assertNull(MIXED.spellingOf(uri("sip:romeo@sip.example.net")));
        assertNull(MIXED.spellingOf(uri("sip:sip.example.net")));
    }

    @Test
    @DisplayName("AMB-11: PRECIS UsernameCaseMapped folds width and case; OpaqueString keeps resources as they are")
    void precisProfiles() {
        SipUri wide = uri("sip:%EF%BC%AA%EF%BD%95liet@sip.example.net");
        assertEquals("juliet\\40sip.example.net@gw.example.org", MIXED.sipSenderToXmpp(wide, null).orElseThrow().toString());
        assertEquals(new UserSpellings.Spelling("sip.example.net", "juliet", "\uFF2A\uFF55liet"), MIXED.spellingOf(wide));
        assertEquals("juliet@xmpp.example.test", MIXED.sipTargetToXmpp(uri("sip:%EF%BC%AA%EF%BD%95liet@xmpp.example.test")).orElseThrow().toString());
        assertEquals("juliet@xmpp.example.test/Balcony Phone",
                MIXED.sipTargetToXmpp(uri("sip:juliet@xmpp.example.test;gr=Balcony%20Phone")).orElseThrow().toString());
        // A gr that OpaqueString would change (a no-break space becomes a space) cannot round-trip: refused.
        assertEquals(404, ((Mapping.Refused<?>) MIXED.sipTargetToXmpp(uri("sip:juliet@xmpp.example.test;gr=a%C2%A0b"))).sipStatus());
    }

    @Test
    @DisplayName("AMB-14: IDN domains are A-labels toward SIP and U-labels toward XMPP (direct mode)")
    void idnDirect() {
        AddressMapper m = new AddressMapper(AddressPolicy.of(List.of(new DomainPair("bücher.example", "bücher.example")),
                List.of(new DomainPair("xn--mnchen-3ya.example", "münchen.example")), List.of()));
        assertEquals("xn--bcher-kva.example", m.policy().sipHomed().get(0).sip());
        assertEquals("anna@bücher.example", m.sipSenderToXmpp(uri("sip:anna@xn--bcher-kva.example"), null).orElseThrow().toString());
        assertEquals("sip:anna@xn--bcher-kva.example", m.xmppTargetToSip(jid("anna@bücher.example"), UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString());
        assertEquals("sip:anna@xn--bcher-kva.example",
                m.xmppTargetToSip(jid("anna@xn--bcher-kva.example"), UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString());
        assertEquals("jörg@münchen.example", m.sipTargetToXmpp(uri("sip:j%C3%B6rg@xn--mnchen-3ya.example")).orElseThrow().toString());
        assertEquals("sip:j%C3%B6rg@xn--mnchen-3ya.example", m.xmppSenderToSip(jid("jörg@münchen.example"), null, UriScheme.SIP).orElseThrow().toString());
    }

    @Test
    @DisplayName("AMB-14: IDN domains inside gateway-mode addresses: A-labels in SIP user parts, U-labels in JID localparts")
    void idnGateway() {
        assertEquals("anna\\40münchen.example@gw.example.org", MIXED.sipSenderToXmpp(uri("sip:anna@xn--mnchen-3ya.example"), null).orElseThrow().toString());
        assertEquals("sip:anna@xn--mnchen-3ya.example",
                MIXED.xmppTargetToSip(jid("anna\\40münchen.example@gw.example.org"), UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString());
        assertEquals("sip:j%C3%B6rg%40xn--bcher-kva.example@gw.example.org",
                MIXED.xmppSenderToSip(jid("jörg@bücher.example"), null, UriScheme.SIP).orElseThrow().toString());
        assertEquals("jörg@bücher.example", MIXED.sipTargetToXmpp(uri("sip:j%C3%B6rg%40xn--bcher-kva.example@gw.example.org")).orElseThrow().toString());
        assertEquals("jörg@bücher.example", MIXED.sipTargetToXmpp(uri("sip:j%C3%B6rg%40b%C3%BCcher.example@gw.example.org")).orElseThrow().toString());
    }

    @Test
    @DisplayName("AMB-14: domain validation rejects what jxmpp lets through")
    void domainValidation() {
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("exa mple.com"));
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("a@b"));
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("-a.example"));
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("a..b"));
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("x".repeat(64) + ".example"));
        assertThrows(IllegalArgumentException.class, () -> DomainNames.toAscii("[::1::2]"));
        assertEquals("example.com", DomainNames.toAscii("Example.COM."));
        assertEquals("192.0.2.1", DomainNames.toAscii("192.0.2.1"));
        assertEquals("[2001:db8::a]", DomainNames.toAscii("[2001:DB8::A]"));
        assertEquals("[::ffff:192.0.2.1]", DomainNames.toAscii("[::ffff:192.0.2.1]"));
        assertTrue(DomainNames.isIpv6Reference("[1:2:3:4:5:6:7:8]"));
        assertEquals(false, DomainNames.isIpv4("256.1.1.1"));
        assertEquals(false, DomainNames.isIpv4("01.1.1.1"));
        assertEquals("bücher.example", DomainNames.toUnicode("XN--BCHER-KVA.example"));
        assertEquals(false, MIXED.xmppSenderToSip(jid("bob@exa mple.com"), null, UriScheme.SIP).isOk());
    }
}
