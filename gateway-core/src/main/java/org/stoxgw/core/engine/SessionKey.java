package org.stoxgw.core.engine;

import java.util.Objects;

/**
 * Identifies a session in the {@link SessionTable}: its kind and an id unique within the kind
 * (e.g. the pair of bare addresses of a presence subscription, a Call-ID).
 */
public record SessionKey(SessionKind kind, String id) {
    public SessionKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
