package org.stoxgw.sipadapter.invite;

import java.util.Objects;
import java.util.Optional;

/**
 * How a call ended, as given to {@link CallListener#onEnded} once per call.
 *
 * @param cause  what ended it
 * @param status the SIP status that ended it: the final failure response (sent or received), 487
 *               for a cancelled INVITE, 200 for a BYE; 408 for a local timeout, 503 for a transport
 *               failure, 500 for an internal error
 * @param detail the reason phrase or a description of the local failure
 * @param reason the Reason header (RFC 3326) of the BYE, CANCEL or failure response, if any
 */
public record CallEnd(Cause cause, int status, String detail, Optional<SipReason> reason) {

    public CallEnd {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(reason, "reason");
    }

    /** What ended a call. */
    public enum Cause {
        /** The remote party hung up with BYE. */
        REMOTE_BYE,
        /** The local side hung up ({@link Call#hangup}) and the BYE was sent. */
        LOCAL_BYE,
        /** The remote caller cancelled the INVITE (CANCEL, answered 487). */
        REMOTE_CANCEL,
        /** The local caller cancelled the INVITE ({@link Call#hangup} before the answer). */
        LOCAL_CANCEL,
        /** The callee refused: a 3xx-6xx final response received (UAC) or sent (UAS). */
        REJECTED,
        /** No final response (Timer B), no ACK for a 2xx (RFC 3261 section 13.3.1.4), or a dialog timeout. */
        TIMEOUT,
        /** The request could not be sent or the connection failed. */
        TRANSPORT,
        /** The gateway refused or dropped the call locally (limits, stopping, internal error). */
        LOCAL_FAILURE
    }
}
