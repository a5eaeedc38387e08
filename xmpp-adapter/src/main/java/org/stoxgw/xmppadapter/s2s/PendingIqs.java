package org.stoxgw.xmppadapter.s2s;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.stoxgw.xmppadapter.IqOutcome;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * The IQ requests the gateway sent and still waits an answer for, by stanza id. A response is taken
 * as the answer only when its id matches and it comes from the entity the request went to
 * (RFC 6120 §8.2.3: the response's 'from' is the request's 'to'; a request to a bare JID may be
 * answered by a full JID of that account): an id seen on a stanza from anywhere else is not an
 * answer, so no other domain can complete or cancel a call's IQ. Each request completes exactly
 * once: with the response, with the delivery failure, or with {@code remote-server-timeout} when its
 * timer fires first.
 *
 * <p>Limits: at most {@code max} requests wait at once; beyond, a request fails at once with
 * {@code resource-constraint}. Thread-safe: responses arrive on stream loops, timers run on the loop
 * given per request, outcomes complete on whichever thread ends the wait.
 */
final class PendingIqs {
    private final ConcurrentHashMap<String, Entry> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;
    /** Requests that got no response in time. */
    final LongAdder timeouts = new LongAdder();
    /** Results and errors that matched a waiting request. */
    final LongAdder answered = new LongAdder();

    PendingIqs(int max) {
        this.max = max;
    }

    private static final class Entry {
        final Jid to;
        final CompletableFuture<IqOutcome> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;

        Entry(Jid to) {
            this.to = to;
        }
    }

    /**
     * Registers {@code request} before it is written, so that even an immediate answer finds it.
     *
     * @return the outcome stage, already failed when the id is missing or in use or the table is full
     */
    CompletionStage<IqOutcome> register(IQ request, Duration timeout, EventExecutor timerLoop) {
        String id = request.getStanzaId();
        if (id == null || id.isEmpty()) {
            return failed(StanzaError.Condition.bad_request, "an IQ request needs an id (RFC 6120 §8.1.3)");
        }
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return failed(StanzaError.Condition.resource_constraint,
                    max + " IQ requests already wait for answers (gateway.xmpp.limits.pending-iqs)");
        }
        Entry e = new Entry(request.getTo());
        if (waiting.putIfAbsent(id, e) != null) {
            size.decrementAndGet();
            return failed(StanzaError.Condition.conflict, "an IQ with id " + id + " already waits for its answer");
        }
        e.timer = timerLoop.schedule(() -> {
            if (remove(id, e)) {
                timeouts.increment();
                e.future.complete(new IqOutcome.Failed(StanzaError.Condition.remote_server_timeout,
                        "no answer from " + e.to + " within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return e.future;
    }

    /** Ends the wait of {@code id} with the send's failure (a send that went out changes nothing). */
    void sent(String id, XmppOutcome outcome) {
        if (outcome instanceof XmppOutcome.Failed f) {
            Entry e = waiting.get(id);
            if (e != null && remove(id, e)) {
                e.future.complete(new IqOutcome.Failed(f.condition(), f.detail()));
            }
        }
    }

    /**
     * Completes the request that {@code response} (a result or error) answers.
     *
     * @return false when it answers none of ours: the caller hands it on as any other stanza
     */
    boolean answer(IQ response) {
        String id = response.getStanzaId();
        Entry e = id == null ? null : waiting.get(id);
        if (e == null || !answersFrom(e.to, response.getFrom()) || !remove(id, e)) {
            return false;
        }
        answered.increment();
        e.future.complete(response.getType() == IQ.Type.error
                ? new IqOutcome.Error(response, response.getError())
                : new IqOutcome.Result(response));
        return true;
    }

    /** Requests waiting now. */
    int size() {
        return size.get();
    }

    /** Fails every waiting request (adapter stop). */
    void failAll(String detail) {
        waiting.forEach((id, e) -> {
            if (remove(id, e)) {
                e.future.complete(new IqOutcome.Failed(StanzaError.Condition.remote_server_timeout, detail));
            }
        });
    }

    private boolean remove(String id, Entry e) {
        if (!waiting.remove(id, e)) {
            return false;
        }
        size.decrementAndGet();
        ScheduledFuture<?> t = e.timer;
        if (t != null) {
            t.cancel(false);
        }
        return true;
    }

    /** RFC 6120 §8.2.3 and §10.3.3: the addressee answers, or the full JID of a bare addressee. */
    static boolean answersFrom(Jid to, Jid from) {
        if (to == null || from == null) {
            return false;
        }
        return from.equals(to) || to.isEntityBareJid() && from.isEntityFullJid() && from.asBareJid().equals(to);
    }

    private static CompletionStage<IqOutcome> failed(StanzaError.Condition c, String detail) {
        return CompletableFuture.completedFuture(new IqOutcome.Failed(c, detail));
    }
}
