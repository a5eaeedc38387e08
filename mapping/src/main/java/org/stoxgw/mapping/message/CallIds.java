package org.stoxgw.mapping.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code <thread/>} ↔ Call-ID (RFC 7572 tables 1 and 2, AMB-M04).
 * <ul>
 *   <li>X2S: a thread that is a valid Call-ID (RFC 3261 §25.1 {@code word ["@" word]}, at most
 *       {@link #MAX_LENGTH} characters) is the Call-ID as it is, so a SIP UA that keeps one Call-ID
 *       per conversation keeps the XMPP conversation together and its reply comes back with the
 *       same thread. Any other thread gives a Call-ID derived from it by hash: stable per thread,
 *       never an invalid header. No thread: the caller generates a fresh Call-ID.</li>
 *   <li>S2X: the Call-ID is the {@code <thread/>} as it is (every Call-ID is valid thread text).</li>
 * </ul>
 * Pure.
 */
public final class CallIds {
    /** Longest thread used verbatim as a Call-ID. */
    public static final int MAX_LENGTH = 128;

    private CallIds() {
    }

    /** The Call-ID for an XMPP thread (not null, not empty). */
    public static String fromThread(String thread) {
        if (isCallId(thread)) {
            return thread;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(thread.getBytes(StandardCharsets.UTF_8));
            return "thread-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Whether {@code s} is a Call-ID: {@code word ["@" word]} of RFC 3261 §25.1, at most {@link #MAX_LENGTH}. */
    public static boolean isCallId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        int at = s.indexOf('@');
        if (at == 0 || at == s.length() - 1 || at >= 0 && s.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '@' && !isWordChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "-.!%*_+`'~()<>:\\\"/[]?{}".indexOf(c) >= 0;
    }
}
