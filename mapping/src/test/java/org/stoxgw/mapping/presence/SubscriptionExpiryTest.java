package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubscriptionExpiryTest {

    @Test
    @DisplayName("PRES-21/SEV-01: no Expires in SUBSCRIBE means 3600 s")
    void defaultIs3600() {
        assertEquals(new SubscriptionExpiry.Grant(3600, 0), SubscriptionExpiry.grant(OptionalInt.empty(), 60, 86400));
    }

    @Test
    @DisplayName("SEV-04: too short a duration is refused with 423 and Min-Expires; too long is shortened; 0 stays a fetch")
    void limits() {
        SubscriptionExpiry.Grant brief = SubscriptionExpiry.grant(OptionalInt.of(10), 60, 86400);
        assertTrue(brief.tooBrief());
        assertEquals(60, brief.minExpires());
        assertEquals(86400, SubscriptionExpiry.grant(OptionalInt.of(999_999), 60, 86400).seconds());
        SubscriptionExpiry.Grant fetch = SubscriptionExpiry.grant(OptionalInt.of(0), 60, 86400);
        assertFalse(fetch.tooBrief());
        assertEquals(0, fetch.seconds());
        assertEquals(600, SubscriptionExpiry.grant(OptionalInt.of(600), 60, 86400).seconds());
    }

    @Test
    @DisplayName("PRES-11/AMB-P13: refresh a margin before expiry, never later than half-way")
    void refresh() {
        assertEquals(3000, SubscriptionExpiry.refreshAfter(3600, 600));
        assertEquals(30, SubscriptionExpiry.refreshAfter(60, 600));
        assertEquals(1, SubscriptionExpiry.refreshAfter(2, 600));
        assertEquals(0, SubscriptionExpiry.refreshAfter(1, 600));
    }
}
