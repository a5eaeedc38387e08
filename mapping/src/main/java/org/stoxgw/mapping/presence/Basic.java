package org.stoxgw.mapping.presence;

/** The PIDF {@code <basic>} value (RFC 3863 §4.1.4), or {@link #NONE} when a tuple carries none. */
public enum Basic {
    OPEN,
    CLOSED,
    NONE;

    /** The element text ({@code open}/{@code closed}); "" for {@link #NONE}. */
    public String token() {
        return switch (this) {
            case OPEN -> "open";
            case CLOSED -> "closed";
            case NONE -> "";
        };
    }
}
