package org.stoxgw.mapping.presence;

/**
 * The SIP event packages the presence path speaks (RFC 6665 §7): {@code presence} (RFC 3856,
 * PIDF bodies, SEV-01) and {@code dialog} (RFC 4235, dialog-info bodies, for phone presence).
 */
public enum EventPackage {
    PRESENCE("presence", PidfWriter.CONTENT_TYPE),
    DIALOG("dialog", DialogInfoParser.CONTENT_TYPE);

    private final String token;
    private final String contentType;

    EventPackage(String token, String contentType) {
        this.token = token;
        this.contentType = contentType;
    }

    /** The {@code Event} header token. */
    public String token() {
        return token;
    }

    /** The body type of its NOTIFYs, sent in {@code Accept}. */
    public String contentType() {
        return contentType;
    }

    /** The package for an {@code Event} token, or null if the presence path does not speak it. */
    public static EventPackage fromToken(String token) {
        for (EventPackage p : values()) {
            if (p.token.equals(token)) {
                return p;
            }
        }
        return null;
    }
}
