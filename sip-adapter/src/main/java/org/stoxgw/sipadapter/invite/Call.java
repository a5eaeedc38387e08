package org.stoxgw.sipadapter.invite;

import io.netty.util.concurrent.EventExecutor;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipTransport;

/**
 * One call: an INVITE dialog of the gateway, as UAC ({@link OutgoingCall}) or UAS
 * ({@link IncomingCall}).
 *
 * <p>Thread contract: the call is pinned to {@link #loop()}; every method of a call must be called
 * on that loop, and every {@link CallListener} event comes on it. Methods never block: what they
 * send leaves on the loop (UDP) or on the adapter's send threads (TCP, TLS), in call order.
 * Calling a method in a state where it makes no sense (e.g. {@code accept} twice) throws
 * {@link IllegalStateException}.
 */
public interface Call {

    /** An id unique in this gateway run: Call-ID and local tag. */
    String id();

    /** The SIP Call-ID. */
    String callId();

    /** Our tag (From tag as UAC, To tag as UAS). */
    String localTag();

    /** The remote tag once known (To tag of the answering branch as UAC, From tag as UAS). */
    Optional<String> remoteTag();

    /** The event loop this call is pinned to. */
    EventExecutor loop();

    CallState state();

    /**
     * The last SDP the peer sent in this call: the answer (from a 2xx, or from a provisional response
     * when the 2xx had none, MEDIA-24), the offer of an INVITE, or of a renegotiation.
     */
    Optional<SipBody> remoteSdp();

    /** The last SDP this side sent. */
    Optional<SipBody> localSdp();

    /** The transport of the INVITE (as UAC: of the target that took it; may change on failover). */
    SipTransport transport();

    /**
     * Ends the call whatever its state: BYE once confirmed, CANCEL while an outgoing INVITE is
     * unanswered (sent once a provisional response arrived, RFC 3261 section 9.1), 480 for an
     * unanswered incoming one. {@code reason} goes into the Reason header (RFC 3326) of the BYE or
     * CANCEL. {@link CallListener#onEnded} follows when the exchange is done. Does nothing once
     * the call is ending or ended.
     */
    void hangup(Optional<SipReason> reason);

    /**
     * Sends a re-INVITE with a new offer (hold, resume, new streams; RFC 3261 section 14). The stage
     * completes on the loop with the final response (a 2xx carries the answer; the layer ACKs it).
     * A 491 (glare, the peer sent an offer at the same time) is retried after the random wait of
     * section 14.1, at most three times. Fails at once (exceptionally) unless the call is
     * confirmed and no other offer is pending; a 408 or 481 ends the call.
     */
    CompletionStage<SipResponse> reinvite(SipBody offer);

    /**
     * Sends an UPDATE (RFC 3311) with a new offer, also in an early dialog; otherwise as
     * {@link #reinvite}.
     */
    CompletionStage<SipResponse> update(SipBody offer);

    /**
     * Sends an INFO inside the dialog (RFC 6086): e.g. {@code Info-Package: trickle-ice} with an
     * {@code application/trickle-ice-sdpfrag} body (RFC 8840), or DTMF relay. The stage completes on
     * the loop with the final response, exceptionally on timeout or transport failure.
     */
    CompletionStage<SipResponse> info(SipBody body, SipHeaders headers);
}
