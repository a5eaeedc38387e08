package org.stoxgw.mapping.address;

import java.util.Locale;

/**
 * The URI schemes an address on the SIP side can have (RFC 7247 §6.1, ADDR-01): {@code sip:} and
 * {@code sips:} (RFC 3261), {@code im:} (RFC 3860) and {@code pres:} (RFC 3859). The scheme decides
 * which characters of a user part must be percent-encoded (RFC 7247 §6.5 step 5) and whether a
 * {@code gr} parameter can carry a resource (only sip/sips, ADDR-10 step 8).
 */
public enum UriScheme {
    SIP("sip"),
    SIPS("sips"),
    IM("im"),
    PRES("pres");

    private final String text;

    UriScheme(String text) {
        this.text = text;
    }

    /** The scheme name as written before the colon, lower case. */
    public String text() {
        return text;
    }

    /** True for {@code sip:} and {@code sips:}, whose URIs have ports, parameters and GRUUs. */
    public boolean isSip() {
        return this == SIP || this == SIPS;
    }

    /** The scheme for a name (case-insensitive, RFC 3986 §3.1), or null if it is none of the four. */
    public static UriScheme fromName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "sip": return SIP;
            case "sips": return SIPS;
            case "im": return IM;
            case "pres": return PRES;
            default: return null;
        }
    }
}
