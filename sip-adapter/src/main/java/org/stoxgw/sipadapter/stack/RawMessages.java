package org.stoxgw.sipadapter.stack;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the UDP hot paths read from a datagram before (or instead of) parsing it: the top Via, its
 * branch, a response's status code. Lenient where the full parser would be strict: anything it cannot
 * read here (a Via with spaces around {@code ;} or {@code =}, folded lines) is simply not recognised,
 * and the datagram takes the normal way. Stateless.
 */
final class RawMessages {
    private RawMessages() {
    }

    /** The first value of the first Via (or v) header field, without parameters trimmed, or null. */
    static String topVia(byte[] b, int length) {
        int via = topViaOffset(b, length);
        if (via < 0) {
            return null;
        }
        int end = lineEnd(b, via, length);
        int comma = indexOf(b, via, end, (byte) ',');
        return new String(b, via, (comma < 0 ? end : comma) - via, StandardCharsets.US_ASCII);
    }

    /** The branch parameter (lower case) of the top Via if it has the RFC 3261 magic cookie, or null. */
    static String topViaBranch(byte[] b, int length) {
        String via = topVia(b, length);
        return via == null ? null : branch(via.toLowerCase(Locale.ROOT));
    }

    /** The branch of a lower-case Via value if it has the magic cookie, or null. */
    static String branch(String lowerVia) {
        int b = lowerVia.indexOf(";branch=");
        if (b < 0) {
            return null;
        }
        int end = b + 8;
        while (end < lowerVia.length() && ";, \t".indexOf(lowerVia.charAt(end)) < 0) {
            end++;
        }
        String branch = lowerVia.substring(b + 8, end);
        return branch.startsWith("z9hg4bk") ? branch : null;
    }

    /** The status code of a response ({@code SIP/2.0 200 ...}), or -1. */
    static int status(byte[] b, int length) {
        int sp = indexOf(b, 0, Math.min(length, 16), (byte) ' ');
        if (sp < 0 || sp + 4 > length) {
            return -1;
        }
        int v = 0;
        for (int i = sp + 1; i < sp + 4; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            v = v * 10 + b[i] - '0';
        }
        return sp + 4 < length && b[sp + 4] != ' ' && b[sp + 4] != '\r' && b[sp + 4] != '\n' ? -1 : v;
    }

    /** Offset of the value of the first Via (or v) header field, or -1. */
    private static int topViaOffset(byte[] b, int length) {
        int i = lineEnd(b, 0, length);
        while (i < length) {
            i = skipEol(b, i, length);
            if (i >= length || b[i] == '\r' || b[i] == '\n') {
                return -1; // end of headers
            }
            int eol = lineEnd(b, i, length);
            if (Framing.named(b, i, eol, "via", 'v')) {
                return indexOf(b, i, eol, (byte) ':') + 1;
            }
            i = eol;
        }
        return -1;
    }

    static int skipEol(byte[] b, int i, int length) {
        if (i < length && b[i] == '\r') {
            i++;
        }
        if (i < length && b[i] == '\n') {
            i++;
        }
        return i;
    }

    static int lineEnd(byte[] b, int from, int length) {
        int i = from;
        while (i < length && b[i] != '\r' && b[i] != '\n') {
            i++;
        }
        return i;
    }

    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
