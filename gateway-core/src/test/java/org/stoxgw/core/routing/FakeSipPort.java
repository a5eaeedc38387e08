package org.stoxgw.core.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * A {@link SipPort} for unit tests of area paths: records every request sent; the test completes
 * each one's outcome (from any thread, as the adapter would).
 */
public final class FakeSipPort implements SipPort {
    /** A request the path sent and the outcome the test gives it. */
    public record Sent(SipRequest request, CompletableFuture<SipOutcome> outcome) {
        public void answer(org.stoxgw.mapping.sip.SipResponse response) {
            outcome.complete(new SipOutcome.Response(response));
        }

        public void fail(SipOutcome.Kind kind, String detail) {
            outcome.complete(new SipOutcome.Failure(kind, detail));
        }
    }

    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile SipOutcome autoAnswer;

    /** Answers every request at once with {@code response} and keeps nothing (for measurements). */
    public FakeSipPort answerQuietly(org.stoxgw.mapping.sip.SipResponse response) {
        autoAnswer = new SipOutcome.Response(response);
        return this;
    }

    @Override
    public CompletionStage<SipOutcome> send(SipRequest request) {
        if (autoAnswer != null) {
            return CompletableFuture.completedFuture(autoAnswer);
        }
        Sent s = new Sent(request, new CompletableFuture<>());
        sent.add(s);
        return s.outcome();
    }

    @Override
    public String newTag() {
        return "tag" + ids.incrementAndGet();
    }

    @Override
    public String newCallId() {
        return "call" + ids.incrementAndGet() + "@gw.test";
    }

    /** The next request sent, waiting up to 10 s; fails if none. */
    public Sent next() {
        try {
            Sent s = sent.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no SIP request was sent");
            }
            return s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts that nothing was sent within {@code wait} (for "nothing happens" checks). */
    public void assertNothingSent(Duration wait) {
        try {
            Sent s = sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (s != null) {
                throw new AssertionError("unexpected SIP request: " + s.request());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
