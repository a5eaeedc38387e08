package org.stoxgw.sipadapter.invite;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * The gateway core of an INVITE test: takes every incoming call and records every call event in
 * one queue, in order, for the test thread to assert on. Runs the test's calls into the calls'
 * loops ({@link #on}).
 */
public final class CallRecorder implements InviteListener, CallListener {
    /** One event: its kind, the call, and the response / body / end it carried. */
    public record Event(String kind, Call call, SipResponse response, SipBody body, CallEnd end, Renegotiation renegotiation,
                        InfoRequest info) {
        Event(String kind, Call call, SipResponse response, SipBody body, CallEnd end) {
            this(kind, call, response, body, end, null, null);
        }
    }

    private final BlockingQueue<IncomingCall> incoming = new LinkedBlockingQueue<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onIncoming(IncomingCall call) {
        call.listen(this);
        incoming.add(call);
    }

    @Override
    public void onProvisional(Call call, SipResponse response) {
        events.add(new Event("provisional", call, response, response.body(), null));
    }

    @Override
    public void onAnswered(Call call, SipResponse response) {
        events.add(new Event("answered", call, response, response.body(), null));
    }

    @Override
    public void onConfirmed(Call call, SipBody ackBody) {
        events.add(new Event("confirmed", call, null, ackBody, null));
    }

    @Override
    public void onOffer(Call call, Renegotiation offer) {
        events.add(new Event("offer", call, null, offer.request().body(), null, offer, null));
    }

    @Override
    public void onInfo(Call call, InfoRequest info) {
        events.add(new Event("info", call, null, info.request().body(), null, null, info));
    }

    @Override
    public void onEnded(Call call, CallEnd end) {
        events.add(new Event("ended", call, null, null, end));
    }

    /** Forgets what earlier tests left behind (late events of their calls). */
    public void clear() {
        incoming.clear();
        events.clear();
    }

    /** The next incoming call, failing after 10 s. */
    public IncomingCall nextCall() {
        return poll(incoming, "an incoming call");
    }

    /** The next event, which must be of {@code kind}. */
    public Event next(String kind) {
        Event e = poll(events, "a call event (" + kind + ")");
        if (!e.kind().equals(kind)) {
            throw new AssertionError("expected " + kind + " but got " + e.kind() + " " + e);
        }
        return e;
    }

    /** The next event of {@code kind}, skipping provisional responses before it (a phone that rings first). */
    public Event nextAfterProvisionals(String kind) {
        while (true) {
            Event e = poll(events, "a call event (" + kind + ")");
            if (e.kind().equals(kind)) {
                return e;
            }
            if (!e.kind().equals("provisional")) {
                throw new AssertionError("expected " + kind + " but got " + e.kind() + " " + e);
            }
        }
    }

    /** Whether no event arrives within {@code d}. */
    public boolean quiet(Duration d) throws InterruptedException {
        Event e = events.poll(d.toMillis(), TimeUnit.MILLISECONDS);
        if (e != null) {
            events.add(e);
        }
        return e == null;
    }

    /** Runs {@code action} on {@code call}'s loop and waits for it. */
    public static void on(Call call, Runnable action) {
        try {
            call.loop().submit(action).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("action on the call's loop failed: " + e, e);
        }
    }

    /** Starts {@code action} (a call method returning a stage) on {@code call}'s loop; the stage as a future. */
    public static <T> java.util.concurrent.CompletableFuture<T> stage(Call call,
            java.util.function.Supplier<java.util.concurrent.CompletionStage<T>> action) {
        java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
        on(call, () -> action.get().whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(r);
            }
        }));
        return done;
    }

    private static <T> T poll(BlockingQueue<T> q, String what) {
        try {
            T t = q.poll(10, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within 10 s");
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
