package org.stoxgw.xmppadapter.s2s;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-peer stanza rate of the XMPP side ({@code gateway.xmpp.limits.stanza-rate/-burst}): a token
 * bucket per authenticated remote domain, shared by all of that domain's streams, so that one domain
 * cannot take the gateway's capacity from the others (XEP-0205 §3.8). At most {@code maxTracked}
 * domains are tracked; beyond that the table starts afresh, so many domains cannot grow memory.
 *
 * <p>Thread-safe (called on every stream's event loop): one map lookup and a short lock on the
 * domain's bucket per stanza.
 */
final class DomainRateLimiter {
    private static final long WARN_EVERY = TimeUnit.SECONDS.toNanos(10);
    private final double perNano;
    private final double burst;
    private final int maxTracked;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY);

    DomainRateLimiter(int ratePerSecond, int burst, int maxTracked) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.maxTracked = maxTracked;
    }

    /** Takes a token for {@code domain}; false when its bucket is empty. */
    boolean tryAcquire(String domain, long nowNanos) {
        Bucket b = buckets.get(domain);
        if (b == null) {
            if (buckets.size() >= maxTracked) {
                buckets.clear();
            }
            b = buckets.computeIfAbsent(domain, d -> new Bucket(burst, nowNanos));
        }
        return b.take(nowNanos, perNano, burst);
    }

    /** True at most once every 10 s: whether a refusal should be logged at WARN. */
    boolean warnNow(long nowNanos) {
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
