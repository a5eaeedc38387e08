package org.stoxgw.mapping.presence;

import java.util.OptionalInt;

/**
 * Subscription durations (RFC 6665 §4.2.1.1, RFC 3856 §6.4): what the gateway grants a SIP
 * subscriber, and when the gateway refreshes the subscriptions it holds. Pure; any thread.
 */
public final class SubscriptionExpiry {

    /** RFC 3856 §6.4: a SUBSCRIBE without Expires asks for 3600 s (PRES-21, SEV-01). */
    public static final int PRESENCE_DEFAULT = 3600;

    private SubscriptionExpiry() {
    }

    /**
     * The answer to a requested duration.
     *
     * @param seconds    the granted duration (0 for a fetch or cancel)
     * @param minExpires when &gt; 0, the request is refused with 423 and this Min-Expires (SEV-04)
     */
    public record Grant(int seconds, int minExpires) {
        public boolean tooBrief() {
            return minExpires > 0;
        }
    }

    /**
     * The duration to grant: the request (default 3600 when absent), 0 stays 0 (fetch or cancel),
     * longer than {@code max} is shortened to {@code max} (RFC 6665 §4.2.1.1 lets the notifier
     * shorten), shorter than {@code min} is refused with 423 Interval Too Brief.
     */
    public static Grant grant(OptionalInt requested, int min, int max) {
        int r = requested.orElse(PRESENCE_DEFAULT);
        if (r == 0) {
            return new Grant(0, 0);
        }
        if (r < min) {
            return new Grant(0, min);
        }
        return new Grant(Math.min(r, max), 0);
    }

    /**
     * Seconds after a successful (re)SUBSCRIBE at which the gateway refreshes it: {@code margin}
     * before expiry, but never later than half-way, so short grants are still refreshed in time
     * (PRES-11, AMB-P13).
     */
    public static long refreshAfter(long grantedSeconds, long marginSeconds) {
        if (grantedSeconds <= 1) {
            return 0;
        }
        long lead = Math.min(marginSeconds, grantedSeconds / 2);
        return grantedSeconds - lead;
    }
}
