package org.stoxgw.mapping.presence;

import java.util.Objects;
import org.jivesoftware.smack.packet.Presence;

/**
 * The decisions of the SIP-to-XMPP direction (RFC 8048 §5.3, §7.2): a SIP user subscribed to an
 * XMPP user and the gateway is the notifier. The {@link Phase} is the pair's XMPP authorization as
 * the gateway knows it; a SIP user may hold several dialogs (devices), each answered per RFC 6665.
 * Pure; any thread.
 *
 * <table>
 *   <caption>Phases</caption>
 *   <tr><td>{@link Phase#NONE}</td><td>no SIP subscription from this user</td></tr>
 *   <tr><td>{@link Phase#PENDING}</td><td>{@code subscribe} sent to the XMPP user, no answer yet: NOTIFYs say pending and carry nothing</td></tr>
 *   <tr><td>{@link Phase#ACTIVE}</td><td>{@code subscribed} received (PRES-23): NOTIFYs carry the user's presence</td></tr>
 * </table>
 */
public final class NotifierRules {

    /** The pair's authorization as the gateway knows it. */
    public enum Phase { NONE, PENDING, ACTIVE }

    /** What NOTIFY to send. */
    public enum Notify {
        NONE,
        /** Empty, {@code pending} (RFC 6665 §4.2.1: a NOTIFY follows every accepted SUBSCRIBE). */
        PENDING,
        /** Empty, {@code active} (PRES-23). */
        ACTIVE_EMPTY,
        /** {@code active} with the PIDF of what is known, empty when nothing is (PRES-25/26). */
        CURRENT,
        /** {@code terminated} with {@link Step#reason()} (PRES-24, PRES-27). */
        TERMINATED
    }

    /** What goes to the XMPP user. */
    public enum Signal {
        NONE,
        /** {@code subscribe} from the SIP user's bare JID (PRES-20). */
        SUBSCRIBE,
        /** {@code unavailable} from the SIP user (PRES-27). */
        UNAVAILABLE,
        /** {@code probe} for the XMPP user's current presence (PRES-46, and after approval). */
        PROBE,
        /** Nothing, because no subscription exists for it (AMB-P12, PRES-49): counted. */
        DROPPED,
        /** Nothing, because the subscription is pending (never leak presence before approval). */
        SUPPRESSED
    }

    /**
     * One decision.
     *
     * @param next       the phase afterwards
     * @param notification the NOTIFY to send (to the dialog concerned, or to every dialog for XMPP events)
     * @param reason     the reason when {@code notification} is TERMINATED
     * @param closedBody whether a terminating NOTIFY carries PIDF {@code closed} (PRES-27)
     * @param signal     the stanza for the XMPP user
     */
    public record Step(Phase next, Notify notification, TerminationReason reason, boolean closedBody, Signal signal) {
        public Step {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(notification, "notification");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(signal, "signal");
        }

        static Step of(Phase next, Notify notification, Signal signal) {
            return new Step(next, notification, TerminationReason.NONE, false, signal);
        }
    }

    private NotifierRules() {
    }

    /**
     * A SUBSCRIBE creating a dialog with Expires &gt; 0 (PRES-20): 200, the immediate NOTIFY (SEV-02)
     * and, the first time, {@code subscribe} to the XMPP user. An approved pair answers with what it
     * knows at once.
     */
    public static Step onNewDialog(Phase p) {
        return switch (p) {
            case NONE -> Step.of(Phase.PENDING, Notify.PENDING, Signal.SUBSCRIBE);
            case PENDING -> Step.of(p, Notify.PENDING, Signal.NONE);
            case ACTIVE -> Step.of(p, Notify.CURRENT, Signal.NONE);
        };
    }

    /** A refresh in an existing dialog: the current state again (PRES-25/26). */
    public static Step onRefresh(Phase p) {
        return Step.of(p, p == Phase.ACTIVE ? Notify.CURRENT : Notify.PENDING, Signal.NONE);
    }

    /**
     * The end of one dialog, by Expires: 0 (PRES-27) or by expiry (RFC 6665 §4.2.2): NOTIFY
     * terminated;reason=timeout with PIDF closed when the subscriber was authorized; when it was the
     * user's last dialog, {@code unavailable} to the XMPP user and the pair's subscription ends.
     * RFC 7248's alternative, {@code unsubscribe} (PRES-28), is not sent.
     */
    public static Step onDialogEnd(Phase p, boolean lastDialog) {
        boolean active = p == Phase.ACTIVE;
        return new Step(lastDialog ? Phase.NONE : p, Notify.TERMINATED, TerminationReason.TIMEOUT, active,
                lastDialog && active ? Signal.UNAVAILABLE : Signal.NONE);
    }

    /**
     * A fetch (SUBSCRIBE Expires: 0 in a new dialog, PRES-46): answered at once from known presence,
     * else after a probe to the XMPP user.
     */
    public static Signal onFetch(Phase p, boolean presenceKnown) {
        return p == Phase.ACTIVE && presenceKnown ? Signal.NONE : Signal.PROBE;
    }

    /**
     * A stanza from the XMPP user to the SIP user (table 2.1): approval, refusal or presence. Every
     * dialog of the pair gets the NOTIFY.
     */
    public static Step onStanza(Phase p, Presence.Type type) {
        return switch (type) {
            case subscribed -> switch (p) {
                case PENDING -> Step.of(Phase.ACTIVE, Notify.ACTIVE_EMPTY, Signal.PROBE);
                case ACTIVE -> Step.of(p, Notify.NONE, Signal.NONE);
                case NONE -> Step.of(p, Notify.NONE, Signal.DROPPED);
            };
            case unsubscribed -> p == Phase.NONE ? Step.of(p, Notify.NONE, Signal.DROPPED)
                    : new Step(Phase.NONE, Notify.TERMINATED, TerminationReason.REJECTED, false, Signal.NONE);
            case available, unavailable -> switch (p) {
                case ACTIVE -> Step.of(p, Notify.CURRENT, Signal.NONE);
                case PENDING -> Step.of(p, Notify.NONE, Signal.SUPPRESSED);
                case NONE -> Step.of(p, Notify.NONE, Signal.DROPPED);
            };
            default -> Step.of(p, Notify.NONE, Signal.NONE);
        };
    }

    /**
     * An XMPP error about the pair (a bounced {@code subscribe}, probe or presence; AMB-P07):
     * permanent errors end every dialog with the reason of
     * {@link SubscriptionResponses#terminationFor}, temporary ones change nothing.
     */
    public static Step onError(Phase p, TerminationReason reasonOrNull) {
        if (p == Phase.NONE || reasonOrNull == null) {
            return Step.of(p, Notify.NONE, Signal.NONE);
        }
        return new Step(Phase.NONE, Notify.TERMINATED, reasonOrNull, false, Signal.NONE);
    }
}
