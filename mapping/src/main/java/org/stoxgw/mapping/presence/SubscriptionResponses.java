package org.stoxgw.mapping.presence;

import org.jivesoftware.smack.packet.StanzaError;

/**
 * What the answers to the gateway's SIP event requests mean, and what an XMPP error means for a
 * subscription (SEV-04, PRES-13/14, AMB-P07). Pure; any thread.
 */
public final class SubscriptionResponses {

    /** The class of a final response (or local failure) to a SUBSCRIBE the gateway sent. */
    public enum SubscribeClass {
        /** 2xx: the subscription exists (state "neutral" until a NOTIFY says more, PRES-05). */
        ESTABLISHED,
        /** 403, 489, 603: the authorization is permanently cancelled (PRES-13). */
        REFUSED,
        /** 423 Interval Too Brief: retry with the Min-Expires (PRES-14). */
        TOO_BRIEF,
        /** 481: the dialog is gone; keep the authorization, subscribe in a new dialog (PRES-14). */
        NO_SUBSCRIPTION,
        /** Timeouts, transport failures, 408, 480, 486, 491, most 5xx: try again later. */
        TRANSIENT,
        /** Any other 3xx-6xx: the request cannot succeed as sent (error tables apply, AMB-P07). */
        FAILED
    }

    /** What a final response (or local failure) to a NOTIFY the gateway sent means. */
    public enum NotifyClass {
        /** 2xx. */
        DELIVERED,
        /**
         * 481, 408, a timeout or transport failure: the subscriber no longer has the subscription;
         * the notifier removes it (RFC 6665 §4.2.2).
         */
        GONE,
        /** Other failures: counted, the subscription stays until it expires. */
        FAILED
    }

    private SubscriptionResponses() {
    }

    /** The class of a SUBSCRIBE's final status. */
    public static SubscribeClass classifySubscribe(int status) {
        if (status >= 200 && status < 300) {
            return SubscribeClass.ESTABLISHED;
        }
        return switch (status) {
            case 403, 489, 603 -> SubscribeClass.REFUSED;
            case 423 -> SubscribeClass.TOO_BRIEF;
            case 481 -> SubscribeClass.NO_SUBSCRIPTION;
            case 408, 480, 486, 491, 500, 502, 503, 504, 580 -> SubscribeClass.TRANSIENT;
            default -> SubscribeClass.FAILED;
        };
    }

    /** A SUBSCRIBE that got no final response at all (timeout, transport, no route, refused locally). */
    public static SubscribeClass subscribeFailedLocally() {
        return SubscribeClass.TRANSIENT;
    }

    /** The class of a NOTIFY's final status. */
    public static NotifyClass classifyNotify(int status) {
        if (status >= 200 && status < 300) {
            return NotifyClass.DELIVERED;
        }
        return status == 481 || status == 408 ? NotifyClass.GONE : NotifyClass.FAILED;
    }

    /**
     * AMB-P07: how an XMPP error about a subscription ends it on the SIP side, or null when the
     * error is temporary (types wait and modify, RFC 6120 §8.3.2) and the subscription stays.
     * Permanent errors (cancel, auth) end it: with {@code noresource} when the address does not
     * exist or cannot be reached, else {@code rejected}.
     */
    public static TerminationReason terminationFor(StanzaError error) {
        StanzaError.Type type = error.getType();
        if (type != StanzaError.Type.CANCEL && type != StanzaError.Type.AUTH) {
            return null;
        }
        return switch (error.getCondition()) {
            case item_not_found, gone, remote_server_not_found, jid_malformed, recipient_unavailable -> TerminationReason.NORESOURCE;
            default -> TerminationReason.REJECTED;
        };
    }

    /** Whether an XMPP error is permanent (types cancel and auth, RFC 6120 §8.3.2). */
    public static boolean permanent(StanzaError error) {
        return error.getType() == StanzaError.Type.CANCEL || error.getType() == StanzaError.Type.AUTH;
    }
}
