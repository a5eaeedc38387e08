package org.stoxgw.mapping.media;

import java.util.Locale;
import java.util.Objects;

/**
 * A DTLS certificate fingerprint with the DTLS role (RFC 8122 {@code a=fingerprint:<hash> <hex>} +
 * RFC 4145 {@code a=setup:<role>} ↔ XEP-0320 {@code <fingerprint hash setup>HEX</fingerprint>}, DTLS-01).
 * {@code setup} may be null when the SDP gives none.
 */
public record Fingerprint(String hash, String value, Setup setup) {
    public Fingerprint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(value, "value");
        hash = hash.toLowerCase(Locale.ROOT);
    }

    /** RFC 4145 §4 connection setup roles; {@code holdconn} is not mapped to Jingle (DTLS-01). */
    public enum Setup {
        ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a setup token (case-insensitive); null for anything else. */
        public static Setup fromToken(String s) {
            if (s == null) {
                return null;
            }
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "active" -> ACTIVE;
                case "passive" -> PASSIVE;
                case "actpass" -> ACTPASS;
                case "holdconn" -> HOLDCONN;
                default -> null;
            };
        }
    }
}
