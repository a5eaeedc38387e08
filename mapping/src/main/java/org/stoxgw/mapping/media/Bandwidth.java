package org.stoxgw.mapping.media;

import java.util.Objects;

/** A bandwidth limit (RFC 8866 §5.8 {@code b=<type>:<kbps>} ↔ XEP-0167 {@code <bandwidth type>value</bandwidth>}). */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Objects.requireNonNull(type, "type");
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth < 0");
        }
    }
}
