package org.stoxgw.sipadapter.inbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * At most one WARN line per kind of event every {@code periodNanos}, with the count of those left
 * out, so that a flood of bad requests explains itself in the log without filling it. Thread-safe.
 */
public final class ThrottledLog {
    private final Logger log;
    private final long periodNanos;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public ThrottledLog(Logger log, long periodNanos) {
        this.log = log;
        this.periodNanos = periodNanos;
    }

    public void warn(String kind, String message) {
        State s = states.computeIfAbsent(kind, k -> new State());
        long now = System.nanoTime();
        long next = s.next.get();
        if (now - next >= 0 && s.next.compareAndSet(next, now + periodNanos)) {
            long suppressed = s.suppressed.getAndSet(0);
            log.warn(suppressed == 0 ? message : message + " (" + suppressed + " more like it since the last report)");
        } else {
            s.suppressed.incrementAndGet();
            log.debug(message);
        }
    }

    private static final class State {
        final AtomicLong next = new AtomicLong(System.nanoTime());
        final AtomicLong suppressed = new AtomicLong();
    }
}
