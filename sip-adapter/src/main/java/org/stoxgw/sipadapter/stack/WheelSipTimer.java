package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's transaction timers (RFC 3261 Timers A–K) on Netty's hashed wheel ({@code
 * gov.nist.javax.sip.TIMER_CLASS_NAME}, P-06). JAIN-SIP's default {@code java.util.Timer} keeps a
 * cancelled task queued until its time comes and wakes its thread for it: every transaction that is
 * answered before its Timer E, F or J still costs wake-ups. On the wheel, scheduling and cancelling
 * cost O(1) and one thread advances every 10 ms, whatever the load. RFC 3261's timers are multiples of
 * T1 (500 ms), so firing up to one tick late is of no consequence.
 *
 * <p>Created by JAIN-SIP by name; thread {@code sip-timer} (daemon), ended by {@link #stop()}.
 */
public final class WheelSipTimer implements SipTimer {
    private static final Logger log = LoggerFactory.getLogger(WheelSipTimer.class);
    private static final long TICK_MILLIS = 10;
    private volatile HashedWheelTimer wheel;

    @Override
    public void start(SipStackImpl stack, Properties properties) {
        HashedWheelTimer w = new HashedWheelTimer(new DefaultThreadFactory("sip-timer", true), TICK_MILLIS,
                TimeUnit.MILLISECONDS, 1024);
        w.start();
        wheel = w;
    }

    @Override
    public boolean isStarted() {
        return wheel != null;
    }

    @Override
    public void stop() {
        HashedWheelTimer w = wheel;
        wheel = null;
        if (w != null) {
            w.stop();
        }
    }

    private HashedWheelTimer wheel() {
        HashedWheelTimer w = wheel;
        if (w == null) {
            throw new IllegalStateException("the SIP stack timer has been stopped");
        }
        return w;
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        task.setSipTimerTask(wheel().newTimeout(t -> run(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        Periodic p = new Periodic(task, periodMillis);
        task.setSipTimerTask(p);
        p.next(delayMillis);
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        Object handle = task.getSipTimerTask();
        if (handle == null) {
            return false;
        }
        task.cleanUpBeforeCancel();
        task.setSipTimerTask(null);
        if (handle instanceof Periodic p) {
            return p.cancel();
        }
        return ((Timeout) handle).cancel();
    }

    private static void run(SIPStackTimerTask task) {
        try {
            task.runTask();
        } catch (RuntimeException e) {
            log.warn("SIP stack timer task failed", e);
        }
    }

    /** A task that runs every {@code period} after its first delay, until cancelled. */
    private final class Periodic {
        private final SIPStackTimerTask task;
        private final long period;
        private volatile Timeout current;
        private volatile boolean cancelled;

        Periodic(SIPStackTimerTask task, long period) {
            this.task = task;
            this.period = period;
        }

        void next(long delay) {
            HashedWheelTimer w = wheel;
            if (!cancelled && w != null) {
                current = w.newTimeout(t -> {
                    if (!cancelled) {
                        run(task);
                        next(period);
                    }
                }, Math.max(0, delay), TimeUnit.MILLISECONDS);
            }
        }

        boolean cancel() {
            cancelled = true;
            Timeout t = current;
            return t == null || t.cancel();
        }
    }
}
