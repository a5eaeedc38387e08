package org.stoxgw.sipadapter.msrp;

import java.security.SecureRandom;

/**
 * Transaction ids, Message-IDs and session-ids (RFC 4975 §7.1, §9, §14.1; MSRP-01, MSRP-19):
 * alphanumeric strings from {@link SecureRandom}, long enough to carry well over 64 bits of
 * randomness, so they are unique among concurrent transactions and a session URI is hard to
 * guess. Thread-safe.
 */
public final class MsrpIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** One DRBG per thread: the shared default (NativePRNG) serialises every call on one lock. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private MsrpIds() {
    }

    /** A transaction id: 16 base-62 characters (95 bits). */
    public static String transactionId() {
        return random(16);
    }

    /** A Message-ID: 20 base-62 characters (119 bits). */
    public static String messageId() {
        return random(20);
    }

    /** A session-id for the gateway's path URI: 24 base-62 characters (142 bits). */
    public static String sessionId() {
        return random(24);
    }

    private static String random(int n) {
        byte[] b = new byte[n];
        RANDOM.get().nextBytes(b);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALPHABET[(b[i] & 0xff) % ALPHABET.length];
        }
        return new String(c);
    }

    /**
     * RFC 4975 §9 {@code ident = ALPHANUM 3*31ident-char}, {@code ident-char = ALPHANUM / "." / "-"
     * / "+" / "%" / "="}: 4 to 32 characters.
     */
    public static boolean isValidIdent(String s) {
        if (s == null || s.length() < 4 || s.length() > 32 || !alnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!alnum(c) && ".-+%=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
