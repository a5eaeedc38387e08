package org.stoxgw.mapping.address;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and -encoding of URI components (RFC 3986 §2.1, §2.5) with the character sets
 * address mapping needs. Decoding is lenient about a {@code %} that does not start two hex digits:
 * it is kept literally, as XEP-0106 §5.3 requires for {@code cr%zy} (vector C1). The decoded octets
 * must be UTF-8 (RFC 7247 §6.4 step 4); anything else is rejected, never guessed.
 *
 * <p>Pure static functions, any thread. Fast paths return the input when nothing needs coding.
 */
final class PercentCoding {

    /** RFC 3261 §25.1 {@code user}: unreserved / user-unreserved; all else is percent-encoded (ADDR-04). */
    static final boolean[] SIP_USER = set("-_.!~*'()&=+$,;?/");
    /**
     * RFC 5322 atext that is also legal literally in an RFC 3986 URI, without the URI delimiters
     * {@code % # ?} (AMB-04). Dots are decided separately (dot-atom: interior, not doubled).
     */
    static final boolean[] IM_USER = set("!$&'*+-/=_~");
    /** RFC 3261 §25.1 {@code paramchar}: unreserved / param-unreserved. */
    static final boolean[] SIP_PARAM = set("-_.!~*'()[]/:&+$");
    /** RFC 5122 node and resource characters kept literally in an {@code xmpp:} IRI (sub-delims minus {@code & '}). */
    static final boolean[] IRI_PART = set("-._~!$()*+,;=");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCoding() {
    }

    private static boolean[] set(String punctuation) {
        boolean[] s = new boolean[128];
        for (char c = 'a'; c <= 'z'; c++) {
            s[c] = true;
            s[c - 'a' + 'A'] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            s[c] = true;
        }
        for (int i = 0; i < punctuation.length(); i++) {
            s[punctuation.charAt(i)] = true;
        }
        return s;
    }

    /**
     * Decodes {@code s[from, to)}.
     *
     * @throws IllegalArgumentException if the decoded octets are not UTF-8
     */
    static String decode(String s, int from, int to) {
        int first = s.indexOf('%', from);
        if (first < 0 || first >= to) {
            return s.substring(from, to);
        }
        ByteBuffer bytes = ByteBuffer.allocate((to - from) * 4);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && hex(s, i + 1, to) >= 0 && hex(s, i + 2, to) >= 0) {
                bytes.put((byte) (hex(s, i + 1, to) << 4 | hex(s, i + 2, to)));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                int end = codePointEnd(s, i, to);
                bytes.put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-decoded octets are not UTF-8");
        }
    }

    static String decode(String s) {
        return decode(s, 0, s.length());
    }

    private static int hex(String s, int i, int to) {
        if (i >= to) {
            return -1;
        }
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Percent-encodes every character not in {@code allowed} (non-ASCII as UTF-8 octets, upper-case hex). */
    static String encode(String s, boolean[] allowed) {
        int i = 0;
        int n = s.length();
        while (i < n && isAllowed(s.charAt(i), allowed)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isAllowed(c, allowed)) {
                sb.append(c);
            } else {
                int end = codePointEnd(s, i, n);
                appendEncoded(sb, s, i, end);
                i = end - 1;
            }
        }
        return sb.toString();
    }

    /**
     * Encodes an {@code im:}/{@code pres:} local part: {@link #IM_USER} literally, and a dot only
     * where dot-atom allows it (not first, not last, not after another dot: AMB-04).
     */
    static String encodeImUser(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                boolean interior = i > 0 && i < n - 1 && s.charAt(i - 1) != '.';
                sb.append(interior ? "." : "%2E");
            } else if (isAllowed(c, IM_USER)) {
                sb.append(c);
            } else {
                int end = codePointEnd(s, i, n);
                appendEncoded(sb, s, i, end);
                i = end - 1;
            }
        }
        return sb.toString();
    }

    /** Like {@link #encode} but keeps non-ASCII characters literally, as an IRI may (RFC 3987). */
    static String encodeIri(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && !IRI_PART[c]) {
                appendEncoded(sb, s, i, i + 1);
            } else {
                int end = c < 0x80 ? i + 1 : codePointEnd(s, i, n);
                sb.append(s, i, end);
                i = end - 1;
            }
        }
        return sb.toString();
    }

    /** End of the code point at {@code i}; rejects unpaired surrogates (they are not characters). */
    private static int codePointEnd(String s, int i, int to) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            return i + 1;
        }
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
            return i + 2;
        }
        throw new IllegalArgumentException("unpaired surrogate at index " + i);
    }

    private static boolean isAllowed(char c, boolean[] allowed) {
        return c < 128 && allowed[c];
    }

    private static void appendEncoded(StringBuilder sb, String s, int from, int to) {
        CharBuffer chars = CharBuffer.wrap(s, from, to);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xFF;
            sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
        }
    }
}
