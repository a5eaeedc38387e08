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

    /** The call is over (any state, any cause); its resources are released. Called exactly once. */
    void onEnded(Call call, CallEnd end);
}
