package org.stoxgw.config.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of something each key holds now, at most {@code max} per key: sessions per peer
 * ({@code gateway.core.max-sessions-per-peer}), inbound streams per remote domain
 * ({@code gateway.xmpp.limits.inbound-streams-per-domain}). A key at zero takes no memory.
 *
 * <p>Thread-safe. Acquiring and releasing are atomic per key: a count removed at zero by one thread
 * could otherwise be incremented by another and lost, letting more in than the limit.
 */
public final class KeyedCounter {
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private volatile int max;

    public KeyedCounter(int max) {
        this.max = max;
    }

    /** A new limit (reload): keys above it keep what they hold and get no more until they are below it. */
    public void max(int newMax) {
        max = newMax;
    }

    /** Counts one more for {@code key}; false, and not counted, when it already holds {@code max}. */
    public boolean tryAcquire(String key) {
        boolean[] counted = new boolean[1];
        counts.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            counted[0] = current < max;
            return counted[0] ? Integer.valueOf(current + 1) : n;
        });
        return counted[0];
    }

    /** Gives back one that {@link #tryAcquire} counted for {@code key}. */
    public void release(String key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** What {@code key} holds now. */
    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** Whether {@code key} holds {@code max} already. */
    public boolean full(String key) {
        return count(key) >= max;
    }
}
