package org.stoxgw.xmppadapter.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 3629 §4 UTF-8, however the bytes are split into reads. */
class Utf8ValidatorTest {

    private static int firstInvalid(byte[] bytes, int split) {
        Utf8Validator v = new Utf8Validator();
        int a = v.firstInvalid(ByteBuffer.wrap(bytes, 0, split));
        if (a >= 0) {
            return a;
        }
        return v.firstInvalid(ByteBuffer.wrap(bytes, split, bytes.length - split));
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length + 2];
        out[0] = 'x';
        for (int i = 0; i < b.length; i++) {
            out[i + 1] = (byte) b[i];
        }
        out[out.length - 1] = 'y';
        return out;
    }

    @Test
    @DisplayName("valid UTF-8 (1 to 4 bytes, the edges of each range) passes split at every point")
    void valid() {
        byte[] text = "a\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff caf\u00e9 \u20ac \ud83d\ude00"
                .getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            assertEquals(-1, firstInvalid(text, split), "split at " + split);
        }
    }

    @Test
    @DisplayName("partial(): the bytes of an unfinished character at the end of a read")
    void partial() {
        Utf8Validator v = new Utf8Validator();
        byte[] emoji = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, v.firstInvalid(ByteBuffer.wrap(new byte[] {'a', emoji[0], emoji[1]})));
        assertEquals(2, v.partial());
        assertEquals(-1, v.firstInvalid(ByteBuffer.wrap(emoji, 2, 1)));
        assertEquals(3, v.partial());
        assertEquals(-1, v.firstInvalid(ByteBuffer.wrap(emoji, 3, 1)));
        assertEquals(0, v.partial());
    }

    @Test
    @DisplayName("what Aalto would accept: overlong forms, surrogates, above U+10FFFF, F5-FF, stray continuation bytes")
    void invalid() {
        int[][] bad = {{0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xED, 0xA0, 0x80},
                {0xED, 0xBF, 0xBF}, {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80},
                {0xF5, 0x80, 0x80, 0x80}, {0xF6, 0x8B, 0x97, 0x9E}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFF}, {0x80},
                {0xC3, 0x28}, {0xE2, 0x82, 0x28}};
        for (int[] b : bad) {
            byte[] in = bytes(b);
            int expected = -1;
            for (int split = 0; split <= in.length; split++) {
                int at = firstInvalid(in, split);
                if (expected < 0) {
                    expected = at;
                }
                assertEquals(expected, at, "same position whatever the split");
            }
            assertEquals(true, expected >= 1 && expected <= b.length, java.util.Arrays.toString(b) + " -> " + expected);
        }
    }
}
