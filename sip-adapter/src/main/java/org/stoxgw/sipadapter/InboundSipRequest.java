package org.stoxgw.sipadapter;

import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * A request received by the SIP adapter, with the means to answer it.
 *
 * <p>{@link #respond} may be called from any thread, once with a final response (provisional
 * responses before it are allowed); sending happens off the caller's thread.
 */
public interface InboundSipRequest {
    /** The request in the neutral model. */
    SipRequest request();

    /** Transport and remote address, e.g. {@code udp 127.0.0.1:5070}. */
    String peer();

    /** Sends a response in this request's transaction. */
    void respond(SipResponse response);
}
