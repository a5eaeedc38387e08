package org.stoxgw.sipadapter.rtpengine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Media anchoring as the call path sees it: every SDP of an anchored call goes through the anchor,
 * which returns the SDP to send on to the other side, rewritten for that side's profile
 * ({@link Side}). A call is keyed by an id of the call path's choice (the SIP Call-ID) and the tags
 * of its two parties: the offerer's tag and, from the answer on, the answerer's.
 *
 * <p>Failures complete the stages exceptionally with {@link NgException}:
 * {@link NgException.Kind#UNAVAILABLE} when the engine is down or does not answer (the call cannot
 * be anchored now), {@link NgException.Kind#REFUSED} when it rejects the SDP.
 *
 * <p>Threading: any thread; stages complete on the anchor's event loop, so callers hop back onto
 * their session's loop.
 */
public interface MediaAnchor {

    /** The side that gets the rewritten SDP, and so the profile it is written in. */
    enum Side {
        /** Plain {@code RTP/AVP} without ICE, RTCP on its own port: what SIP phones answer. */
        SIP,
        /** {@code UDP/TLS/RTP/SAVPF}: ICE, DTLS-SRTP, rtcp-mux, a one-m-line BUNDLE group: what WebRTC-style XMPP clients want. */
        XMPP
    }

    /** Whether a call with this SIP peer (trust entry name, or null) and SIP domain is anchored. */
    boolean anchors(String trustedPeer, String sipDomain);

    /** Whether the engine answered its last ping: when false, new calls are refused at once. */
    boolean available();

    /**
     * An offer (initial or re-offer) from party {@code fromTag}, rewritten for {@code towards}.
     *
     * @return the SDP to send on
     */
    CompletionStage<String> offer(String callId, String fromTag, String sdp, Side towards);

    /**
     * The answer of party {@code toTag} to the last offer of {@code fromTag}, rewritten for
     * {@code towards} (the offerer's side).
     */
    CompletionStage<String> answer(String callId, String fromTag, String toTag, String sdp, Side towards);

    /** Ends the call in the engine (idempotent: an unknown call completes normally). */
    CompletionStage<Void> delete(String callId);

    /** RTP packets the engine received from each party of the call so far, by tag. */
    CompletionStage<Map<String, Long>> packetsReceived(String callId);

    /**
     * Called (on the anchor's loop) with the ids of the calls the engine carried when it stopped
     * answering: their media is gone, the call path ends them.
     */
    void onLost(Consumer<Set<String>> listener);
}
