package org.stoxgw.mapping.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.packet.StanzaError.Type;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipResponse;

/** SIP response → XMPP stanza error: vectors E8–E15 and ERR-10–ERR-15 (spec table 2.4). */
class SipErrorsTest {

    private static final AddressMapper ADDRESSES = XmppErrorsTest.ADDRESSES;

    private static StanzaError map(int status, String reason) {
        return SipErrors.toXmpp(SipResponse.of(status, reason), ADDRESSES);
    }

    private static StanzaError map(int status, String reason, String contact) {
        return SipErrors.toXmpp(new SipResponse(status, reason, SipHeaders.of("Contact", contact), SipBody.EMPTY), ADDRESSES);
    }

    @Test
    @DisplayName("E8 ERR-10: 486 Busy Here -> <recipient-unavailable/> type wait, with the phrase as <text/>")
    void e8() {
        StanzaError e = map(486, "Busy Here");
        assertEquals(Condition.recipient_unavailable, e.getCondition());
        assertEquals(Type.WAIT, e.getType());
        assertEquals("Busy Here", e.getDescriptiveText(""));
    }

    @Test
    @DisplayName("E9 ERR-12, AMB-07: 301 -> <gone/> type cancel carrying the new address as an xmpp: IRI")
    void e9() {
        StanzaError e = map(301, "Moved Permanently", "<sip:romeo@afterlife.example.net>");
        assertEquals(Condition.gone, e.getCondition());
        assertEquals(Type.CANCEL, e.getType());
        // afterlife.example.net is XMPP-homed here: its SIP address stands for the XMPP user itself.
        assertEquals("xmpp:romeo@afterlife.example.net", e.getConditionText());
        // A foreign SIP address comes out in gateway form (the XEP-0106 backslash is %5C in an IRI).
        assertEquals("xmpp:romeo%5C40voip.example@gw.example.org", map(301, "Moved", "<sip:romeo@voip.example>").getConditionText());
        // A Contact in a SIP-homed domain maps directly.
        assertEquals("xmpp:romeo@sip.example.test", map(301, "Moved", "\"Romeo\" <sip:romeo@sip.example.test>;expires=60").getConditionText());
        assertEquals("xmpp:juliet@example.net", map(301, "Moved", "<sip:juliet@example.net>").getConditionText());
        // An address that has no JID (sips:) still travels, as the URI itself (ERR-12 wants an address).
        assertEquals("sips:romeo@secure.example", map(301, "Moved", "<sips:romeo@secure.example>").getConditionText());
        assertNull(map(301, "Moved", "").getConditionText());
    }

    @Test
    @DisplayName("E10 ERR-13: 410 -> <gone/> with no character data, even if a Contact is present")
    void e10() {
        StanzaError e = map(410, "Gone", "<sip:romeo@afterlife.example.net>");
        assertEquals(Condition.gone, e.getCondition());
        assertNull(e.getConditionText());
    }

    @Test
    @DisplayName("E11 ERR-11: unregistered 4xx (499) -> <bad-request/>")
    void e11() {
        assertEquals(Condition.bad_request, map(499, "Odd").getCondition());
    }

    @Test
    @DisplayName("E12 ERR-11: 399 / 599 / 699 -> <redirect/> / <internal-server-error/> / <recipient-unavailable/>")
    void e12() {
        assertEquals(Condition.redirect, map(399, "x").getCondition());
        assertEquals(Condition.internal_server_error, map(599, "x").getCondition());
        assertEquals(Condition.recipient_unavailable, map(699, "x").getCondition());
    }

    @Test
    @DisplayName("E13 ERR-10: 503 Service Unavailable -> <internal-server-error/>")
    void e13() {
        assertEquals(Condition.internal_server_error, map(503, "Service Unavailable").getCondition());
    }

    @Test
    @DisplayName("E14 ERR-03: 404 'No such user' -> <item-not-found/> with <text>No such user</text> (no xml:lang)")
    void e14() {
        StanzaError e = map(404, "No such user");
        assertEquals(Condition.item_not_found, e.getCondition());
        assertEquals("No such user", e.getDescriptiveText(""));
    }

    @Test
    @DisplayName("E15 ERR-15: 402 -> <bad-request/> (no payment-required in RFC 6120)")
    void e15() {
        assertEquals(Condition.bad_request, map(402, "Payment Required").getCondition());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @DisplayName("ERR-10 ERR-14: the whole of table 2.4 with RFC 6120 error types (primary choices)")
    @CsvSource({
        "300,redirect,MODIFY", "301,gone,CANCEL", "302,redirect,MODIFY", "305,redirect,MODIFY", "380,not_acceptable,MODIFY",
        "400,bad_request,MODIFY", "401,not_authorized,AUTH", "402,bad_request,MODIFY", "403,forbidden,AUTH",
        "404,item_not_found,CANCEL", "405,feature_not_implemented,CANCEL", "406,not_acceptable,MODIFY",
        "407,registration_required,AUTH", "408,remote_server_timeout,WAIT", "410,gone,CANCEL", "413,policy_violation,MODIFY",
        "414,policy_violation,MODIFY", "415,not_acceptable,MODIFY", "416,not_acceptable,MODIFY",
        "420,feature_not_implemented,CANCEL", "421,not_acceptable,MODIFY", "423,resource_constraint,WAIT",
        "430,recipient_unavailable,WAIT", "439,feature_not_implemented,CANCEL", "440,policy_violation,MODIFY",
        "480,recipient_unavailable,WAIT", "481,item_not_found,CANCEL", "482,not_acceptable,MODIFY",
        "483,not_acceptable,MODIFY", "484,item_not_found,CANCEL", "485,item_not_found,CANCEL",
        "486,recipient_unavailable,WAIT", "487,recipient_unavailable,WAIT", "488,not_acceptable,MODIFY",
        "489,policy_violation,MODIFY", "491,unexpected_request,WAIT", "493,bad_request,MODIFY",
        "500,internal_server_error,CANCEL", "501,feature_not_implemented,CANCEL", "502,remote_server_not_found,CANCEL",
        "503,internal_server_error,CANCEL", "504,remote_server_timeout,WAIT", "505,not_acceptable,MODIFY",
        "513,policy_violation,MODIFY", "600,recipient_unavailable,WAIT", "603,recipient_unavailable,WAIT",
        "604,item_not_found,CANCEL", "606,not_acceptable,MODIFY",
    })
    void table(int status, Condition condition, Type type) {
        StanzaError e = map(status, ErrorTables.reasonPhrase(status));
        assertEquals(condition, e.getCondition());
        assertEquals(type, e.getType());
    }

    @Test
    @DisplayName("ERR-02: 1xx/2xx have no XMPP error")
    void noMappingForSuccess() {
        assertThrows(IllegalArgumentException.class, () -> map(200, "OK"));
        assertThrows(IllegalArgumentException.class, () -> map(183, "Session Progress"));
    }

    @Test
    @DisplayName("table 2.5: 302 Contact -> <redirect/> character data")
    void redirectAddress() {
        assertEquals("xmpp:romeo@sip.example.test", map(302, "Moved Temporarily", "sip:romeo@sip.example.test;expires=5").getConditionText());
    }
}
