package org.stoxgw.sipadapter.inbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source address: {@code rate} requests per second on average, {@code burst}
 * at once. At most {@code maxTracked} sources are tracked; beyond that the table starts afresh
 * (a flood of distinct sources cannot grow memory). Thread-safe; a request costs one map lookup
 * and a short lock on its bucket.
 */
final class PeerRateLimiter {
    private final double perNano;
    private final double burst;
    private final int maxTracked;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PeerRateLimiter(int ratePerSecond, int burst, int maxTracked) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.maxTracked = maxTracked;
    }

    /** Takes a token for {@code source}; false when its bucket is empty. */
    boolean tryAcquire(String source, long nowNanos) {
        Bucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= maxTracked) {
                buckets.clear();
            }
            b = buckets.computeIfAbsent(source, s -> new Bucket(burst, nowNanos));
        }
        return b.take(nowNanos, perNano, burst);
    }

    int tracked() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double perNano, double burst) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
