package org.stoxgw.mapping.payload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 helpers for the size policy and for strict decoding of SIP bodies (RFC 7572 §8: text is
 * UTF-8 on both sides).
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The number of bytes {@code s} takes in UTF-8, without encoding it. A lone surrogate counts as
     * the one byte of the '?' Java's encoder substitutes.
     */
    public static int byteLength(CharSequence s) {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Decodes {@code bytes} as UTF-8, refusing malformed input instead of substituting. */
    public static ParseResult<String> decodeStrict(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(bytes));
            return ParseResult.ok(cb.toString());
        } catch (CharacterCodingException e) {
            return ParseResult.refused(ParseProblem.MALFORMED, "body is not valid UTF-8");
        }
    }
}
