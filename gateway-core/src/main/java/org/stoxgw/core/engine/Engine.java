package org.stoxgw.core.engine;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's shared machinery: the Netty event loops (also used by the XMPP adapter's channels),
 * the session table, and the count of work in flight that a graceful stop waits for.
 *
 * <p>Thread-safe. {@link #shutdown} once, after the adapters have stopped.
 */
public final class Engine {
    private final EventLoopGroup loops;
    private final SessionTable sessions;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    /**
     * @param threads     event loop threads; 0 = one per available processor
     * @param maxSessions limit of the session table
     */
    public Engine(int threads, int maxSessions) {
        this(threads, maxSessions, maxSessions);
    }

    /**
     * @param threads     event loop threads; 0 = one per available processor
     * @param maxSessions limit of the session table
     * @param maxPerPeer  limit of the session table for one peer
     */
    public Engine(int threads, int maxSessions, int maxPerPeer) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.loops = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory("stoxgw-loop"), NioIoHandler.newFactory());
        this.sessions = new SessionTable(loops, maxSessions, maxPerPeer);
    }

    public EventLoopGroup loops() {
        return loops;
    }

    public SessionTable sessions() {
        return sessions;
    }

    /** Marks one unit of work (e.g. an open transaction) as started; pair with {@link #workDone()}. */
    public void workStarted() {
        inFlight.incrementAndGet();
    }

    public void workDone() {
        inFlight.decrementAndGet();
    }

    /**
     * The gateway stops: new work is refused (SIP 503 with Retry-After), and a failure of work in
     * flight is reported as the gateway stopping rather than as the far side's (D-CORE stop, issue 13).
     */
    public void beginDrain() {
        draining = true;
    }

    /** Whether {@link #beginDrain()} was called. */
    public boolean draining() {
        return draining;
    }

    /** Units of work started and not yet done. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until no work is in flight or {@code timeout} passes; true if drained. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Closes all sessions and stops the loops, waiting at most {@code timeout}. */
    public boolean shutdown(Duration quietPeriod, Duration timeout) throws InterruptedException {
        sessions.closeAll();
        return loops.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .await(timeout.toMillis() + 1000);
    }
}
