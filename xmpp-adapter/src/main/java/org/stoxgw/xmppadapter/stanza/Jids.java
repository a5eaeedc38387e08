package org.stoxgw.xmppadapter.stanza;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain parts of JIDs as they appear in stanza attributes, without parsing the whole JID
 * (RFC 7622 §3.2: the domainpart follows the first '@' and ends before the first '/').
 * Returns lower-case A-labels so that they compare with the configured domains. Pure.
 */
public final class Jids {
    private Jids() {
    }

    /** The domainpart of {@code jid}, or null when it is missing or not a valid domain. */
    public static String domainOf(String jid) {
        if (jid == null || jid.isEmpty()) {
            return null;
        }
        int slash = jid.indexOf('/');
        int end = slash < 0 ? jid.length() : slash;
        int at = jid.indexOf('@');
        int start = at >= 0 && at < end ? at + 1 : 0;
        if (start >= end) {
            return null;
        }
        String d = jid.substring(start, end);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return normalizeDomain(d);
    }

    /** Whether {@code jid} is a bare domain (no localpart, no resource). */
    public static boolean isDomainOnly(String jid) {
        return jid != null && jid.indexOf('@') < 0 && jid.indexOf('/') < 0;
    }

    /** Lower-case A-label form of a domain, or null when it is not a valid domain name. */
    public static String normalizeDomain(String d) {
        if (d == null || d.isEmpty() || d.length() > 1023) {
            return null;
        }
        if (d.startsWith(".") || d.endsWith(".") || d.contains("..")) {
            // an empty label: jxmpp strips a final dot again, so the core would see another domain
            // than the stream checked (fuzz finding, issue 9; RFC 7622 §3.2 allows one final dot only)
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c >= 0x80) {
                ascii = false;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '[' || c == ']' || c == ':')) {
                return null;
            }
        }
        if (ascii) {
            return d.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
