package org.stoxgw.sipadapter;

/**
 * What the SIP adapter feeds: every SIP request that passed the adapter's checks (well-formed,
 * trusted peer, supported method). Implemented by the engine's router.
 *
 * <p>Threading: called on a SIP stack thread. Implementations must not block; they hop onto the
 * session's event loop at once.
 */
@FunctionalInterface
public interface SipRequestHandler {
    void onRequest(InboundSipRequest request);
}
