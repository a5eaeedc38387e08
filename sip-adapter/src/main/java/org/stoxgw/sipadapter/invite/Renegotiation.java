package org.stoxgw.sipadapter.invite;

import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * A new offer from the peer inside a call: a re-INVITE (RFC 3261 section 14) or an UPDATE (RFC
 * 3311), given to {@link CallListener#onOffer}. Session refreshes (RFC 4028) that change nothing
 * (no body, or an SDP with the last {@code o=} line) never come here: the layer answers them.
 * Answer exactly once, on the call's loop; until then another offer from either side gets 491.
 */
public interface Renegotiation {

    /** {@code INVITE} or {@code UPDATE}. */
    String method();

    /**
     * The request; its body is the offer. (A re-INVITE without an offer is a refresh to the layer:
     * it answers with our last SDP.)
     */
    SipRequest request();

    /** 200 OK with {@code body}, the answer. */
    void accept(SipBody body);

    /**
     * Refuses the offer (e.g. 488 Not Acceptable Here); the session stays as it was (RFC 3261
     * section 14.2).
     */
    void reject(int status, String reasonPhrase);
}
