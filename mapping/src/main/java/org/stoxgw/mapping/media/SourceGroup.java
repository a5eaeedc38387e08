package org.stoxgw.mapping.media;

import java.util.List;
import java.util.Objects;

/** A source group (RFC 5576 {@code a=ssrc-group:<semantics> <ssrc>…} ↔ XEP-0339 {@code <ssrc-group/>}). */
public record SourceGroup(String semantics, List<Long> ssrcs) {
    public SourceGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }
}
