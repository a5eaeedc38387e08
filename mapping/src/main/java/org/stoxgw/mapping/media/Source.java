package org.stoxgw.mapping.media;

import java.util.List;

/**
 * A media source (RFC 5576 {@code a=ssrc:<ssrc> <attribute>[:<value>]} lines of one SSRC ↔ XEP-0339
 * {@code <source ssrc><parameter name value/></source>}); attribute order is kept.
 */
public record Source(long ssrc, List<Parameter> parameters) {
    public Source {
        if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ssrc out of 32 bits: " + ssrc);
        }
        parameters = List.copyOf(parameters);
    }
}
