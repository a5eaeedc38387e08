package org.stoxgw.core.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of translated traffic per direction and outcome, for JMX and for tests that assert that
 * nothing was lost (sent = delivered + failed + rejected). Thread-safe, lock-free.
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

    private final Map<Direction, Map<Outcome, LongAdder>> counts = new EnumMap<>(Direction.class);

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
