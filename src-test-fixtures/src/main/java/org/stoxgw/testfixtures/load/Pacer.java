package org.stoxgw.testfixtures.load;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a sender at a fixed rate without drift: {@link #due()} says how many messages should have
 * left by now and were not yet handed out, sleeping briefly when none is due. Sending in small
 * bursts every few hundred microseconds keeps the sender's own cost low at tens of thousands per
 * second. Not thread-safe: one sender thread.
 */
final class Pacer {
    private static final int MAX_BURST = 64;
    private final double perNano;
    private final int total;
    private final long start = System.nanoTime();
    private int handedOut;

    /** {@code total} messages at {@code rate} per second. */
    Pacer(int rate, int total) {
        this.perNano = rate / 1e9;
        this.total = total;
    }

    /** Messages to send now (0 when done or none is due yet, after a short sleep). */
    int due() {
        if (handedOut >= total) {
            return 0;
        }
        long target = Math.min(total, (long) ((System.nanoTime() - start) * perNano) + 1);
        int n = (int) Math.min(MAX_BURST, target - handedOut);
        if (n <= 0) {
            LockSupport.parkNanos(200_000);
            return 0;
        }
        handedOut += n;
        return n;
    }

    boolean done() {
        return handedOut >= total;
    }
}
