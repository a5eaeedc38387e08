package org.stoxgw.mapping.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stoxgw.mapping.sip.SipResponse;

/** The adapters' local failures: an error for the XMPP sender, a response for the SIP sender (ERR-08). */
class LocalFailureTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @DisplayName("ERR-08: 404 only when the remote domain does not exist, 408 when it cannot be resolved or reached")
    @CsvSource({
        "TIMEOUT,remote_server_timeout,408", "TRANSPORT,remote_server_not_found,408",
        "UNRESOLVABLE,remote_server_not_found,408", "NO_SUCH_DOMAIN,remote_server_not_found,404",
        "REFUSED,resource_constraint,500", "TOO_LARGE,policy_violation,513",
    })
    void mapping(LocalFailure failure, Condition condition, int status) {
        StanzaError e = failure.toXmpp("Timer B fired\nfor sip:bob@example.com");
        assertEquals(condition, e.getCondition());
        assertEquals("Timer B fired for sip:bob@example.com", e.getDescriptiveText(""));
        SipResponse r = failure.toSip("no route to xmpp.example.com");
        assertEquals(status, r.status());
        assertEquals("no route to xmpp.example.com", r.reason());
        assertEquals(ErrorTables.reasonPhrase(status), failure.toSip(null).reason());
    }
}
