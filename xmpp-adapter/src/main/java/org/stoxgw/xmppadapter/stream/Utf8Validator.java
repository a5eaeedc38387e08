package org.stoxgw.xmppadapter.stream;

import java.nio.ByteBuffer;

/**
 * Checks that a byte stream is UTF-8 exactly as RFC 3629 §4 defines it, across any split into
 * reads. Aalto's parser is lenient: it decodes overlong forms (C0 80 as U+0000), lead bytes F5-F7
 * and code points above U+10FFFF into NULs and unpaired surrogates, which would pass into frames
 * that no XML parser accepts (fuzz finding, issue 9). The decoder runs every read through this
 * first and ends the stream with {@code unsupported-encoding} at the first bad byte. It also tells
 * the decoder how many bytes of an unfinished character a read ends with, so that the decoder can
 * hold them back: Aalto loses a 4-byte character split across reads inside an attribute value.
 *
 * <p>Not thread-safe: one per stream, on its event loop.
 */
final class Utf8Validator {
    private int need;
    private int seen;
    private int lo = 0x80;
    private int hi = 0xBF;

    /** Forgets a sequence in progress (stream restart). */
    void reset() {
        need = 0;
        seen = 0;
        lo = 0x80;
        hi = 0xBF;
    }

    /** How many bytes of an unfinished sequence the last call ended with (0 to 3). */
    int partial() {
        return need > 0 ? seen : 0;
    }

    /**
     * The index in {@code bytes} (absolute, between position and limit) of the first byte that
     * cannot continue valid UTF-8, or -1 if all can. Does not move the buffer's position.
     */
    int firstInvalid(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            int b = bytes.get(i) & 0xFF;
            if (need > 0) {
                if (b < lo || b > hi) {
                    return i;
                }
                need--;
                seen++;
                lo = 0x80;
                hi = 0xBF;
            } else if (b >= 0x80) {
                if (!lead(b)) {
                    return i;
                }
                seen = 1;
            }
        }
        return -1;
    }

    /** RFC 3629 §4: the lead byte sets how many continuation bytes follow and the first one's range. */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80; // E0: no overlong forms
            hi = b == 0xED ? 0x9F : 0xBF; // ED: no surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80; // F0: no overlong forms
            hi = b == 0xF4 ? 0x8F : 0xBF; // F4: nothing above U+10FFFF
        } else {
            return false; // C0, C1 (overlong), F5-FF, or a continuation byte without a lead
        }
        return true;
    }
}
