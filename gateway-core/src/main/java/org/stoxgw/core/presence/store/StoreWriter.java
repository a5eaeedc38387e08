package org.stoxgw.core.presence.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind in front of a {@link PresenceStore}, so the event loops never wait for the
 * database: {@link #save} and {@link #delete} put the newest state of a pair into a map (a later
 * change of the same pair replaces an unwritten earlier one) and return at once; one thread,
 * {@code presence-store}, writes what accumulated every {@code flush-interval} (sooner when a batch
 * is full), in transactions of at most {@code batch-size} pairs. A failed batch is kept and retried
 * (unless newer state arrived for a pair meanwhile), so nothing is lost while the database is away;
 * the map holds at most one entry per pair, so memory stays bounded by the pairs themselves.
 *
 * <p>Thread-safe: {@link #save} / {@link #delete} from any thread; {@link #flush} and
 * {@link #close} block until written.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    /** Marks a deletion in the pending map (a concurrent map holds no nulls). */
    private static final PairRecord DELETED = new PairRecord("", "", org.stoxgw.mapping.presence.WatcherRules.Phase.NONE,
            org.stoxgw.mapping.presence.NotifierRules.Phase.NONE, java.util.List.of());

    private final PresenceStore store;
    private final long intervalNanos;
    private final int batchSize;
    private final ConcurrentHashMap<String, PairRecord> pending = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final Thread thread;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private volatile boolean writing;
    private volatile boolean closing;
    private volatile boolean flushRequested;
    private volatile long failedSince;

    public StoreWriter(PresenceStore store, Duration flushInterval, int batchSize) {
        this.store = store;
        this.intervalNanos = flushInterval.toNanos();
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "presence-store");
        thread.setDaemon(false);
        thread.start();
    }

    /** Records the newest state of a pair; written soon. Never blocks. */
    public void save(PairRecord record) {
        pending.put(record.key(), record);
        if (pending.size() >= batchSize) {
            signal();
        }
    }

    /** Records that a pair is gone; written soon. Never blocks. */
    public void delete(String key) {
        pending.put(key, DELETED);
    }

    /** Writes everything recorded so far before returning (or gives up after {@code timeout}). */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            flushRequested = true;
            work.signalAll();
            while (!pending.isEmpty() || writing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                written.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is left, stops the thread and closes the store. */
    @Override
    public void close() {
        flush(Duration.ofSeconds(30));
        closing = true;
        signal();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!pending.isEmpty()) {
            log.error("presence store: {} pair change(s) could not be written before stop", pending.size());
        }
        store.close();
    }

    /** Whether the last write failed (and none succeeded since): the store is not writable now. */
    public boolean failing() {
        return failedSince != 0;
    }

    /** Pair changes waiting to be written. */
    public int queued() {
        return pending.size();
    }

    public long writes() {
        return writes.get();
    }

    public long batches() {
        return batches.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Mean time of one batch transaction, in microseconds. */
    public long meanBatchMicros() {
        long b = batches.get();
        return b == 0 ? 0 : writeNanos.get() / b / 1000;
    }

    private void signal() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            lock.lock();
            try {
                if (!closing && !flushRequested && pending.size() < batchSize) {
                    work.awaitNanos(failedSince != 0 ? Math.max(intervalNanos, TimeUnit.SECONDS.toNanos(1)) : intervalNanos);
                }
                flushRequested = false;
                writing = !pending.isEmpty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            while (writeOneBatch()) {
                // until drained or failing
            }
            lock.lock();
            try {
                writing = false;
                written.signalAll();
                if (closing && (pending.isEmpty() || failedSince != 0)) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Writes up to one batch; true if it wrote something and more may be waiting. */
    private boolean writeOneBatch() {
        if (pending.isEmpty()) {
            return false;
        }
        Map<String, PairRecord> batch = new HashMap<>();
        Iterator<Map.Entry<String, PairRecord>> it = pending.entrySet().iterator();
        while (it.hasNext() && batch.size() < batchSize) {
            Map.Entry<String, PairRecord> e = it.next();
            // take the entry only if it is still the newest (a loop may have replaced it just now)
            if (pending.remove(e.getKey(), e.getValue())) {
                batch.put(e.getKey(), e.getValue() == DELETED ? null : e.getValue());
            }
        }
        long t0 = System.nanoTime();
        try {
            store.write(batch);
            writeNanos.addAndGet(System.nanoTime() - t0);
            batches.incrementAndGet();
            writes.addAndGet(batch.size());
            if (failedSince != 0) {
                log.info("presence store: writing again after {} s of failures",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - failedSince));
                failedSince = 0;
            }
            return true;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            if (failedSince == 0) {
                failedSince = System.nanoTime();
                log.error("presence store: {}; keeping {} change(s) and retrying", e.getMessage(), batch.size());
            }
            // put back what no newer change replaced meanwhile
            batch.forEach((k, v) -> pending.putIfAbsent(k, v == null ? DELETED : v));
            return false;
        }
    }
}
