package org.stoxgw.mapping.sip;

import java.util.Objects;

/**
 * A SIP final or provisional response in the neutral model: status code, reason phrase, the header
 * fields the engine cares about (e.g. Contact of a 301, Min-Expires of a 423) and the body.
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
