package org.stoxgw.testfixtures;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something another thread does (a counter updated on an event loop, a peer
 * noticing a close): polls every 10 ms instead of sleeping a fixed time, so a slow machine only
 * makes the test slower, never wrong. The caller asserts afterwards, with its own message.
 */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} until it holds or {@code timeout} passed; whether it held. */
    public static boolean holds(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
