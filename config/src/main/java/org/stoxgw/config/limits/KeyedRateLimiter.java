package org.stoxgw.config.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key (a SIP source address, an XMPP remote domain): {@code rate} per second on
 * average, {@code burst} at once, so that one peer cannot take the gateway's capacity from the others.
 * Used by both adapters for their per-peer limits ({@code gateway.sip.limits.peer-request-rate},
 * {@code gateway.xmpp.limits.stanza-rate}); lives here because both depend on this module.
 *
 * <p>Limits: at most {@code maxTracked} keys are tracked; beyond that the table starts afresh, so a
 * flood of distinct keys cannot grow memory (a fresh bucket is full: the cost is a burst per key).
 *
 * <p>Thread-safe (called on many event loops at once): one map lookup and a short lock on the key's
 * bucket per call. Time is passed in, so tests need no clock.
 */
public final class KeyedRateLimiter {
    private static final long WARN_EVERY = TimeUnit.SECONDS.toNanos(10);
    private final double perNano;
    private final double burst;
    private final int maxTracked;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY);

    public KeyedRateLimiter(int ratePerSecond, int burst, int maxTracked) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.maxTracked = maxTracked;
    }

    /** Takes a token for {@code key} at {@code nowNanos} ({@link System#nanoTime()}); false when its bucket is empty. */
    public boolean tryAcquire(String key, long nowNanos) {
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxTracked) {
                buckets.clear();
            }
            b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        }
        return b.take(nowNanos, perNano, burst);
    }

    /** Keys tracked now. */
    public int tracked() {
        return buckets.size();
    }

    /** True at most once every 10 s: whether a refusal should be logged at WARN rather than DEBUG. */
    public boolean warnNow(long nowNanos) {
        long last = lastWarning.get();
        return nowNanos - last >= WARN_EVERY && lastWarning.compareAndSet(last, nowNanos);
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
