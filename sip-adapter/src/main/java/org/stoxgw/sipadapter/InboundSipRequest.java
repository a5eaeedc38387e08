package org.stoxgw.sipadapter;

import java.util.concurrent.CompletionStage;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * A request received by the SIP adapter that passed its checks (well-formed, trusted peer,
 * accepted method, body type and event package, no loop), with the means to answer it. It is in a
 * server transaction: retransmissions are absorbed by the adapter.
 *
 * <p>Dialogs are the core's: everything needed to create or match one is here. For a request that
 * creates a dialog (SUBSCRIBE), the core stores {@link #localTag()} as its local tag, the From tag
 * as the remote tag, the Contact URI as the remote target and the Record-Route values, in order,
 * as the route set (RFC 3261 section 12.1.1); inside a dialog the request carries the tags.
 *
 * <p>{@link #respond} may be called from any thread, once with a final response (provisional
 * responses before it are allowed); sending happens on the adapter's send executor. A request the
 * core leaves unanswered for {@code gateway.sip.timeouts.answer} gets 500 from the adapter.
 */
public interface InboundSipRequest {
    /** The request in the neutral model. */
    SipRequest request();

    /** Transport and remote address, e.g. {@code udp 127.0.0.1:5070}. */
    String peer();

    /** The transport it arrived on; TLS means the hop was protected (SEC-01). */
    SipTransport transport();

    /** The name of the {@code gateway.sip.trust.peers} entry that admitted it. */
    String trustedPeer();

    /**
     * The To tag of every non-100 response to this request: the request's own To tag inside a
     * dialog, otherwise one the adapter chose. Known before responding, so the core can store the
     * dialog before the 2xx leaves.
     */
    String localTag();

    /**
     * Sends a response in this request's transaction. The adapter adds Via, From, To (with
     * {@link #localTag()}), Call-ID, CSeq, Record-Route where RFC 3261 section 12.1.1 wants it,
     * and a Contact to a 2xx of SUBSCRIBE unless the response has one.
     *
     * @return completes when the response was handed to the transport (e.g. to send the first
     *         NOTIFY only after the 2xx of its SUBSCRIBE), or exceptionally when it could not be
     *         sent (already answered, adapter stopping, transport error)
     */
    CompletionStage<Void> respond(SipResponse response);
}
