package org.stoxgw.sipadapter;

import org.stoxgw.mapping.sip.SipResponse;

/**
 * How a request the gateway sent ended: a final response, or a failure that never produced one.
 * The error mapping turns either into an XMPP error for the original sender.
 */
public sealed interface SipOutcome {

    /** The final response from the SIP side. */
    record Response(SipResponse response) implements SipOutcome { }

    /** No final response: the transaction failed locally. */
    record Failure(Kind kind, String detail) implements SipOutcome { }

    /** Why no final response arrived. */
    enum Kind {
        /** Timer B/F fired (RFC 3261 §17.1): the peer never answered. */
        TIMEOUT,
        /** Connecting or writing failed. */
        TRANSPORT,
        /** RFC 3263 found no target for the domain. */
        UNRESOLVABLE,
        /** The gateway refused to send (limits, loop detection, shutting down). */
        REFUSED,
        /**
         * Larger than {@code limits.udp-max-request-size} while no congestion-controlled transport
         * reaches the target, for a MESSAGE, which must then not be sent (RFC 3428 section 10).
         */
        TOO_LARGE
    }
}
