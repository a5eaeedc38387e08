package org.stoxgw.sipadapter.invite;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Counters of the INVITE layer behind {@link InviteMXBean}. Thread-safe. */
final class InviteStats implements InviteMXBean {
    private final LongAdder incoming = new LongAdder();
    private final LongAdder outgoing = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final Map<CallEnd.Cause, LongAdder> ended = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
    private final Supplier<Iterable<CallSession>> open;

    InviteStats(Supplier<Iterable<CallSession>> open) {
        this.open = open;
    }

    void incoming() {
        incoming.increment();
    }

    void outgoing() {
        outgoing.increment();
    }

    void refused() {
        refused.increment();
    }

    void ended(CallEnd e) {
        ended.computeIfAbsent(e.cause(), k -> new LongAdder()).increment();
        if (e.status() >= 300 && e.cause() != CallEnd.Cause.LOCAL_CANCEL && e.cause() != CallEnd.Cause.REMOTE_CANCEL) {
            failures.computeIfAbsent(e.status(), k -> new LongAdder()).increment();
        }
    }

    @Override
    public Map<String, Integer> getDialogsByState() {
        Map<CallState, Integer> by = new EnumMap<>(CallState.class);
        for (CallSession s : open.get()) {
            by.merge(s.state(), 1, Integer::sum);
        }
        Map<String, Integer> out = new TreeMap<>();
        by.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    @Override
    public long getIncomingCalls() {
        return incoming.sum();
    }

    @Override
    public long getOutgoingCalls() {
        return outgoing.sum();
    }

    @Override
    public Map<String, Long> getEnded() {
        Map<String, Long> out = new TreeMap<>();
        ended.forEach((k, v) -> out.put(k.name(), v.sum()));
        return out;
    }

    @Override
    public Map<String, Long> getFailuresByStatus() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(Integer.toString(k), v.sum()));
        return out;
    }

    @Override
    public long getRefusedOverLimit() {
        return refused.sum();
    }
}
