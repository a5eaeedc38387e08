package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoxgw.core.routing.SipPort;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipOutcome;

/** The SIP adapter as a test sees it: every request the core sends waits for the test's answer. */
final class FakeSip implements SipPort {
    /** One request the core sent and the means to answer it. */
    record Sent(SipRequest request, CompletableFuture<SipOutcome> outcome) {
        void answer(int status, String... headers) {
            outcome.complete(new SipOutcome.Response(new SipResponse(status, "R" + status, SipHeaders.of(headers), SipBody.EMPTY)));
        }

        void fail(SipOutcome.Kind kind) {
            outcome.complete(new SipOutcome.Failure(kind, "test"));
        }

        String header(String name) {
            return request.headers().first(name).orElse(null);
        }

        String method() {
            return request.method();
        }
    }

    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public CompletionStage<SipOutcome> send(SipRequest request) {
        Sent s = new Sent(request, new CompletableFuture<>());
        sent.add(s);
        return s.outcome();
    }

    @Override
    public String newTag() {
        return "gwtag" + ids.incrementAndGet();
    }

    @Override
    public String newCallId() {
        return "call-" + ids.incrementAndGet() + "@gw";
    }

    /** The next request the core sent (waits up to 10 s). */
    Sent next() {
        try {
            Sent s = sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the gateway sent no SIP request");
            return s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next request, which must have this method. */
    Sent next(String method) {
        Sent s = next();
        if (!s.method().equals(method)) {
            throw new AssertionError("expected " + method + " but the gateway sent " + s.request());
        }
        return s;
    }

    /** Asserts that nothing was sent within {@code ms}. */
    void none(long ms) {
        try {
            Sent s = sent.poll(ms, TimeUnit.MILLISECONDS);
            assertNull(s, () -> "unexpected SIP request: " + s.request());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
