package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stoxgw.mapping.presence.SubscriptionState.Substate;
import org.stoxgw.mapping.sip.SipHeaders;

class SubscriptionStateTest {

    @ParameterizedTest(name = "{0}")
    @DisplayName("SEV-03: Subscription-State substates, expires, reason and retry-after are read")
    @CsvSource(delimiter = '|', value = {
            "active;expires=499 | ACTIVE | 499 | NONE | -1",
            "pending;expires=3600 | PENDING | 3600 | NONE | -1",
            "terminated;reason=rejected | TERMINATED | -1 | REJECTED | -1",
            "Terminated ; Reason=PROBATION ; retry-after=30 | TERMINATED | -1 | PROBATION | 30",
            "terminated;reason=noresource | TERMINATED | -1 | NORESOURCE | -1",
            "terminated;reason=deactivated | TERMINATED | -1 | DEACTIVATED | -1",
            "terminated;reason=giveup;retry-after=120 | TERMINATED | -1 | GIVEUP | 120",
            "terminated;reason=invariant | TERMINATED | -1 | INVARIANT | -1",
            "terminated;reason=timeout | TERMINATED | -1 | TIMEOUT | -1",
            "terminated;reason=went-fishing | TERMINATED | -1 | OTHER | -1",
            "terminated | TERMINATED | -1 | NONE | -1",
            "waiting;expires=10 | OTHER | 10 | NONE | -1",
            "active;expires=abc;x=y | ACTIVE | -1 | NONE | -1"})
    void parses(String value, Substate s, int expires, TerminationReason reason, int retryAfter) {
        SubscriptionState st = SubscriptionState.parse(value).orElseThrow();
        assertEquals(new SubscriptionState(s, expires, reason, retryAfter), st);
    }

    @Test
    @DisplayName("SEV-03: the values the gateway writes (P7 active, P8 terminated;reason=rejected, P9 timeout)")
    void writes() {
        assertEquals("active", SubscriptionState.active(-1).toString()); // P7
        assertEquals("active;expires=599", SubscriptionState.active(599).toString()); // P10
        assertEquals("pending;expires=3600", SubscriptionState.pending(3600).toString());
        assertEquals("terminated;reason=rejected", SubscriptionState.terminated(TerminationReason.REJECTED).toString()); // P8
        assertEquals("terminated;reason=timeout", SubscriptionState.terminated(TerminationReason.TIMEOUT).toString()); // P9
        assertEquals("terminated", SubscriptionState.terminated(TerminationReason.NONE).toString());
        assertTrue(SubscriptionState.parse("").isEmpty());
        assertTrue(SubscriptionState.parse(null).isEmpty());
    }

    @Test
    @DisplayName("SEV-01/SEV-04: Event package, Expires and Min-Expires are read from the headers")
    void headers() {
        SipHeaders h = SipHeaders.of("Event", "Presence;id=7", "Expires", "120", "Min-Expires", "7200",
                "Subscription-State", "active;expires=60", "Contact", "\"Romeo\" <sip:romeo@192.0.2.1:5070;transport=tcp>;expires=60");
        assertEquals("presence", SubscriptionHeaders.eventPackage(h).orElseThrow());
        assertEquals(OptionalInt.of(120), SubscriptionHeaders.expires(h));
        assertEquals(OptionalInt.of(7200), SubscriptionHeaders.minExpires(h));
        assertEquals(SubscriptionState.active(60), SubscriptionHeaders.subscriptionState(h).orElseThrow());
        assertEquals("sip:romeo@192.0.2.1:5070;transport=tcp", SubscriptionHeaders.contactUri(h).orElseThrow());
        assertEquals(OptionalInt.empty(), SubscriptionHeaders.expires(SipHeaders.of("Expires", "soon")));
        assertEquals(EventPackage.PRESENCE, EventPackage.fromToken("presence"));
        assertEquals("application/pidf+xml", EventPackage.PRESENCE.contentType()); // SEV-01
        assertEquals("application/dialog-info+xml", EventPackage.DIALOG.contentType());
    }
}
