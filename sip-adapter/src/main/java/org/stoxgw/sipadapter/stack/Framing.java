package org.stoxgw.sipadapter.stack;

import java.util.regex.Pattern;

/**
 * Reading the frame of a SIP message from its bytes (RFC 3261 sections 7.5 and 18.3): where the header
 * section ends, what a header line's name is, its Content-Length, whether a line is a start line. Shared
 * by the datagram check in {@link TolerantParser} and the stream framer {@link FramingInputStream}; the
 * rules follow JAIN-SIP's parser where the two must agree (a blank line, or one of only white space, ends
 * the header section; lines end with LF, CR before it optional). Stateless.
 */
final class Framing {
    /** RFC 3261 section 25.1 Request-Line or Status-Line, as a resynchronising stream reader recognises one. */
    private static final Pattern START_LINE = Pattern.compile(
            "(?:[A-Za-z!%*_+`'~.-]+ [!-~]+ SIP/[0-9]+\\.[0-9]+|SIP/[0-9]+\\.[0-9]+ [0-9]{3}(?: .*)?)\r?\n");
    /** A request line of a method RFC 3261 and its extensions define, found inside a line (after a body's bytes). */
    private static final Pattern KNOWN_REQUEST_LINE = Pattern.compile(
            "(?:INVITE|ACK|OPTIONS|BYE|CANCEL|REGISTER|MESSAGE|SUBSCRIBE|NOTIFY|REFER|INFO|UPDATE|PRACK|PUBLISH)"
                    + " [!-~]+ SIP/[0-9]+\\.[0-9]+\r?\n|SIP/[0-9]+\\.[0-9]+ [0-9]{3}(?: .*)?\r?\n");
    /** Content-Length has at most this many digits here (the limit is far below 10^9). */
    private static final int MAX_DIGITS = 9;
    static final int ABSENT = -1;
    static final int MALFORMED = -2;

    private Framing() {
    }

    /**
     * The offset just after the blank line ending the header section of {@code b[0..len)}, or -1 if it
     * does not end there. Leading blank lines (keep-alives, RFC 5626 section 4.4.1) are skipped.
     */
    static int headerEnd(byte[] b, int len) {
        int i = 0;
        while (i < len && (b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        int lineStart = i;
        for (; i < len; i++) {
            if (b[i] == '\n') {
                if (i > lineStart && blank(b, lineStart, i + 1)) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    /** Whether {@code b[from..to)} (a line with its LF) holds only white space: the end of a header section. */
    static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Whether the header line at {@code b[from..to)} is named {@code name} or its compact form (case-insensitive). */
    static boolean named(byte[] b, int from, int to, String name, char compact) {
        int colon = colon(b, from, to);
        if (colon < 0) {
            return false;
        }
        int end = colon;
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        int n = end - from;
        if (n == 1) {
            return (b[from] | 0x20) == compact;
        }
        if (n != name.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((b[from + i] | 0x20) != (name.charAt(i) | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /** A continuation line (RFC 3261 section 7.3.1) starts with white space. */
    static boolean continuation(byte[] b, int from) {
        return b[from] == ' ' || b[from] == '\t';
    }

    private static int colon(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of the Content-Length line at {@code b[from..to)} (a line {@link #named} so), or
     * {@link #MALFORMED} when it is not a plain decimal number.
     */
    static int contentLengthValue(byte[] b, int from, int to) {
        int i = colon(b, from, to) + 1;
        while (i < to && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int end = to;
        while (end > i && (b[end - 1] == ' ' || b[end - 1] == '\t' || b[end - 1] == '\r' || b[end - 1] == '\n')) {
            end--;
        }
        if (end == i || end - i > MAX_DIGITS) {
            return MALFORMED;
        }
        int v = 0;
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return MALFORMED;
            }
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /**
     * The Content-Length of the header section {@code b[0..end)}: {@link #ABSENT}, {@link #MALFORMED} (not
     * a number, or given twice) or the value.
     */
    static int contentLength(byte[] b, int end) {
        int found = ABSENT;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (b[i] == '\n') {
                if (i > lineStart && !continuation(b, lineStart) && named(b, lineStart, i, "content-length", 'l')) {
                    if (found != ABSENT) {
                        return MALFORMED;
                    }
                    found = contentLengthValue(b, lineStart, i);
                    if (found == MALFORMED) {
                        return MALFORMED;
                    }
                }
                lineStart = i + 1;
            }
        }
        return found;
    }

    /** Whether the line {@code b[from..to)} (with its LF) is a SIP start line as a whole. */
    static boolean isStartLine(byte[] b, int from, int to) {
        return START_LINE.matcher(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1)).matches();
    }

    /**
     * Where a SIP start line begins in the line {@code b[from..to)} (with its LF): where a request line of
     * a known method or a status line ending the line begins (the rest of a body without Content-Length
     * may come before it), else {@code from} when the whole line is a start line; -1 for none.
     */
    static int startLine(byte[] b, int from, int to) {
        String line = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        var m = KNOWN_REQUEST_LINE.matcher(line);
        while (m.find()) {
            if (m.end() == line.length()) {
                return from + m.start();
            }
        }
        return START_LINE.matcher(line).matches() ? from : -1;
    }
}
