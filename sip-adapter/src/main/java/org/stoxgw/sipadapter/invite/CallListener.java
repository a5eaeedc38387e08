package org.stoxgw.sipadapter.invite;

import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * What happens to one call, told to its owner (gateway-core's call or chat session).
 *
 * <p>Thread contract: every method is called on the call's {@link Call#loop()}, one at a time, in
 * the order the events happened, never from inside a method of {@link Call} (events are always
 * dispatched with {@code loop.execute}). Methods must not block. {@link #onEnded} is called exactly
 * once and is the last call for that call.
 */
public interface CallListener {

    /**
     * UAC: a provisional response other than 100 (180, 181, 182, 183), with the early answer SDP
     * when it carries one (early media). {@code response.headers()} holds To (with the early
     * dialog's tag), Contact, Require/RSeq...; forked provisionals from several callees arrive here
     * too, each with its own To tag.
     */
    default void onProvisional(Call call, SipResponse response) {
    }

    /**
     * UAC: the 2xx. The layer has already sent the ACK, except when the INVITE carried no offer
     * (delayed offer): then {@code response.body()} is the callee's offer and the owner must call
     * {@link OutgoingCall#ack(SipBody)} with the answer (or {@link Call#hangup}).
     */
    default void onAnswered(Call call, SipResponse response) {
    }

    /**
     * UAS: the ACK for our 2xx arrived; {@code ackBody} is the caller's answer when the INVITE
     * carried no offer (delayed offer), else usually {@link SipBody#EMPTY}.
     */
    default void onConfirmed(Call call, SipBody ackBody) {
    }

    /**
     * A new offer from the peer inside the call (re-INVITE or UPDATE: hold, resume, new streams,
     * ICE restart). Answer it with {@link Renegotiation#accept} or {@link Renegotiation#reject}.
     * Session refreshes that change nothing never come here. Default: 488 Not Acceptable Here.
     */
    default void onOffer(Call call, Renegotiation offer) {
        offer.reject(488, "Not Acceptable Here");
    }

    /**
     * An INFO inside the call (DTMF relay, RFC 8840 trickle ICE). Default: 200 to a legacy INFO
     * (no Info-Package), 469 Bad Info Package otherwise (RFC 6086 section 4.2.2).
     */
    default void onInfo(Call call, InfoRequest info) {
        if (info.request().headers().contains("Info-Package")) {
            info.respond(469, "Bad Info Package");
        } else {
            info.respond(200, "OK");
        }
    }

    /** The call is over (any state, any cause); its resources are released. Called exactly once. */
    void onEnded(Call call, CallEnd end);
}
