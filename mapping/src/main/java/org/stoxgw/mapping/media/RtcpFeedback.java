package org.stoxgw.mapping.media;

import java.util.Objects;

/**
 * One RTCP feedback capability (RFC 4585 §4.2 {@code a=rtcp-fb:<pt> <type> [<subtype>]} ↔ XEP-0293
 * {@code <rtcp-fb type subtype/>}); {@code subtype} is empty when absent.
 */
public record RtcpFeedback(String type, String subtype) {
    public RtcpFeedback {
        Objects.requireNonNull(type, "type");
        subtype = subtype == null ? "" : subtype;
    }
}
