package org.stoxgw.mapping.sip;

import java.util.Objects;

/**
 * A SIP final or provisional response in the neutral model: status code, reason phrase, header
 * fields and body. A response the SIP adapter received (the outcome of a request the gateway sent)
 * carries every header field except Via, Content-Type and Content-Length, so To (with the remote
 * tag), Contact, Record-Route, Expires... are there to build dialog state. A response the engine
 * gives to a request it received carries only the fields it adds (e.g. Expires, Min-Expires); the
 * adapter supplies Via, From, To (with its tag), Call-ID and CSeq.
 */
public record SipResponse(int status, String reason, SipHeaders headers, SipBody body) {

    public SipResponse {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        Objects.requireNonNull(reason, "reason");
        headers = headers == null ? SipHeaders.EMPTY : headers;
        body = body == null ? SipBody.EMPTY : body;
    }

    /** A response with no extra headers and no body. */
    public static SipResponse of(int status, String reason) {
        return new SipResponse(status, reason, SipHeaders.EMPTY, SipBody.EMPTY);
    }

    public boolean isFinal() {
        return status >= 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
