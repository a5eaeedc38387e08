package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.address.TestPolicies.SIP_HOMED;
import static org.stoxgw.mapping.address.TestPolicies.XMPP_HOMED;
import static org.stoxgw.mapping.address.TestPolicies.jid;

import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.jxmpp.util.XmppStringUtils;

/** XEP-0106 vectors J1–J14 (spec 01 §3.3) and the JIDESC rules, directly and through the mapping. */
class JidEscapingTest {

    @ParameterizedTest(name = "{0}: {1} <-> {2}")
    @DisplayName("J1-J12 XEP-0106 §5.1 escaping vectors, both ways (JIDESC-03, JIDESC-05, JIDESC-08)")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "J1|space cadet|space\\20cadet",
        "J2|call me \"ishmael\"|call\\20me\\20\\22ishmael\\22",
        "J3|at&t guy|at\\26t\\20guy",
        "J4|d'artagnan|d\\27artagnan",
        "J5|/.fanboy|\\2f.fanboy",
        "J6|::foo::|\\3a\\3afoo\\3a\\3a",
        "J7|<foo>|\\3cfoo\\3e",
        "J8|user@host|user\\40host",
        "J9|c:\\net|c\\3a\\net",
        "J10|c:\\\\net|c\\3a\\\\net",
        "J11|c:\\cool stuff|c\\3a\\cool\\20stuff",
        "J12|c:\\5commas|c\\3a\\5c5commas",
    })
    void vectors(String id, String unescaped, String escaped) {
        assertEquals(escaped, JidEscaping.escape(unescaped), id);
        assertEquals(unescaped, JidEscaping.unescape(escaped), id);
        assertTrue(JidEscaping.isCanonical(escaped), id);
        // Through the mapping: SIP user part (percent-encoded by SipUri) -> JID -> SIP user part.
        SipUri sip = SipUri.of(UriScheme.SIP, unescaped, "example.com");
        assertEquals(escaped + "@example.com", XMPP_HOMED.sipTargetToXmpp(sip).orElseThrow().toString(), id);
        assertEquals(sip, SIP_HOMED.xmppTargetToSip(jid(escaped + "@example.com"), UriScheme.SIP, UserSpellings.NONE).orElseThrow(), id);
    }

    @ParameterizedTest
    @DisplayName("J13 J14 JIDESC-10: partial or unknown sequences are not modified by either direction")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {"\\2plus\\2is\\4", "foo\\bar", "foob\\41r", "a\\", "\\5"})
    void partialSequencesUnchanged(String s) {
        assertEquals(s, JidEscaping.escape(s));
        assertEquals(s, JidEscaping.unescape(s));
        SipUri sip = SipUri.of(UriScheme.SIP, s, "example.com");
        assertEquals(s + "@example.com", XMPP_HOMED.sipTargetToXmpp(sip).orElseThrow().toString());
    }

    @Test
    @DisplayName("JIDESC-08: jxmpp's escapeLocalpart escapes every backslash, ours only before look-alikes")
    void whyNotJxmpp() {
        assertEquals("c\\3a\\5cnet", XmppStringUtils.escapeLocalpart("c:\\net"));
        assertEquals("c\\3a\\net", JidEscaping.escape("c:\\net"));
    }

    @Test
    @DisplayName("JIDESC-08: a backslash before an upper-case look-alike is escaped too, so PRECIS case mapping cannot turn \\2F into /")
    void upperCaseLookAlike() {
        assertEquals("a\\5c2Fb", JidEscaping.escape("a\\2Fb"));
        assertEquals("a\\5c2fb@example.com",
                XMPP_HOMED.sipTargetToXmpp(SipUri.of(UriScheme.SIP, "a\\2Fb", "example.com")).orElseThrow().toString());
    }

    @Test
    @DisplayName("JIDESC-07: \\20 can be neither first nor last; such addresses are refused both ways")
    void noLeadingOrTrailingSpace() {
        assertNull(JidEscaping.escape(" bob"));
        assertNull(JidEscaping.escape("bob "));
        assertEquals("a\\20b", JidEscaping.escape("a b"));
        Mapping<?> m = XMPP_HOMED.sipTargetToXmpp(SipUri.parse("sip:%20bob@example.com"));
        assertEquals(404, ((Mapping.Refused<?>) m).sipStatus());
        assertFalse(JidEscaping.isCanonical("\\20bob"));
        Mapping<?> back = SIP_HOMED.xmppTargetToSip(jid("\\20bob@example.com"), UriScheme.SIP, UserSpellings.NONE);
        assertEquals(StanzaError.Condition.jid_malformed, ((Mapping.Refused<?>) back).xmppCondition());
    }

    @Test
    @DisplayName("JIDESC-06: a needless \\5c is refused on the way to SIP, so two JIDs never become one SIP address")
    void nonCanonicalRefused() {
        assertFalse(JidEscaping.isCanonical("c\\3a\\5cnet"));
        Mapping<?> m = SIP_HOMED.xmppTargetToSip(jid("c\\3a\\5cnet@example.com"), UriScheme.SIP, UserSpellings.NONE);
        assertEquals(StanzaError.Condition.jid_malformed, ((Mapping.Refused<?>) m).xmppCondition());
        assertTrue(SIP_HOMED.xmppTargetToSip(jid("c\\3a\\net@example.com"), UriScheme.SIP, UserSpellings.NONE).isOk());
    }

    @Test
    @DisplayName("JIDESC-06: the unescaped character is never on the wire: JIDs hold only escapes")
    void neverUnescapedOnTheWire() {
        String jid = XMPP_HOMED.sipTargetToXmpp(SipUri.parse("sip:a%22b%26c%27d%2Fe%3Af%3Cg%3Eh%40i%20j@example.com"))
                .orElseThrow().getLocalpartOrNull().toString();
        assertEquals("a\\22b\\26c\\27d\\2fe\\3af\\3cg\\3eh\\40i\\20j", jid);
    }

    @Test
    @DisplayName("JIDESC-01: escaping touches only the localpart, never the domain or the resource")
    void localpartOnly() {
        String jid = XMPP_HOMED.sipTargetToXmpp(SipUri.parse("sip:a%40b@example.com;gr=x%40y%2Fz%20w")).orElseThrow().toString();
        assertEquals("a\\40b@example.com/x@y/z w", jid);
        assertEquals("sip:a%40b@example.com;gr=x%40y/z%20w",
                SIP_HOMED.xmppTargetToSip(jid(jid), UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString());
    }

    @Test
    @DisplayName("JIDESC-02: escapes are lower-case hex and survive PRECIS UsernameCaseMapped unchanged")
    void lowerCaseHex() {
        String escaped = JidEscaping.escape("A/B:C");
        assertEquals("A\\2fB\\3aC", escaped);
        assertEquals("a\\2fb\\3ac", StrictJids.localpart(escaped));
        assertEquals("a/b:c", JidEscaping.unescape(StrictJids.localpart(escaped)));
    }

    @Test
    @DisplayName("JIDESC-04: on the way out PRECIS is applied before unescaping (\\2F from a lenient peer reads as /)")
    void precisBeforeUnescape() {
        // A JID built by a peer's library without case mapping may carry upper-case hex.
        org.jxmpp.JxmppContext asIs = org.jxmpp.JxmppContext.builder().withXmppStringprep(new org.jxmpp.stringprep.XmppStringprep() {
            @Override public String localprep(String s) { return s; }
            @Override public String domainprep(String s) { return s; }
            @Override public String resourceprep(String s) { return s; }
        }).build();
        org.jxmpp.jid.Jid raw;
        try {
            raw = org.jxmpp.jid.impl.JidCreate.entityBareFrom("a\\2Fb@example.com", asIs);
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            throw new AssertionError(e);
        }
        assertEquals("a\\2Fb@example.com", raw.toString());
        assertEquals("sip:a/b@example.com", SIP_HOMED.xmppTargetToSip(raw, UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString());
        assertEquals("a/b", JidEscaping.unescape(StrictJids.localpart("a\\2Fb")));
    }

    @Test
    @DisplayName("JIDESC-09: for URI sources, percent-decode first, then the backslash rule, then escape")
    void uriOrder() {
        // %5C%32%30 decodes to \20 (a look-alike), whose backslash is escaped; %20 decodes to a space.
        assertEquals("\\5c20x\\20y@example.com",
                XMPP_HOMED.sipTargetToXmpp(SipUri.parse("sip:%5C%32%30x%20y@example.com")).orElseThrow().toString());
    }

    @Test
    @DisplayName("JIDESC-03: characters outside the ten are not escaped; if PRECIS forbids them the address is refused")
    void onlyTheTen() {
        assertEquals("a#b%c!d", JidEscaping.escape("a#b%c!d"));
        Mapping<?> tab = XMPP_HOMED.sipTargetToXmpp(SipUri.parse("sip:a%09b@example.com"));
        assertFalse(tab.isOk());
        Mapping<?> snowman = XMPP_HOMED.sipTargetToXmpp(SipUri.parse("sip:%E2%98%83@example.com"));
        assertFalse(snowman.isOk());
        assertTrue(((Mapping.Refused<?>) snowman).reason().contains("PRECIS"));
    }
}
