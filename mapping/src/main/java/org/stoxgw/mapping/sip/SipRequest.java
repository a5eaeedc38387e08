package org.stoxgw.mapping.sip;

import java.util.Objects;

/**
 * A SIP request in the gateway's neutral model. The SIP adapter builds one from every request it
 * accepts and sends one for every request the engine asks for; Via, Max-Forwards, Route and
 * Content-Length are the adapter's business and are not carried in {@link #headers()} on the way
 * out (Max-Forwards is carried inbound for loop checks).
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
