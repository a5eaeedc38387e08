package org.stoxgw.mapping.presence;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Subscription-State} header of a NOTIFY (RFC 6665 §8.2.3, SEV-03): the substate
 * {@code active}, {@code pending} or {@code terminated}, with {@code expires} (seconds left),
 * and for {@code terminated} a {@code reason} and an optional {@code retry-after}.
 *
 * <p>Parsing is tolerant: an extension substate is kept as {@link Substate#OTHER} so the caller
 * decides (RFC 6665 §8.2.3 lets a subscriber ignore what it does not know), values are
 * case-insensitive, unknown parameters are ignored. Pure; any thread.
 *
 * @param substate   the state
 * @param expires    seconds left, -1 when absent
 * @param reason     the termination reason, {@link TerminationReason#NONE} when absent or not terminated
 * @param retryAfter seconds the subscriber should wait before re-subscribing, -1 when absent
 */
public record SubscriptionState(Substate substate, int expires, TerminationReason reason, int retryAfter) {

    /** The substates of RFC 6665 §8.2.3 plus whatever else a peer may send. */
    public enum Substate {
        ACTIVE, PENDING, TERMINATED,
        /** An extension value; RFC 6665 §4.1.3 lets a subscriber treat it as it sees fit. */
        OTHER
    }

    public SubscriptionState {
        Objects.requireNonNull(substate, "substate");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code active;expires=N} (N &lt; 0: no expires parameter). */
    public static SubscriptionState active(int expires) {
        return new SubscriptionState(Substate.ACTIVE, expires, TerminationReason.NONE, -1);
    }

    /** {@code pending;expires=N} (N &lt; 0: no expires parameter). */
    public static SubscriptionState pending(int expires) {
        return new SubscriptionState(Substate.PENDING, expires, TerminationReason.NONE, -1);
    }

    /** {@code terminated;reason=R} ({@link TerminationReason#NONE}: no reason parameter). */
    public static SubscriptionState terminated(TerminationReason reason) {
        return new SubscriptionState(Substate.TERMINATED, -1, reason, -1);
    }

    /**
     * Parses a header value, e.g. {@code terminated;reason=probation;retry-after=30}.
     *
     * @return empty when the value is empty or has no substate token
     */
    public static Optional<SubscriptionState> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(";");
        String first = parts[0].trim().toLowerCase(Locale.ROOT);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Substate s = switch (first) {
            case "active" -> Substate.ACTIVE;
            case "pending" -> Substate.PENDING;
            case "terminated" -> Substate.TERMINATED;
            default -> Substate.OTHER;
        };
        int expires = -1;
        int retryAfter = -1;
        TerminationReason reason = TerminationReason.NONE;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).trim();
            switch (name) {
                case "expires" -> expires = seconds(v);
                case "retry-after" -> retryAfter = seconds(v);
                case "reason" -> reason = TerminationReason.fromToken(v);
                default -> {
                    // extension parameters carry nothing the gateway maps
                }
            }
        }
        if (s != Substate.TERMINATED) {
            reason = TerminationReason.NONE;
        }
        return Optional.of(new SubscriptionState(s, expires, reason, retryAfter));
    }

    /** The header value, e.g. {@code active;expires=3600} or {@code terminated;reason=rejected}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(switch (substate) {
            case ACTIVE -> "active";
            case PENDING -> "pending";
            case TERMINATED -> "terminated";
            case OTHER -> throw new IllegalStateException("the gateway never sends an extension substate");
        });
        if (substate == Substate.TERMINATED) {
            if (reason != TerminationReason.NONE) {
                sb.append(";reason=").append(reason.token());
            }
        } else if (expires >= 0) {
            sb.append(";expires=").append(expires);
        }
        if (retryAfter >= 0) {
            sb.append(";retry-after=").append(retryAfter);
        }
        return sb.toString();
    }

    private static int seconds(String v) {
        try {
            long n = Long.parseLong(v);
            return n < 0 ? -1 : (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
