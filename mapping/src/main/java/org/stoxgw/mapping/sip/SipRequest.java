package org.stoxgw.mapping.sip;

import java.util.Objects;

/**
 * A SIP request in the gateway's neutral model. The SIP adapter builds one from every request it
 * accepts and sends one for every request the engine asks for.
 *
 * <p>Inbound, {@link #headers()} holds every header field except Via, From, To, Call-ID, CSeq,
 * Content-Type and Content-Length (Contact, Record-Route, Max-Forwards, Expires, Event,
 * Subscription-State... as received, one field per value). Outbound, Via and Content-Length are
 * the adapter's business; Route fields are the route set (the first one is the next hop, RFC 3261
 * section 12.2.1.1), a Max-Forwards field overrides the adapter's default and a Contact is added
 * by the adapter where the method needs one and none is given. Inside a dialog the request carries
 * its whole identity: the remote target as {@link #requestUri()}, both tags, Call-ID and CSeq.
 *
 * @param method     e.g. {@code MESSAGE}, upper case
 * @param requestUri the Request-URI as text
 * @param from       From (with tag)
 * @param to         To (tag only inside a dialog)
 * @param callId     Call-ID
 * @param cseq       CSeq sequence number
 * @param headers    every other header field
 * @param body       the body, {@link SipBody#EMPTY} if none
 */
public record SipRequest(String method, String requestUri, NameAddress from, NameAddress to, String callId,
                         long cseq, SipHeaders headers, SipBody body) {

    public SipRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(callId, "callId");
        headers = headers == null ? SipHeaders.EMPTY : headers;
        body = body == null ? SipBody.EMPTY : body;
    }
}
