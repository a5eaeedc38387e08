package org.stoxgw.core.engine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of one conversation the gateway translates, pinned to one event loop for its whole life:
 * every event of the session runs on {@link #loop()}, so subclasses hold plain fields and no locks.
 *
 * <p>Contract: subclass state is touched only from tasks given to {@link #execute} or
 * {@link #schedule}. {@link #close()} may be called from any thread; it runs {@link #onClose()} on
 * the loop, cancels the session's timers and removes it from the table.
 */
public abstract class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final SessionKey key;
    private final String peer;
    private final EventLoop loop;
    private final SessionTable table;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(2);
    private boolean closed;

    protected Session(SessionContext context) {
        this.key = context.key();
        this.peer = context.peer();
        this.loop = context.loop();
        this.table = context.table();
    }

    public final SessionKey key() {
        return key;
    }

    /** The peer this session counts against in its table, or null. */
    final String peer() {
        return peer;
    }

    /** The event loop this session runs on. */
    public final EventLoop loop() {
        return loop;
    }

    /** Runs {@code task} on the session's loop (at once if already there). Errors are logged. */
    public final void execute(Runnable task) {
        if (loop.inEventLoop()) {
            runGuarded(task);
        } else {
            loop.execute(() -> runGuarded(task));
        }
    }

    /**
     * Runs {@code task} on the session's loop after {@code delay} (up to one 10 ms tick later, see
     * {@link #alignedDelayNanos}), unless the session closes first. Must be called on the loop.
     */
    public final ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        assert loop.inEventLoop();
        ScheduledFuture<?> f = loop.schedule(() -> {
            if (!closed) {
                runGuarded(task);
            }
        }, alignedDelayNanos(System.nanoTime(), delay.toNanos()), TimeUnit.NANOSECONDS);
        timers.removeIf(java.util.concurrent.Future::isDone);
        timers.add(f);
        return f;
    }

    /**
     * The delay to the end of the {@link #TIMER_TICK_NANOS} tick in which {@code now + delay} falls: timers
     * of many sessions that end within one tick then run in one wake-up of the loop instead of one each (at
     * thousands of messages a second, one wake-up per bounce window would cost more than the message).
     * Session timers are seconds long; firing up to one tick late changes nothing a peer can see.
     */
    static long alignedDelayNanos(long now, long delay) {
        long due = now + delay;
        long aligned = Math.floorDiv(due + TIMER_TICK_NANOS - 1, TIMER_TICK_NANOS) * TIMER_TICK_NANOS;
        return Math.max(0, aligned - now);
    }

    /** Resolution of session timers (see {@link #alignedDelayNanos}). */
    static final long TIMER_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Ends the session: cancels its timers, runs {@link #onClose()} and leaves the table. */
    public final void close() {
        execute(() -> {
            if (closed) {
                return;
            }
            closed = true;
            timers.forEach(t -> t.cancel(false));
            timers.clear();
            try {
                onClose();
            } finally {
                table.remove(this);
            }
        });
    }

    public final boolean isClosed() {
        return closed;
    }

    /** Called once, on the loop, when the session closes. */
    protected void onClose() {
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // One session's bug must not take down the loop it shares with others.
            log.error("session {}: task failed", key, e);
        }
    }
}
