package org.stoxgw.core.messages;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipTransport;

/** An inbound request as the SIP adapter hands it over; records the one final answer. */
final class FakeInboundRequest implements InboundSipRequest {
    private final SipRequest request;
    private final String peer;
    private final CompletableFuture<SipResponse> answer = new CompletableFuture<>();
    private int answers;

    FakeInboundRequest(SipRequest request) {
        this(request, "udp 192.0.2.9:5060");
    }

    /** With another source ({@code transport host:port}), e.g. for per-peer limits. */
    FakeInboundRequest(SipRequest request, String peer) {
        this.request = request;
        this.peer = peer;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public String peer() {
        return peer;
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
        return "local1";
    }

    @Override
    public synchronized CompletionStage<Void> respond(SipResponse response) {
        answers++;
        if (answers > 1) {
            throw new AssertionError("answered twice: " + response.status());
        }
        answer.complete(response);
        return CompletableFuture.completedFuture(null);
    }

    /** The final answer, waiting up to 10 s. */
    SipResponse answer() {
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer to " + request.callId(), e);
        }
    }

    boolean answered() {
        return answer.isDone();
    }
}
