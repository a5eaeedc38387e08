package org.stoxgw.config;

import java.util.Objects;

/**
 * One thing wrong with the operator's configuration: the key, where its value came from
 * ({@code gateway.conf:12}, an environment variable, or the built-in reference) and what is wrong.
 *
 * @param key     full HOCON path, e.g. {@code gateway.sip.listen.udp}
 * @param origin  human-readable origin of the offending value, never null
 * @param message what is wrong, phrased for an operator
 */
public record ConfigProblem(String key, String origin, String message) {

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /** {@code origin: key: message}, the form printed by {@code --check-config}. */
    @Override
    public String toString() {
        return origin + ": " + key + ": " + message;
    }
}
