package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.xmppadapter.LinkInfo;
import org.stoxgw.xmppadapter.XmppSettings;

/**
 * The gateway's outbound link for one {@link LinkKey}: made on demand, stanzas queue while it
 * connects and authenticates (bounded by {@code limits.queue-per-link}), then go out in order.
 *
 * <p>No silent loss: with {@code acks = ping} a written stanza completes {@code Sent} only when an
 * XMPP ping written after it is answered (any answer: the remote server processes a stream in order,
 * RFC 6120 §10.1); when the link fails first, unacknowledged stanzas are written again on a new link
 * (at-least-once). A stanza not confirmed within {@code timeouts.delivery} completes {@code Failed}
 * with remote-server-not-found (the domain did not resolve) or remote-server-timeout (it resolved
 * but no authenticated stream could be kept), which the core turns into an error to its sender.
 * Reconnects back off from {@code reconnect-min} doubling to {@code reconnect-max}; an idle link is
 * closed after {@code timeouts.idle}.
 *
 * <p>Threading: every method runs on {@link #loop}, which is also the event loop of its streams;
 * {@link #info()} may be called from any thread (volatile snapshot).
 */
final class OutboundLink implements StreamListener<LinkStream> {
    private static final Logger log = LoggerFactory.getLogger(OutboundLink.class);

    enum State { IDLE, CONNECTING, READY, BACKOFF, STOPPED, RETIRED }

    final EventLoop loop;
    final LinkKey key;
    private final XmppRuntime rt;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Pending> unacked = new ArrayDeque<>();
    private State state = State.IDLE;
    private LinkStream stream;
    private String probeId;
    private int probeCovers;
    private ScheduledFuture<?> probeTimer;
    private ScheduledFuture<?> probeDelay;
    private boolean writeScheduled;
    private ScheduledFuture<?> retryTimer;
    private ScheduledFuture<?> deadlineTimer;
    private long backoffNanos;
    private boolean resolutionFailed;
    private String lastError = "";
    private long stanzasOut;
    private volatile LinkInfo snapshot;
    /** Component links stay connected even when idle: inbound stanzas arrive on them too. */
    private final boolean persistent;

    OutboundLink(XmppRuntime rt, LinkKey key, EventLoop loop) {
        this.rt = rt;
        this.key = key;
        this.loop = loop;
        this.persistent = rt.componentMode();
        publish();
    }

    /** Connects now (component links at start), unless already connecting or connected. */
    void start() {
        if (state == State.IDLE) {
            connect();
        }
    }

    void enqueue(Pending p) {
        if (state == State.RETIRED) {
            rt.links.enqueue(key, p);
            return;
        }
        if (state == State.STOPPED) {
            p.fail(StanzaError.Condition.remote_server_timeout, "the gateway is stopping");
            return;
        }
        int limit = rt.settings.limits().queuePerLink();
        if (queue.size() + unacked.size() >= limit) {
            p.fail(StanzaError.Condition.resource_constraint, "the link to " + describeRemote() + " has "
                    + limit + " stanzas waiting (gateway.xmpp.limits.queue-per-link)");
            return;
        }
        queue.add(p);
        armDeadline();
        if (state == State.READY) {
            scheduleWrite();
        } else if (state == State.IDLE) {
            connect();
        }
        publish();
    }

    private void connect() {
        state = State.CONNECTING;
        retryTimer = null;
        if (rt.componentMode()) {
            ComponentConnector.open(rt, loop, key.local(), this);
        } else {
            rt.connector.open(loop, key.local(), key.remote(), OutboundS2sHandler.Purpose.LINK, this);
        }
        publish();
    }

    @Override
    public void ready(LinkStream s) {
        if (state == State.STOPPED) {
            s.close();
            return;
        }
        stream = s;
        state = State.READY;
        backoffNanos = 0;
        resolutionFailed = false;
        lastError = "";
        writeQueued();
        publish();
    }

    /**
     * Writing is a loop task of its own, queued behind the tasks already waiting: the stanzas handed over
     * in one burst of tasks share one write and flush (one system call instead of one each).
     */
    private void scheduleWrite() {
        if (!writeScheduled) {
            writeScheduled = true;
            loop.execute(() -> {
                writeScheduled = false;
                if (state == State.READY) {
                    writeQueued();
                }
            });
        }
    }

    private void writeQueued() {
        if (queue.isEmpty()) {
            return;
        }
        boolean acks = rt.settings.acks() == XmppSettings.AckMode.PING;
        Pending p;
        while ((p = queue.poll()) != null) {
            if (p.written) {
                rt.counters.resent.increment();
            }
            p.written = true;
            stream.writeStanza(p.xml);
            stanzasOut++;
            rt.counters.stanzasOut.increment();
            if (acks && !p.internal) {
                unacked.add(p);
            } else {
                p.sent();
            }
        }
        stream.flush();
        probeSoon();
    }

    /** The next probe, after {@code timeouts.ack-delay} so that it confirms a whole burst. */
    private void probeSoon() {
        long delay = rt.settings.timeouts().ackDelay().toNanos();
        if (delay == 0) {
            probe();
        } else if (probeId == null && probeDelay == null && !unacked.isEmpty()) {
            probeDelay = loop.schedule(() -> {
                probeDelay = null;
                probe();
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** One probe in flight at a time; its answer confirms every stanza written before it. */
    private void probe() {
        if (probeId != null || unacked.isEmpty() || stream == null) {
            return;
        }
        probeId = LinkRegistry.PROBE_PREFIX + rt.newId();
        probeCovers = unacked.size();
        stream.sendProbe(probeId);
        probeTimer = loop.schedule(this::ackTimeout, rt.settings.timeouts().ack().toMillis(), TimeUnit.MILLISECONDS);
    }

    void acknowledged(String id) {
        if (!id.equals(probeId)) {
            return;
        }
        probeTimer.cancel(false);
        for (int i = 0; i < probeCovers; i++) {
            Pending p = unacked.poll();
            if (p != null) {
                p.sent();
            }
        }
        probeId = null;
        probeCovers = 0;
        probeSoon();
        publish();
    }

    private void ackTimeout() {
        lastError = "no acknowledgement from " + describeRemote() + " within " + rt.settings.timeouts().ack().toSeconds() + "s";
        log.warn("{}: closing the link, {} stanzas will be sent again", lastError, unacked.size());
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public void failed(ConnectFailure f) {
        stream = null;
        lastError = f.detail();
        resolutionFailed = f.resolution();
        if (state == State.STOPPED) {
            return;
        }
        if (f.definitive()) {
            log.info("link {} -> {}: {}; failing {} stanzas", key.local(), describeRemote(), f.detail(), waiting());
            failAll(StanzaError.Condition.remote_server_not_found, f.detail());
            state = State.IDLE;
            retireIfUnused();
        } else {
            scheduleRetry(Math.max(backoffNanos, rt.settings.timeouts().reconnectMin().toNanos()));
        }
        publish();
    }

    @Override
    public void closed(LinkStream s) {
        if (s != stream) {
            return;
        }
        stream = null;
        if (probeTimer != null) {
            probeTimer.cancel(false);
        }
        if (probeDelay != null) {
            probeDelay.cancel(false);
            probeDelay = null;
        }
        probeId = null;
        probeCovers = 0;
        // Unacknowledged stanzas go out again on the next link, before newer ones, in order.
        while (!unacked.isEmpty()) {
            queue.addFirst(unacked.pollLast());
        }
        if (state == State.STOPPED) {
            failAll(StanzaError.Condition.remote_server_timeout, "the gateway stopped before delivery");
            return;
        }
        if (lastError.isEmpty()) {
            lastError = "link closed";
        }
        state = State.IDLE;
        if (!queue.isEmpty() || persistent) {
            log.info("link {} -> {} closed with {} stanzas unconfirmed; reconnecting", key.local(), describeRemote(), queue.size());
            scheduleRetry(backoffNanos);
        } else {
            retireIfUnused();
        }
        publish();
    }

    @Override
    public void idle(LinkStream s) {
        if (!persistent && queue.isEmpty() && unacked.isEmpty()) {
            s.close();
        }
    }

    private void scheduleRetry(long delayNanos) {
        if (!persistent && queue.isEmpty() && unacked.isEmpty()) {
            state = State.IDLE;
            retireIfUnused();
            return;
        }
        state = State.BACKOFF;
        XmppSettings.Timeouts t = rt.settings.timeouts();
        backoffNanos = Math.min(Math.max(t.reconnectMin().toNanos(), backoffNanos * 2), t.reconnectMax().toNanos());
        retryTimer = loop.schedule(this::connect, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void armDeadline() {
        if (deadlineTimer != null) {
            return;
        }
        Pending oldest = older(unacked.peek(), queue.peek());
        if (oldest != null) {
            long delay = Math.max(0, oldest.deadlineNanos - System.nanoTime());
            deadlineTimer = loop.schedule(this::expire, delay, TimeUnit.NANOSECONDS);
        }
    }

    private static Pending older(Pending a, Pending b) {
        if (a == null) {
            return b;
        }
        return b == null || a.deadlineNanos <= b.deadlineNanos ? a : b;
    }

    private void expire() {
        deadlineTimer = null;
        long now = System.nanoTime();
        StanzaError.Condition c = resolutionFailed ? StanzaError.Condition.remote_server_not_found
                : StanzaError.Condition.remote_server_timeout;
        String detail = "not delivered within " + rt.settings.timeouts().delivery().toSeconds() + "s"
                + (lastError.isEmpty() ? "" : ": " + lastError);
        int expired = 0;
        while (!unacked.isEmpty() && unacked.peek().deadlineNanos <= now) {
            unacked.poll().fail(c, detail);
            probeCovers = Math.max(0, probeCovers - 1);
            expired++;
        }
        while (!queue.isEmpty() && queue.peek().deadlineNanos <= now) {
            queue.poll().fail(c, detail);
            expired++;
        }
        if (expired > 0) {
            log.info("link {} -> {}: {} stanzas {}", key.local(), describeRemote(), expired, detail);
        }
        armDeadline();
        publish();
    }

    /** An idle link with no stream and nothing waiting leaves the registry (see LinkRegistry#retire). */
    private void retireIfUnused() {
        if (!persistent && state == State.IDLE && stream == null && queue.isEmpty() && unacked.isEmpty()) {
            state = State.RETIRED;
            rt.links.retire(this);
        }
    }

    /** Fails what is left and closes the stream (adapter stop, after the grace time). */
    void stop() {
        state = State.STOPPED;
        for (ScheduledFuture<?> t : new ScheduledFuture<?>[] {retryTimer, deadlineTimer, probeTimer, probeDelay}) {
            if (t != null) {
                t.cancel(false);
            }
        }
        failAll(StanzaError.Condition.remote_server_timeout, "the gateway stopped before delivery");
        if (stream != null) {
            stream.close();
        }
        publish();
    }

    private void failAll(StanzaError.Condition c, String detail) {
        Pending p;
        while ((p = unacked.poll()) != null) {
            p.fail(c, detail);
        }
        while ((p = queue.poll()) != null) {
            p.fail(c, detail);
        }
        probeId = null;
        probeCovers = 0;
    }

    private int waiting() {
        return queue.size() + unacked.size();
    }

    private String describeRemote() {
        return key.remote().isEmpty() ? "the XMPP server" : key.remote();
    }

    private void publish() {
        LinkStream s = stream;
        snapshot = new LinkInfo(rt.componentMode() ? "component" : "out", key.local(),
                key.remote().isEmpty() ? String.valueOf(rt.settings.componentServer()) : key.remote(), state.name(),
                s == null ? "" : s.auth(), s == null ? "none" : s.tlsState(), 0, stanzasOut, waiting(), lastError);
    }

    /** Snapshot for JMX, any thread. */
    LinkInfo info() {
        return snapshot;
    }
}
