package org.stoxgw.sipadapter.invite;

import java.util.Optional;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * A call to a gateway-served user (UAS), given to {@link InviteListener#onIncoming}. The owner
 * sets its listener, then answers it: any number of {@link #provisional}s, then one of
 * {@link #accept} or {@link #reject}. A call left unanswered is ended by the caller's CANCEL or
 * by {@link Call#hangup}. Thread contract: see {@link Call}.
 */
public interface IncomingCall extends Call {

    /** The INVITE: Request-URI, From, To, headers; its body is the offer, or empty (delayed offer). */
    SipRequest invite();

    /** Transport and remote address, e.g. {@code udp 127.0.0.1:5070}. */
    String peer();

    /** The {@code gateway.sip.trust.peers} entry that admitted the INVITE. */
    String trustedPeer();

    /** Sets who hears this call's events; must be called inside {@link InviteListener#onIncoming}. */
    void listen(CallListener listener);

    /**
     * Sends a provisional response, e.g. 180 Ringing, or 183 Session Progress with an early answer
     * (early media). It carries our To tag and Contact, so it creates the early dialog.
     *
     * @param status 101-199
     * @param body   the early answer SDP, or {@link SipBody#EMPTY}
     */
    void provisional(int status, String reason, SipBody body);

    /**
     * Answers 200 OK with our Contact. {@code body} is the answer to the INVITE's offer, or our
     * offer when the INVITE carried none (the answer then comes in the ACK,
     * {@link CallListener#onConfirmed}). The 2xx is retransmitted until the ACK arrives; without
     * one for 64*T1 the call ends with {@link CallEnd.Cause#TIMEOUT} after a BYE.
     *
     * @param headers extra header fields (e.g. Supported), or {@link SipHeaders#EMPTY}
     */
    void accept(SipBody body, SipHeaders headers);

    /**
     * Refuses the call with a final 3xx-6xx response (e.g. 486 Busy Here, 603 Decline, 488 Not
     * Acceptable Here) and ends it ({@link CallEnd.Cause#REJECTED}).
     *
     * @param reason a Reason header for the response (RFC 3326), if any
     */
    void reject(int status, String reasonPhrase, Optional<SipReason> reason);
}
