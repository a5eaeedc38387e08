package org.stoxgw.sipadapter.invite;

import io.netty.util.concurrent.EventExecutor;
import java.util.Optional;
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
}
