package org.stoxgw.mapping.presence;

import java.util.Objects;
import org.jivesoftware.smack.packet.Presence;
import org.stoxgw.mapping.presence.SubscriptionResponses.SubscribeClass;

/**
 * The decisions of the XMPP-to-SIP direction (RFC 8048 §5.2, §7.1): the gateway holds a SIP
 * subscription (subscriber role) for an XMPP user who asked for a SIP contact's presence. Each
 * function maps the current {@link Phase} and one event to a {@link Step}; the core keeps the state,
 * the dialog and the timers and carries the step out. Pure; any thread.
 *
 * <table>
 *   <caption>Phases</caption>
 *   <tr><td>{@link Phase#NONE}</td><td>no subscription</td></tr>
 *   <tr><td>{@link Phase#REQUESTED}</td><td>the user sent {@code subscribe}; SUBSCRIBE sent, no active NOTIFY yet (neutral or pending, PRES-05/06)</td></tr>
 *   <tr><td>{@link Phase#AUTHORIZED}</td><td>{@code subscribed} was sent to the user (PRES-07); the dialog is refreshed (PRES-09/11) or lapsed while the user is offline (AMB-P13)</td></tr>
 *   <tr><td>{@link Phase#CANCELLING}</td><td>the user sent {@code unsubscribe}; SUBSCRIBE Expires: 0 sent (PRES-16)</td></tr>
 * </table>
 */
public final class WatcherRules {

    /** Where the gateway's subscription for one (XMPP user, SIP contact) pair stands. */
    public enum Phase { NONE, REQUESTED, AUTHORIZED, CANCELLING }

    /** Why a SUBSCRIBE was sent; its answer is read accordingly. */
    public enum Purpose {
        /** The first SUBSCRIBE of a new dialog. */
        INITIAL,
        /** A refresh in the existing dialog. */
        REFRESH,
        /** Expires: 0 in the existing dialog (PRES-16). */
        CANCEL,
        /** Expires: 0 in a new dialog for an XMPP probe (PRES-44). */
        FETCH
    }

    /** What goes to the XMPP user. */
    public enum Signal {
        NONE,
        /** {@code <presence type='subscribed'/>} from the contact's bare JID (PRES-07). */
        SUBSCRIBED,
        /** {@code <presence type='unsubscribed'/>} (PRES-13, PRES-17, AMB-P05). */
        UNSUBSCRIBED,
        /**
         * {@code unavailable} from every resource announced so far, then {@code unsubscribed}
         * (RFC 6121 §3.2.2: a cancelled authorization first takes the contact's presence away).
         */
        UNAVAILABLE_THEN_UNSUBSCRIBED,
        /** A presence error with the condition of the SIP failure (error tables, AMB-P07). */
        ERROR
    }

    /** What happens on the SIP side. */
    public enum SipAction {
        NONE,
        /** SUBSCRIBE in a new dialog, Expires &gt; 0 (PRES-04, PRES-10, PRES-14 after 481). */
        SUBSCRIBE_NEW,
        /** SUBSCRIBE in the current dialog (PRES-10, PRES-11). */
        REFRESH,
        /** SUBSCRIBE Expires: 0 in the current dialog (PRES-16). */
        UNSUBSCRIBE,
        /** SUBSCRIBE Expires: 0 in a new dialog, answer to the prober (PRES-44). */
        FETCH,
        /** Send the same SUBSCRIBE again with the 423's Min-Expires (PRES-14). */
        RETRY_MIN_EXPIRES,
        /** Try again after a back-off (or the Retry-After of the termination). */
        RETRY_LATER,
        /** Re-subscribe if the XMPP user is online, else let the dialog lapse (AMB-P13). */
        RESUBSCRIBE_IF_ONLINE,
        /** Forget the dialog, keep the authorization until the next probe (AMB-P13). */
        LAPSE,
        /** Forget the dialog and the subscription. */
        DROP
    }

    /**
     * One decision.
     *
     * @param next       the phase afterwards
     * @param signal     the stanza for the XMPP user
     * @param sip        the SIP action
     * @param mapContent whether the NOTIFY body is translated into presence for the user (PRES-08,
     *                   PRES-40; a missing body means "unknown", announced as unavailable)
     */
    public record Step(Phase next, Signal signal, SipAction sip, boolean mapContent) {
        public Step {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(sip, "sip");
        }

        static Step to(Phase next, Signal signal, SipAction sip) {
            return new Step(next, signal, sip, false);
        }

        static Step stay(Phase p) {
            return new Step(p, Signal.NONE, SipAction.NONE, false);
        }
    }

    private WatcherRules() {
    }

    /**
     * A subscription stanza from the XMPP user to the SIP contact (table 2.1 of the digest).
     *
     * @param dialogLive whether a SIP dialog exists (false when lapsed, AMB-P13)
     */
    public static Step onStanza(Phase p, Presence.Type type, boolean dialogLive) {
        return switch (type) {
            case subscribe -> switch (p) {
                case NONE, CANCELLING -> Step.to(Phase.REQUESTED, Signal.NONE, SipAction.SUBSCRIBE_NEW);
                case REQUESTED -> Step.stay(p);
                // RFC 6121 §3.1.3: an existing subscription is confirmed again; PRES-10 fresh state
                case AUTHORIZED -> Step.to(p, Signal.SUBSCRIBED, dialogLive ? SipAction.REFRESH : SipAction.SUBSCRIBE_NEW);
            };
            case unsubscribe -> switch (p) {
                case NONE, CANCELLING -> Step.stay(p);
                case REQUESTED, AUTHORIZED -> dialogLive ? Step.to(Phase.CANCELLING, Signal.NONE, SipAction.UNSUBSCRIBE)
                        : Step.to(Phase.NONE, Signal.UNSUBSCRIBED, SipAction.DROP);
            };
            case probe -> p == Phase.AUTHORIZED
                    // PRES-10: a probe starts the user's presence session: fresh state in the dialog
                    ? Step.to(p, Signal.NONE, dialogLive ? SipAction.REFRESH : SipAction.SUBSCRIBE_NEW)
                    : Step.to(p, Signal.NONE, SipAction.FETCH); // PRES-44
            default -> Step.stay(p);
        };
    }

    /** The final answer (or local failure, {@link SubscribeClass#TRANSIENT}) to a SUBSCRIBE. */
    public static Step onAnswer(Phase p, Purpose purpose, SubscribeClass c) {
        if (purpose == Purpose.CANCEL) {
            // PRES-17: unsubscribed on the 200; on a failure the user's wish stands just the same
            return p == Phase.CANCELLING ? Step.to(Phase.NONE, Signal.UNSUBSCRIBED, SipAction.DROP) : Step.stay(p);
        }
        if (purpose == Purpose.FETCH) {
            return c == SubscribeClass.ESTABLISHED ? Step.stay(p) : Step.to(p, Signal.NONE, SipAction.DROP);
        }
        boolean authorized = p == Phase.AUTHORIZED;
        return switch (c) {
            case ESTABLISHED -> Step.stay(p);
            case REFUSED -> ended(p);
            case TOO_BRIEF -> Step.to(p, Signal.NONE, SipAction.RETRY_MIN_EXPIRES);
            case NO_SUBSCRIPTION -> purpose == Purpose.REFRESH ? Step.to(p, Signal.NONE, SipAction.SUBSCRIBE_NEW)
                    : onAnswer(p, purpose, SubscribeClass.TRANSIENT);
            case TRANSIENT -> purpose == Purpose.INITIAL && !authorized
                    ? Step.to(Phase.NONE, Signal.ERROR, SipAction.DROP)
                    : Step.to(p, Signal.NONE, SipAction.RETRY_LATER);
            // PRES-13 names the only final refusals; any other failure of a granted authorization
            // (a UA answering 404 while its user is offline) is retried, the authorization kept (PRES-09)
            case FAILED -> authorized ? Step.to(p, Signal.NONE, SipAction.RETRY_LATER)
                    : Step.to(Phase.NONE, Signal.ERROR, SipAction.DROP);
        };
    }

    /**
     * A NOTIFY in the subscription's dialog (table 2.2): pending is answered and suppressed
     * (PRES-06), the first active authorizes (PRES-07) and carries presence (PRES-08), terminated
     * follows the AMB-P06 table of {@link TerminationReason}. Nothing is translated while
     * cancelling: the final NOTIFY after an unsubscribe is stale for the user.
     */
    public static Step onNotify(Phase p, SubscriptionState state) {
        if (p == Phase.NONE || p == Phase.CANCELLING) {
            return Step.stay(p);
        }
        return switch (state.substate()) {
            case PENDING, OTHER -> Step.stay(p);
            case ACTIVE -> new Step(Phase.AUTHORIZED, p == Phase.REQUESTED ? Signal.SUBSCRIBED : Signal.NONE,
                    SipAction.NONE, true);
            case TERMINATED -> switch (state.reason().followUp()) {
                case ENDED -> ended(p);
                case RESUBSCRIBE_NOW -> Step.to(p, Signal.NONE, SipAction.SUBSCRIBE_NEW);
                case RESUBSCRIBE_LATER -> Step.to(p, Signal.NONE, SipAction.RETRY_LATER);
                case RESUBSCRIBE_IF_ONLINE -> Step.to(p, Signal.NONE, SipAction.RESUBSCRIBE_IF_ONLINE);
                case LAPSE -> Step.to(p, Signal.NONE, SipAction.LAPSE);
            };
        };
    }

    /**
     * A NOTIFY in a fetch dialog (PRES-44): its state goes to the prober once the notifier
     * says {@code active} or {@code terminated} with a body; {@code pending} reveals nothing.
     */
    public static boolean fetchAnswers(SubscriptionState state, boolean hasBody) {
        return state.substate() == SubscriptionState.Substate.ACTIVE
                || state.substate() == SubscriptionState.Substate.TERMINATED && hasBody;
    }

    private static Step ended(Phase p) {
        return Step.to(Phase.NONE, p == Phase.AUTHORIZED ? Signal.UNAVAILABLE_THEN_UNSUBSCRIBED : Signal.UNSUBSCRIBED,
                SipAction.DROP);
    }
}
