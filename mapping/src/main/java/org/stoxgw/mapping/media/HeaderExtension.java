package org.stoxgw.mapping.media;

import java.util.Objects;

/**
 * An RTP header extension (RFC 8285 {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} ↔
 * XEP-0294 {@code <rtp-hdrext id uri senders/>}). {@code senders} is absolute like a content's
 * ({@link Senders#BOTH} when the SDP gives no direction); {@code attributes} is the raw extension
 * attribute string, empty when absent.
 */
public record HeaderExtension(int id, String uri, Senders senders, String attributes) {
    public HeaderExtension {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extmap id out of 1..255: " + id);
        }
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(senders, "senders");
        attributes = attributes == null ? "" : attributes;
    }
}
