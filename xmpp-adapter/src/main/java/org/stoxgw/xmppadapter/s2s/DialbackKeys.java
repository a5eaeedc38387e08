package org.stoxgw.xmppadapter.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dialback keys as XEP-0185 recommends:
 * {@code hex(HMAC-SHA256(hex(SHA256(secret)), receiving + ' ' + originating + ' ' + streamId))}.
 * The gateway generates them as originating server and checks them as authoritative server
 * (XEP-0220 §2.1.1, §2.3). The secret never leaves this class. Thread-safe.
 */
public final class DialbackKeys {
    private final SecretKeySpec key;

    /** @param secret the configured secret; must not be empty (see {@link #randomSecret()}) */
    public DialbackKeys(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("empty dialback secret");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(HexFormat.of().formatHex(hash).getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random secret of 256 bits, for a gateway configured without one. */
    public static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The key for a stream from {@code originating} to {@code receiving} with the receiver's stream id. */
    public String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal((receiving + ' ' + originating + ' ' + streamId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code presented} is the key we would generate, compared in constant time. */
    public boolean verify(String receiving, String originating, String streamId, String presented) {
        if (presented == null || streamId == null) {
            return false;
        }
        byte[] expected = key(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
