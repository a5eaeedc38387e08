package org.stoxgw.sipadapter.invite;

import java.util.Objects;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;

/**
 * An INVITE the gateway is to send (UAC). The layer adds the From tag, CSeq, Via, Contact,
 * Max-Forwards (unless given) and Allow/Supported; Route fields in {@code headers} are a preloaded
 * route set (the first one is the next hop), otherwise the next hop is chosen like for every
 * request of the adapter (outbound proxy, static route, RFC 3263).
 *
 * @param requestUri the callee's URI, e.g. {@code sip:bob@sip.example}
 * @param from       the caller (no tag: the layer adds one)
 * @param to         the callee (no tag)
 * @param callId     the Call-ID to use, or empty to have the adapter make one
 * @param headers    other header fields (e.g. Call-Info, Subject, Route)
 * @param offer      the SDP offer, or {@link SipBody#EMPTY} for a delayed offer (RFC 3261 section 13.2.1)
 */
public record CallRequest(String requestUri, NameAddress from, NameAddress to, String callId, SipHeaders headers,
                          SipBody offer) {

    public CallRequest {
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        callId = callId == null ? "" : callId;
        headers = headers == null ? SipHeaders.EMPTY : headers;
        offer = offer == null ? SipBody.EMPTY : offer;
    }

    /** A request with no extra header fields and a generated Call-ID. */
    public static CallRequest of(String requestUri, NameAddress from, NameAddress to, SipBody offer) {
        return new CallRequest(requestUri, from, to, "", SipHeaders.EMPTY, offer);
    }
}
