package org.stoxgw.mapping.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressPolicy;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.sip.SipResponse;

/** XMPP stanza error → SIP response: vectors E1–E7 and ERR-04–ERR-09 (spec table 2.3). */
class XmppErrorsTest {

    static final AddressMapper ADDRESSES = new AddressMapper(AddressPolicy.of(
            List.of(new DomainPair("sip.example.test", "sip.example.test")),
            List.of(new DomainPair("example.net", "example.net"), new DomainPair("afterlife.example.net", "afterlife.example.net")),
            List.of(new DomainPair("gw.example.org", "gw.example.org"))));

    private static final Jid BARE = JidCreate.fromOrThrowUnchecked("romeo@example.net");
    private static final Jid FULL = JidCreate.fromOrThrowUnchecked("romeo@example.net/orchard");

    private static SipResponse map(StanzaError error, Jid concerned) {
        return XmppErrors.toSip(error, concerned, ADDRESSES, List.of("MESSAGE", "OPTIONS"));
    }

    private static SipResponse map(Condition c, Jid concerned) {
        return map(StanzaError.getBuilder(c).build(), concerned);
    }

    @Test
    @DisplayName("E1 ERR-06: <item-not-found/> for a bare JID -> 604")
    void e1() {
        assertEquals(604, map(Condition.item_not_found, BARE).status());
        assertEquals("Does Not Exist Anywhere", map(Condition.item_not_found, BARE).reason());
    }

    @Test
    @DisplayName("E2 ERR-06, AMB-09: <item-not-found/> for a full JID -> 404")
    void e2() {
        assertEquals(404, map(Condition.item_not_found, FULL).status());
    }

    @Test
    @DisplayName("E3 ERR-05: <feature-not-implemented/> bare -> 501, full -> 405 with Allow (RFC 3261 §21.4.6)")
    void e3() {
        assertEquals(501, map(Condition.feature_not_implemented, BARE).status());
        SipResponse full = map(Condition.feature_not_implemented, FULL);
        assertEquals(405, full.status());
        assertEquals("MESSAGE, OPTIONS", full.headers().first("Allow").orElseThrow());
    }

    @Test
    @DisplayName("E4 ERR-07, AMB-07: <gone/> with an xmpp: address -> 301, Contact = the address mapped to SIP")
    void e4() {
        StanzaError gone = StanzaError.getBuilder(Condition.gone).setConditionText("xmpp:romeo@afterlife.example.net").build();
        SipResponse r = map(gone, BARE);
        assertEquals(301, r.status());
        assertEquals("Moved Permanently", r.reason());
        assertEquals("<sip:romeo@afterlife.example.net>", r.headers().first("Contact").orElseThrow());
        // A foreign new address comes out in gateway form, so the SIP user can still reach it.
        StanzaError foreign = StanzaError.getBuilder(Condition.gone).setConditionText("xmpp:romeo@heaven.example").build();
        assertEquals("<sip:romeo%40heaven.example@gw.example.org>", map(foreign, BARE).headers().first("Contact").orElseThrow());
        // A sip: URI passes as it is.
        StanzaError sip = StanzaError.getBuilder(Condition.gone).setConditionText("sip:romeo@voip.example").build();
        assertEquals("<sip:romeo@voip.example>", map(sip, BARE).headers().first("Contact").orElseThrow());
    }

    @Test
    @DisplayName("E5 ERR-07: <gone/> without an address (or with one SIP cannot reach) -> 410")
    void e5() {
        assertEquals(410, map(Condition.gone, BARE).status());
        assertEquals("Gone", map(Condition.gone, BARE).reason());
        StanzaError unreachable = StanzaError.getBuilder(Condition.gone).setConditionText("https://example.com/new").build();
        assertEquals(410, map(unreachable, BARE).status());
        assertFalse(map(unreachable, BARE).headers().contains("Contact"));
    }

    @Test
    @DisplayName("E6 ERR-09: <service-unavailable/> -> 403, never 503")
    void e6() {
        assertEquals(403, map(Condition.service_unavailable, BARE).status());
        assertEquals(403, map(Condition.service_unavailable, FULL).status());
    }

    @Test
    @DisplayName("E7 ERR-04: <remote-server-timeout/> -> 408")
    void e7() {
        assertEquals(408, map(Condition.remote_server_timeout, BARE).status());
    }

    @ParameterizedTest(name = "{0}: bare {1}, full {2}")
    @DisplayName("ERR-04 ERR-05 ERR-06 ERR-08: the whole of table 2.3")
    @CsvSource({
        "bad_request,400,400", "conflict,400,400", "feature_not_implemented,501,405", "forbidden,603,403",
        "gone,410,410", "internal_server_error,500,500", "item_not_found,604,404", "jid_malformed,400,400",
        "not_acceptable,606,406", "not_allowed,403,403", "policy_violation,403,403",
        "recipient_unavailable,600,480", "redirect,302,302", "remote_server_not_found,404,404",
        "remote_server_timeout,408,408", "resource_constraint,500,500", "service_unavailable,403,403",
        "subscription_required,400,400", "undefined_condition,400,400", "unexpected_request,400,400",
        // Deviations (ERR-01): 401/407 need a challenge the gateway cannot make up, see DECISIONS.md.
        "not_authorized,403,403", "registration_required,403,403",
    })
    void table(Condition condition, int bare, int full) {
        assertEquals(bare, map(condition, BARE).status(), "bare");
        assertEquals(full, map(condition, FULL).status(), "full");
        assertEquals(bare, map(condition, null).status(), "unknown counts as bare");
    }

    @ParameterizedTest
    @DisplayName("ERR-09: no condition ever maps to 503")
    @EnumSource(Condition.class)
    void never503(Condition condition) {
        assertNotEquals(503, map(condition, BARE).status());
        assertNotEquals(503, map(condition, FULL).status());
    }

    @Test
    @DisplayName("ERR-03: the <text/> becomes the Reason-Phrase, cleaned of line breaks")
    void textToReason() {
        StanzaError e = StanzaError.getBuilder(Condition.recipient_unavailable)
                .setDescriptiveTexts(Map.of("en", "Juliet is\r\n away")).build();
        assertEquals("Juliet is away", map(e, FULL).reason());
        StanzaError noLang = StanzaError.getBuilder(Condition.recipient_unavailable)
                .setDescriptiveTexts(Map.of("", "Gone fishing", "de", "Angeln")).build();
        assertEquals("Gone fishing", map(noLang, FULL).reason());
    }

    @Test
    @DisplayName("table 2.5: <redirect/> with an address -> 302 with the mapped Contact")
    void redirect() {
        StanzaError r = StanzaError.getBuilder(Condition.redirect).setConditionText("xmpp:romeo@example.net").build();
        SipResponse s = map(r, BARE);
        assertEquals(302, s.status());
        assertEquals("<sip:romeo@example.net>", s.headers().first("Contact").orElseThrow());
    }
}
