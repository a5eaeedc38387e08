package org.stoxgw.sipadapter.invite;

import org.stoxgw.mapping.sip.SipRequest;

/**
 * An INFO inside a call (RFC 6086: DTMF relay, RFC 8840 trickle ICE fragments), given to
 * {@link CallListener#onInfo}. Respond exactly once, on the call's loop.
 */
public interface InfoRequest {

    /** The INFO: Info-Package (if any), Content-Type and body. */
    SipRequest request();

    /** e.g. 200, 469 Bad Info Package (RFC 6086 section 4.2.2), 415. */
    void respond(int status, String reasonPhrase);
}
