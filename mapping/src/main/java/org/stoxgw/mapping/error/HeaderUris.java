package org.stoxgw.mapping.error;

/**
 * Finds the URI in a Contact header value ({@code name-addr} or {@code addr-spec}, RFC 3261
 * §20.10, §25.1): the first entry of a comma-separated list, the text between angle brackets
 * (skipping a quoted display name), or a bare URI up to its first {@code ;} header parameter.
 * Pure, any thread.
 */
final class HeaderUris {

    private HeaderUris() {
    }

    /** The first URI of the header value, or null if there is none. */
    static String firstUri(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        String v = headerValue.trim();
        int i = 0;
        int n = v.length();
        while (i < n) {
            char c = v.charAt(i);
            if (c == '"') {
                i++;
                while (i < n && v.charAt(i) != '"') {
                    i += v.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '<') {
                int close = v.indexOf('>', i);
                return close < 0 ? null : emptyToNull(v.substring(i + 1, close).trim());
            } else if (c == ',' || c == ';') {
                break;
            } else {
                i++;
            }
        }
        // addr-spec: no angle brackets, so ";" starts header parameters and "," the next entry.
        int end = n;
        for (int j = 0; j < n; j++) {
            char c = v.charAt(j);
            if (c == ';' || c == ',') {
                end = j;
                break;
            }
        }
        String uri = v.substring(0, end).trim();
        return uri.indexOf(':') > 0 && uri.indexOf('"') < 0 && uri.indexOf(' ') < 0 ? uri : null;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
