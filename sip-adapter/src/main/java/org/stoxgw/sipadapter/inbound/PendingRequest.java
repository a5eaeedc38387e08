package org.stoxgw.sipadapter.inbound;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.ServerTransaction;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipTransport;

/** A request handed to the core and not yet answered finally. Thread-safe. */
final class PendingRequest implements InboundSipRequest {
    final SIPRequest wire;
    final ServerTransaction transaction;
    final long deadlineNanos;
    final AtomicBoolean answered = new AtomicBoolean();
    private final InboundRequests owner;
    private final SipRequest request;
    private final String peer;
    private final SipTransport transport;
    private final String trustedPeer;
    private final String localTag;

    PendingRequest(InboundRequests owner, SIPRequest wire, ServerTransaction transaction, SipRequest request, String peer,
                   SipTransport transport, String trustedPeer, String localTag, long deadlineNanos) {
        this.owner = owner;
        this.wire = wire;
        this.transaction = transaction;
        this.request = request;
        this.peer = peer;
        this.transport = transport;
        this.trustedPeer = trustedPeer;
        this.localTag = localTag;
        this.deadlineNanos = deadlineNanos;
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
        return transport;
    }

    @Override
    public String trustedPeer() {
        return trustedPeer;
    }

    @Override
    public String localTag() {
        return localTag;
    }

    @Override
    public CompletionStage<Void> respond(SipResponse response) {
        return owner.respond(this, response);
    }

    @Override
    public String toString() {
        return request.method() + " " + request.requestUri() + " from " + peer;
    }
}
