package org.stoxgw.core.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of translated traffic per direction and outcome, for JMX and for tests that assert that
 * nothing was lost (sent = delivered + failed + rejected), and the durations the admin endpoint's
 * histograms show ({@link #timings}: message latency through the gateway, call set-up time).
 * Thread-safe, lock-free; without timings set, recording a duration costs one volatile read.
 */
public final class Traffic {

    /** Which way a message or stanza crossed the gateway. */
    public enum Direction { SIP_TO_XMPP, XMPP_TO_SIP }

    /** How it ended. */
    public enum Outcome {
        /** Received from one side (counted once per message, before translation). */
        RECEIVED,
        /** Translated and accepted by the other side. */
        DELIVERED,
        /** Refused by the gateway (unmappable, policy, limits, malformed); the sender got an error. */
        REJECTED,
        /** The other side failed it (error response, timeout, unreachable); the sender got an error. */
        FAILED,
        /** An error that arrived after the sender's transaction closed: logged, not reportable. */
        LATE_ERROR
    }

    /** Receives durations (histograms of the admin endpoint); called on any thread, must not block. */
    public interface Timings {
        /** A message or stanza from arrival until the other side took it (or until it was refused or failed). */
        void message(Direction d, Outcome o, long nanos);

        /** A call from its offer until it was answered (DELIVERED) or refused/failed. */
        void callSetup(Direction d, Outcome o, long nanos);
    }

    private static final Timings NONE = new Timings() {
        @Override
        public void message(Direction d, Outcome o, long nanos) {
        }

        @Override
        public void callSetup(Direction d, Outcome o, long nanos) {
        }
    };

    private final Map<Direction, Map<Outcome, LongAdder>> counts = new EnumMap<>(Direction.class);
    private volatile Timings timings = NONE;

    public Traffic() {
        for (Direction d : Direction.values()) {
            Map<Outcome, LongAdder> m = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                m.put(o, new LongAdder());
            }
            counts.put(d, m);
        }
    }

    public void count(Direction d, Outcome o) {
        counts.get(d).get(o).increment();
    }

    /** Where durations go from now on (null: nowhere). */
    public void timings(Timings t) {
        timings = t == null ? NONE : t;
    }

    /** Records how long a message took, from {@code startNanos} ({@link System#nanoTime()}) until now. */
    public void messageTime(Direction d, Outcome o, long startNanos) {
        timings.message(d, o, System.nanoTime() - startNanos);
    }

    /** Records how long a call took to set up, from {@code startNanos} ({@link System#nanoTime()}) until now. */
    public void callSetupTime(Direction d, Outcome o, long startNanos) {
        timings.callSetup(d, o, System.nanoTime() - startNanos);
    }

    public long get(Direction d, Outcome o) {
        return counts.get(d).get(o).sum();
    }

    /** Outcome name (lower case) to count, for one direction. */
    public Map<String, Long> snapshot(Direction d) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        counts.get(d).forEach((o, v) -> out.put(o.name().toLowerCase(java.util.Locale.ROOT), v.sum()));
        return out;
    }
}
