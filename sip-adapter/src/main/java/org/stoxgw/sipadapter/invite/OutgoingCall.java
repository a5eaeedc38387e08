package org.stoxgw.sipadapter.invite;

import org.stoxgw.mapping.sip.SipBody;

/** A call the gateway places (UAC), from {@link InviteDialogs#call}. Thread contract: see {@link Call}. */
public interface OutgoingCall extends Call {

    /** The INVITE as sent (Call-ID, tags, headers, offer body or none). */
    org.stoxgw.mapping.sip.SipRequest invite();

    /**
     * Delayed offer (INVITE without a body): acknowledges the 2xx with the answer to the offer it
     * carried (RFC 3264 section 5, RFC 3261 section 13.2.2.4). Only after
     * {@link CallListener#onAnswered}, once.
     *
     * @throws IllegalStateException when the INVITE carried an offer (the layer ACKs itself) or
     *                               there is no 2xx to acknowledge
     */
    void ack(SipBody answer);
}
