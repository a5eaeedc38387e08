package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipTransport;

/** A request as the SIP adapter hands it to the core; the core's final response is kept. */
final class FakeInbound implements InboundSipRequest {
    private final SipRequest request;
    private final String localTag;
    private final CompletableFuture<SipResponse> response = new CompletableFuture<>();

    FakeInbound(SipRequest request, String localTag) {
        this.request = request;
        this.localTag = request.to().tag().orElse(localTag);
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public String peer() {
        return "udp 192.0.2.7:5060";
    }

    @Override
    public SipTransport transport() {
        return SipTransport.UDP;
    }

    @Override
    public String trustedPeer() {
        return "test";
    }

    @Override
    public String localTag() {
        return localTag;
    }

    @Override
    public CompletionStage<Void> respond(SipResponse r) {
        if (r.isFinal()) {
            response.complete(r);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The final response (waits up to 10 s). */
    SipResponse response() {
        try {
            SipResponse r = response.get(10, TimeUnit.SECONDS);
            assertNotNull(r);
            return r;
        } catch (Exception e) {
            throw new AssertionError("no response to " + request.method(), e);
        }
    }

    int status() {
        return response().status();
    }
}
