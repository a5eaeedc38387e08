package org.stoxgw.mapping.media;

import java.util.Objects;

/**
 * A name/value pair: a payload format parameter (XEP-0167 {@code <parameter/>} ↔ one fmtp token),
 * a source attribute (XEP-0339 ↔ {@code a=ssrc:<id> name:value}) or a header-extension attribute.
 * Names are case-sensitive (RTP-03). An empty name carries an fmtp token that is not
 * {@code name=value} (MEDIA-28).
 */
public record Parameter(String name, String value) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
