package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.util.concurrent.EventExecutor;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.RawHeader;

/**
 * What a UAC and a UAS call share: identity, state, the JAIN-SIP dialog, requests inside the
 * dialog (BYE both ways), the end. Fields are touched on {@link #loop} only, except those marked
 * volatile (set by JAIN-SIP threads before the call's first event).
 */
abstract class CallSession implements Call {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);
    final InviteLayer layer;
    final EventExecutor loop;
    final String callId;
    final String localTag;
    CallListener listener;
    CallState state = CallState.CALLING;
    volatile Dialog dialog;
    volatile SipTransport transport;
    String remoteTag;
    /** BYE sent, waiting for its answer. */
    boolean byeSent;
    /** The tail of this call's sends that may block (see {@link DialogSends#run}). */
    CompletableFuture<Void> sendChain = CompletableFuture.completedFuture(null);
    /** Offers and answers after the first exchange. */
    final Negotiation negotiation = new Negotiation(this);
    /** RFC 4028 session timer. */
    final SessionTimer timer;

    CallSession(InviteLayer layer, EventExecutor loop, String callId, String localTag, SipTransport transport) {
        this.layer = layer;
        this.loop = loop;
        this.callId = callId;
        this.localTag = localTag;
        this.transport = transport;
        this.timer = new SessionTimer(this, layer.env.settings());
    }

    /** Whether this side made the Call-ID (the UAC of the initial INVITE; RFC 3261 section 14.1 glare waits). */
    abstract boolean ownsCallId();

    /** Our Contact URI in this dialog (the one the initial INVITE or its answer carried). */
    String contact() {
        Dialog d = dialog;
        javax.sip.header.ContactHeader c = d instanceof gov.nist.javax.sip.stack.SIPDialog sd ? sd.getMyContactHeader() : null;
        return c != null ? c.getAddress().getURI().toString() : fallbackContact();
    }

    /** Our Contact when the dialog does not know it yet. */
    abstract String fallbackContact();

    @Override
    public java.util.concurrent.CompletionStage<SipResponse> reinvite(org.stoxgw.mapping.sip.SipBody offer) {
        return negotiation.send(Request.INVITE, java.util.Objects.requireNonNull(offer, "offer"), false);
    }

    @Override
    public java.util.concurrent.CompletionStage<SipResponse> update(org.stoxgw.mapping.sip.SipBody offer) {
        return negotiation.send(Request.UPDATE, java.util.Objects.requireNonNull(offer, "offer"), false);
    }

    @Override
    public java.util.concurrent.CompletionStage<SipResponse> info(org.stoxgw.mapping.sip.SipBody body,
                                                                  org.stoxgw.mapping.sip.SipHeaders headers) {
        checkLoop();
        if (state == CallState.TERMINATED || state == CallState.CALLING || byeSent || dialog == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("INFO on call " + id() + ": no dialog"));
        }
        Request r;
        try {
            r = dialog.createRequest(Request.INFO);
            for (org.stoxgw.mapping.sip.SipHeaders.Field f : headers.fields()) {
                r.addHeader(layer.env.wire().header(f.name(), f.value()));
            }
            if (!body.isEmpty()) {
                r.setContent(body.content(), layer.env.wire().contentType(body.contentType()));
            }
        } catch (javax.sip.SipException | ParseException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        layer.sends.request(this, dialog, r).whenComplete((resp, err) -> loop.execute(() -> {
            if (err != null) {
                result.completeExceptionally(err);
            } else {
                result.complete(NeutralMessages.response(resp));
            }
        }));
        return result;
    }

    /** Sends the ACK of a 2xx to an INVITE of ours (the initial one or a re-INVITE) in this dialog. */
    void ackFor(SIPResponse ok, org.stoxgw.mapping.sip.SipBody body) {
        try {
            Request ack = dialog.createAck(ok.getCSeq().getSeqNumber());
            if (body != null && !body.isEmpty()) {
                ack.setContent(body.content(), layer.env.wire().contentType(body.contentType()));
            }
            layer.sends.ack(this, dialog, ack);
        } catch (javax.sip.SipException | ParseException | javax.sip.InvalidArgumentException e) {
            log.warn("call {}: ACK not built: {}", id(), e.toString());
        }
    }

    /** An ACK inside the dialog: of our 2xx to a re-INVITE (nothing to do) or to the initial INVITE (UAS). */
    void onAck(SIPRequest ack) {
        // the ACK of a 2xx to the peer's re-INVITE completes nothing of ours (answers went in the 2xx)
    }

    @Override
    public String id() {
        return callId + ";" + localTag;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String localTag() {
        return localTag;
    }

    @Override
    public Optional<String> remoteTag() {
        return Optional.ofNullable(remoteTag);
    }

    @Override
    public EventExecutor loop() {
        return loop;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Optional<org.stoxgw.mapping.sip.SipBody> remoteSdp() {
        return Optional.ofNullable(negotiation.lastRemote);
    }

    @Override
    public Optional<org.stoxgw.mapping.sip.SipBody> localSdp() {
        return Optional.ofNullable(negotiation.lastLocal);
    }

    @Override
    public SipTransport transport() {
        return transport;
    }

    void checkLoop() {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("call " + id() + " must be used on its loop");
        }
    }

    /** Tells the listener, later on the loop (never inside a method of the call). */
    void fire(java.util.function.Consumer<CallListener> event) {
        CallListener l = listener;
        if (l == null) {
            log.warn("call {}: event without a listener dropped", id());
            return;
        }
        loop.execute(() -> {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("call {}: the listener failed", id(), e);
            }
        });
    }

    /** Ends the call once: out of the table, counted, {@link CallListener#onEnded} after every earlier event. */
    void end(CallEnd e) {
        if (state == CallState.TERMINATED) {
            return;
        }
        state = CallState.TERMINATED;
        timer.stop();
        layer.ended(this, e);
        CallListener l = listener;
        if (l != null) {
            loop.execute(() -> {
                try {
                    l.onEnded(this, e);
                } catch (RuntimeException ex) {
                    log.warn("call {}: the listener failed on its end", id(), ex);
                }
            });
        }
    }

    /** A request inside this call's dialog (not ACK or CANCEL), on the loop. */
    void onRequest(SIPRequest r, ServerTransaction st) {
        switch (r.getMethod()) {
            case Request.BYE -> {
                respond(st, r, 200, "OK");
                end(new CallEnd(CallEnd.Cause.REMOTE_BYE, 200, "BYE", reasonOf(r)));
            }
            case Request.INVITE, Request.UPDATE -> negotiation.onOffer(r, st);
            case Request.INFO -> onInfo(r, st);
            case Request.PRACK -> onPrack(r, st);
            default -> respond(st, r, 501, "Not Implemented");
        }
    }

    /** A PRACK (RFC 3262): only an incoming call sends reliable provisionals. */
    void onPrack(SIPRequest r, ServerTransaction st) {
        respond(st, r, 481, "Call/Transaction Does Not Exist");
    }

    private void onInfo(SIPRequest r, ServerTransaction st) {
        org.stoxgw.mapping.sip.SipRequest neutral = NeutralMessages.request(r);
        boolean[] answered = new boolean[1];
        InfoRequest info = new InfoRequest() {
            @Override
            public org.stoxgw.mapping.sip.SipRequest request() {
                return neutral;
            }

            @Override
            public void respond(int status, String reasonPhrase) {
                checkLoop();
                if (answered[0]) {
                    throw new IllegalStateException("INFO of call " + id() + " was already answered");
                }
                answered[0] = true;
                CallSession.this.respond(st, r, status, reasonPhrase);
            }
        };
        if (listener == null) {
            info.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        fire(l -> l.onInfo(this, info));
    }

    /** A request of ours inside the dialog has timed out or failed to leave: the dialog is gone (RFC 3261 section 12.2.1.2). */
    void inDialogFailure(String method, Throwable e) {
        log.debug("call {}: {} failed: {}", id(), method, e.toString());
    }

    /** Sends BYE (RFC 3261 section 15.1.1); the call ends when it is answered or fails. */
    void sendBye(Optional<SipReason> reason) {
        if (byeSent || state == CallState.TERMINATED || dialog == null) {
            return;
        }
        byeSent = true;
        Request bye;
        try {
            bye = dialog.createRequest(Request.BYE);
            if (reason.isPresent()) {
                bye.addHeader(RawHeader.of("Reason", reason.get().headerValue()));
            }
        } catch (javax.sip.SipException e) {
            end(new CallEnd(CallEnd.Cause.LOCAL_BYE, 500, "BYE not sent: " + e.getMessage(), reason));
            return;
        }
        layer.sends.request(this, dialog, bye).whenComplete((resp, err) -> loop.execute(() -> {
            if (err != null) {
                end(new CallEnd(CallEnd.Cause.LOCAL_BYE, 408, "BYE unanswered: " + err.getMessage(), reason));
            } else {
                end(new CallEnd(CallEnd.Cause.LOCAL_BYE, resp.getStatusCode(), "BYE answered " + resp.getStatusCode(), reason));
            }
        }));
    }

    void respond(ServerTransaction st, SIPRequest r, int status, String phrase) {
        try {
            SIPResponse resp = layer.env.wire().response(r, SipResponse.of(status, phrase), localTag);
            layer.sends.respond(this, st, resp);
        } catch (ParseException e) {
            log.warn("call {}: {} not built: {}", id(), status, e.toString());
        }
    }

    static Optional<SipReason> reasonOf(SIPRequest r) {
        return NeutralMessages.request(r).headers().first("Reason").flatMap(SipReason::parse);
    }

    static Optional<SipReason> reasonOf(SipResponse r) {
        return r.headers().first("Reason").flatMap(SipReason::parse);
    }

    /** The adapter stops: end the call as well as can be done at once. */
    abstract void shutdown();
}
