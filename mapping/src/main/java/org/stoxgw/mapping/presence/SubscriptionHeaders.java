package org.stoxgw.mapping.presence;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipHeaders;

/**
 * Reads the header fields of SIP events (RFC 6665) from the neutral model: Event, Expires,
 * Min-Expires, Subscription-State, Contact. Tolerant: a value that does not parse reads as absent
 * (the SIP adapter already answered 400 for the ones it checks). Pure; any thread.
 */
public final class SubscriptionHeaders {

    private SubscriptionHeaders() {
    }

    /** The event package of an {@code Event} value, lower case, without parameters ({@code presence;id=1} gives {@code presence}). */
    public static Optional<String> eventPackage(SipHeaders headers) {
        return headers.first("Event").map(v -> {
            int semi = v.indexOf(';');
            return (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        }).filter(s -> !s.isEmpty());
    }

    /** The {@code Expires} value in seconds (RFC 3261 §20.19), if present and numeric. */
    public static OptionalInt expires(SipHeaders headers) {
        return seconds(headers.first("Expires"));
    }

    /** The {@code Min-Expires} value of a 423 (RFC 3261 §20.23). */
    public static OptionalInt minExpires(SipHeaders headers) {
        return seconds(headers.first("Min-Expires"));
    }

    /** The parsed {@code Subscription-State} (SEV-03), if present. */
    public static Optional<SubscriptionState> subscriptionState(SipHeaders headers) {
        return headers.first("Subscription-State").flatMap(SubscriptionState::parse);
    }

    /** The URI of the first Contact, if any parses. */
    public static Optional<String> contactUri(SipHeaders headers) {
        for (String v : headers.all("Contact")) {
            try {
                String first = v.startsWith("<") || v.startsWith("\"") ? v : v.split(",", 2)[0];
                return Optional.of(NameAddress.parse(first).uri());
            } catch (IllegalArgumentException e) {
                // try the next field
            }
        }
        return Optional.empty();
    }

    /** The tag of a From/To value, "" if none or unparsable. */
    static String tagOf(String nameAddress) {
        try {
            return NameAddress.parse(nameAddress).tag().orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static OptionalInt seconds(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            long n = Long.parseLong(value.get().trim());
            return n < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(n, Integer.MAX_VALUE));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
