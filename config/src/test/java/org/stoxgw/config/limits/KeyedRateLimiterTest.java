package org.stoxgw.config.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aPeerOverItsBurstIsRefusedWhileAnotherPeerIsServed() {
        KeyedRateLimiter l = new KeyedRateLimiter(10, 3, 100);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.tryAcquire("a", 0));
        }
        assertFalse(l.tryAcquire("a", 0), "fourth request at once is over the burst of 3");
        assertTrue(l.tryAcquire("b", 0), "another peer has a bucket of its own");
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        KeyedRateLimiter l = new KeyedRateLimiter(10, 1, 100);
        assertTrue(l.tryAcquire("a", 0));
        assertFalse(l.tryAcquire("a", SECOND / 20), "half a token after 50 ms at 10/s");
        assertTrue(l.tryAcquire("a", SECOND / 10 + 1), "a whole token after 100 ms");
    }

    @Test
    void theTableStartsAfreshBeyondMaxTrackedKeys() {
        KeyedRateLimiter l = new KeyedRateLimiter(1, 1, 2);
        l.tryAcquire("a", 0);
        l.tryAcquire("b", 0);
        l.tryAcquire("c", 0);
        assertEquals(1, l.tracked(), "many distinct peers cannot grow memory");
    }

    @Test
    void refusalsAreWarnedAtMostEveryTenSeconds() {
        KeyedRateLimiter l = new KeyedRateLimiter(1, 1, 2);
        long t = System.nanoTime();
        assertTrue(l.warnNow(t));
        assertFalse(l.warnNow(t + SECOND));
        assertTrue(l.warnNow(t + 10 * SECOND));
    }
}
