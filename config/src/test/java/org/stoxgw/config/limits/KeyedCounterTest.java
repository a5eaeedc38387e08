package org.stoxgw.config.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyedCounterTest {
    @Test
    @DisplayName("each key gets at most max; another key is not affected; a release frees a place")
    void perKeyLimit() {
        KeyedCounter c = new KeyedCounter(2);
        assertTrue(c.tryAcquire("a"));
        assertTrue(c.tryAcquire("a"));
        assertFalse(c.tryAcquire("a"));
        assertTrue(c.full("a"));
        assertTrue(c.tryAcquire("b"));
        c.release("a");
        assertEquals(1, c.count("a"));
        assertTrue(c.tryAcquire("a"));
    }

    @Test
    @DisplayName("many threads acquiring and releasing one key never let more than max hold it at once")
    void neverOverTheLimitUnderContention() throws Exception {
        KeyedCounter c = new KeyedCounter(3);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (c.tryAcquire("k")) {
                        most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        holding.decrementAndGet();
                        c.release("k");
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(most.get() <= 3, "held at once: " + most.get());
        assertEquals(0, c.count("k"));
    }
}
