package org.stoxgw.sipadapter;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * The gateway core in adapter tests: records every request the adapter hands over and answers it
 * as the test's policy says (default 200 OK; null = the test answers itself).
 */
public final class RecordingHandler implements SipRequestHandler {
    private final BlockingQueue<InboundSipRequest> received = new LinkedBlockingQueue<>();
    private volatile Function<InboundSipRequest, SipResponse> policy = r -> SipResponse.of(200, "OK");

    void answerWith(Function<InboundSipRequest, SipResponse> p) {
        this.policy = p;
    }

    /** Back to answering 200 with nothing recorded. */
    void reset() {
        policy = r -> SipResponse.of(200, "OK");
        received.clear();
    }

    void manualAnswers() {
        this.policy = r -> null;
    }

    @Override
    public void onRequest(InboundSipRequest request) {
        received.add(request);
        SipResponse r = policy.apply(request);
        if (r != null) {
            request.respond(r);
        }
    }

    /** The next request handed to the core, failing after 10 s. */
    public InboundSipRequest expect() {
        InboundSipRequest r = poll(Duration.ofSeconds(10));
        if (r == null) {
            throw new AssertionError("the core received no request within 10 s");
        }
        return r;
    }

    /** The next request within {@code d}, or null. */
    InboundSipRequest poll(Duration d) {
        try {
            return received.poll(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    boolean isEmpty() {
        return received.isEmpty();
    }
}
