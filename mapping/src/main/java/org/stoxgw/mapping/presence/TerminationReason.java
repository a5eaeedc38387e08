package org.stoxgw.mapping.presence;

import java.util.Locale;

/**
 * The {@code reason} of a terminated subscription (RFC 6665 §4.1.3 / §8.2.3, SEV-03) and what a
 * subscriber should do about it (AMB-P06, decided in docs/DECISIONS.md):
 * <table>
 *   <caption>AMB-P06: SIP-initiated termination of the gateway's subscription</caption>
 *   <tr><th>reason</th><th>{@link #followUp()}</th><th>XMPP user sees</th></tr>
 *   <tr><td>deactivated, none, unknown</td><td>{@link FollowUp#RESUBSCRIBE_NOW}</td><td>nothing</td></tr>
 *   <tr><td>probation, giveup</td><td>{@link FollowUp#RESUBSCRIBE_LATER} (Retry-After, else a default)</td><td>nothing</td></tr>
 *   <tr><td>timeout</td><td>{@link FollowUp#RESUBSCRIBE_IF_ONLINE} (it lapsed: only while the user is online)</td><td>nothing</td></tr>
 *   <tr><td>invariant</td><td>{@link FollowUp#LAPSE} (the state will not change; wait for the next session start)</td><td>nothing</td></tr>
 *   <tr><td>rejected, noresource</td><td>{@link FollowUp#ENDED}: the authorization is over</td><td>{@code unsubscribed}</td></tr>
 * </table>
 */
public enum TerminationReason {
    /** No reason parameter. */
    NONE(""),
    DEACTIVATED("deactivated"),
    PROBATION("probation"),
    REJECTED("rejected"),
    TIMEOUT("timeout"),
    GIVEUP("giveup"),
    NORESOURCE("noresource"),
    INVARIANT("invariant"),
    /** A reason token this gateway does not know (treated like none, RFC 6665 §4.1.3). */
    OTHER("");

    /** What the subscriber does after a termination. */
    public enum FollowUp {
        /** Send a new SUBSCRIBE (new dialog) at once. */
        RESUBSCRIBE_NOW,
        /** Send a new SUBSCRIBE after the Retry-After time (or a default back-off). */
        RESUBSCRIBE_LATER,
        /** Re-subscribe only while the XMPP user is known to be online, else leave the dialog lapsed. */
        RESUBSCRIBE_IF_ONLINE,
        /** Keep the authorization but no dialog until the user's next presence session (probe). */
        LAPSE,
        /** The authorization ended: tell the XMPP user {@code unsubscribed}. */
        ENDED
    }

    private final String token;

    TerminationReason(String token) {
        this.token = token;
    }

    /** The header token ("" for {@link #NONE} and {@link #OTHER}). */
    public String token() {
        return token;
    }

    /** The reason for a token (case-insensitive); unknown tokens give {@link #OTHER}. */
    public static TerminationReason fromToken(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (TerminationReason r : values()) {
            if (!r.token.isEmpty() && r.token.equals(t)) {
                return r;
            }
        }
        return t.isEmpty() ? NONE : OTHER;
    }

    /** AMB-P06: what the subscriber does after this reason. */
    public FollowUp followUp() {
        return switch (this) {
            case DEACTIVATED, NONE, OTHER -> FollowUp.RESUBSCRIBE_NOW;
            case PROBATION, GIVEUP -> FollowUp.RESUBSCRIBE_LATER;
            case TIMEOUT -> FollowUp.RESUBSCRIBE_IF_ONLINE;
            case INVARIANT -> FollowUp.LAPSE;
            case REJECTED, NORESOURCE -> FollowUp.ENDED;
        };
    }
}
