package org.stoxgw.testfixtures.load;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What arrived of one load run at its receivers: each message counted once (duplicates apart), with
 * its latency from the generator's send to the receiver's read. Messages carry
 * {@code LOAD <run> <seq> <sendNanos>} in their body ({@link #body}); the generator and the
 * receivers live in one JVM, so {@link System#nanoTime()} is comparable.
 *
 * <p>Thread-safe (receivers on several threads); {@code synchronized} is cheap at these rates.
 */
public final class Deliveries {
    /** Filler after the marker, so that a message has a realistic size (~100 bytes of text). */
    private static final String TEXT = "Neither, fair saint, if either thee dislike.";
    private final int run;
    private final BitSet seen;
    private final int[] latencyMicros;
    private int delivered;
    private int duplicates;
    private int foreign;
    private long lastArrivalNanos;

    public Deliveries(int run, int expected) {
        this.run = run;
        this.seen = new BitSet(expected);
        this.latencyMicros = new int[expected];
    }

    public int run() {
        return run;
    }

    /** The body text of message {@code seq} sent now. */
    public static String body(int run, int seq, long sendNanos) {
        return "LOAD " + run + " " + seq + " " + sendNanos + " " + TEXT;
    }

    /**
     * Records the message whose text contains the marker at {@code from} of {@code text} (the receiver
     * found "LOAD "); a message of another run is ignored.
     */
    public void arrived(CharSequence text, int from) {
        long now = System.nanoTime();
        int i = from + 5;
        long r = 0;
        while (i < text.length() && text.charAt(i) != ' ') {
            r = r * 10 + (text.charAt(i++) - '0');
        }
        int seq = 0;
        for (i++; i < text.length() && text.charAt(i) != ' '; i++) {
            seq = seq * 10 + (text.charAt(i) - '0');
        }
        long sent = 0;
        for (i++; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            sent = sent * 10 + (text.charAt(i) - '0');
        }
        record((int) r, seq, now - sent, now);
    }

    private synchronized void record(int r, int seq, long nanos, long now) {
        if (r != run || seq < 0 || seq >= latencyMicros.length) {
            foreign++;
            return;
        }
        if (seen.get(seq)) {
            duplicates++;
            return;
        }
        seen.set(seq);
        latencyMicros[delivered++] = (int) Math.min(Integer.MAX_VALUE, nanos / 1000);
        lastArrivalNanos = now;
    }

    public synchronized int delivered() {
        return delivered;
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    /** Messages of other (earlier) runs that arrived during this one. */
    public synchronized int foreign() {
        return foreign;
    }

    public synchronized long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** The latency percentile {@code p} (0..100) in milliseconds; NaN when nothing arrived. */
    public synchronized double percentileMillis(double p) {
        if (delivered == 0) {
            return Double.NaN;
        }
        int[] sorted = Arrays.copyOf(latencyMicros, delivered);
        Arrays.sort(sorted);
        int index = (int) Math.min(delivered - 1, Math.max(0, Math.ceil(p / 100.0 * delivered) - 1));
        return sorted[index] / 1000.0;
    }
}
