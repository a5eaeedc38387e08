package org.stoxgw.mapping.media;

import java.util.Objects;

/**
 * One SDES key offer (RFC 4568 {@code a=crypto:<tag> <suite> <key-params> [<session-params>]} ↔
 * XEP-0167 §7 {@code <crypto tag crypto-suite key-params session-params/>}, RTP-06); {@code sessionParams}
 * is empty when absent. The key is a secret: {@link #toString()} hides it.
 */
public record Crypto(int tag, String suite, String keyParams, String sessionParams) {
    public Crypto {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of 1*9DIGIT: " + tag);
        }
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyParams, "keyParams");
        sessionParams = sessionParams == null ? "" : sessionParams;
    }

    @Override
    public String toString() {
        return "Crypto[tag=" + tag + ", suite=" + suite + ", keyParams=(hidden), sessionParams=" + sessionParams + "]";
    }
}
