package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.message.SIPResponse;
import io.netty.util.concurrent.EventExecutor;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.RawHeader;
import org.stoxgw.sipadapter.outbound.Target;
import org.stoxgw.sipadapter.outbound.TransactionHook;

/**
 * An outgoing call (UAC, RFC 3261 section 13.2): the INVITE goes out through the adapter's
 * {@code OutboundSender} (next hop, RFC 3263, failover, UDP size); this session creates the dialog
 * on each attempt's transaction, follows the provisional responses, ACKs the 2xx, and CANCELs or
 * BYEs on hangup. JAIN-SIP threads only touch the volatile fields and hop onto the loop.
 */
final class UacSession extends CallSession implements OutgoingCall, TransactionHook {
    private static final Logger log = LoggerFactory.getLogger(UacSession.class);
    private final SipRequest invite;
    private final boolean delayedOffer;
    private volatile ClientTransaction ct;
    private volatile SipProvider provider;
    private boolean provisionalSeen;
    /** Hung up before any provisional response: CANCEL once one arrives (RFC 3261 section 9.1). */
    private boolean cancelPending;
    private boolean cancelled;
    private Optional<SipReason> hangupReason = Optional.empty();
    private SIPResponse answer;
    private boolean acked;
    /** Early dialogs by remote tag (forking, RFC 3261 section 12.1.2), and the last RSeq PRACKed in each. */
    private final java.util.Map<String, Dialog> early = new java.util.HashMap<>();
    private final java.util.Map<String, Long> rseqs = new java.util.HashMap<>();
    /** The last provisional response per remote tag: a retransmission of it (the INVITE was retransmitted) is not news. */
    private final java.util.Map<String, String> lastProvisional = new java.util.HashMap<>();

    UacSession(InviteLayer layer, EventExecutor loop, SipRequest invite, CallListener listener) {
        super(layer, loop, invite.callId(), invite.from().tag().orElseThrow(), SipTransport.UDP);
        this.invite = invite;
        this.delayedOffer = invite.body().isEmpty();
        this.listener = listener;
        if (!delayedOffer) {
            negotiation.lastLocal = invite.body();
        }
    }

    @Override
    boolean ownsCallId() {
        return true;
    }

    @Override
    String fallbackContact() {
        return invite.headers().first("Contact").map(c -> c.replaceAll("^.*<|>.*$", "")).orElse("");
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    /** Sends the INVITE (on the loop). */
    void start() {
        layer.env.outbound().send(invite, this).whenComplete((o, e) -> loop.execute(() -> outcome(o, e)));
    }

    @Override
    public void created(ClientTransaction tx, SipProvider p, Target target) throws SipException {
        Dialog old = dialog;
        if (old != null) {
            // a failover attempt (RFC 3263 section 4.3): the last attempt's dialog never got a response
            old.setApplicationData(null);
            old.delete();
        }
        Dialog d = p.getNewDialog(tx);
        d.setApplicationData(this);
        this.provider = p;
        this.transport = target.transport();
        this.dialog = d;
        this.ct = tx;
    }

    @Override
    public void response(ClientTransaction tx, SIPResponse r, Dialog d) {
        int status = r.getStatusCode();
        if (status == 100 || status >= 300) {
            return; // 100 is hop by hop; failures come as the outcome
        }
        loop.execute(() -> onResponse(r, d));
    }

    /** A 2xx that came without a transaction (after another branch's 2xx ended it): a losing fork. */
    void onStray2xx(SIPResponse r, SipProvider p) {
        if (answer != null && r.getToTag() != null && !r.getToTag().equals(remoteTag)) {
            dropFork(r, null, p);
        }
    }

    private void onResponse(SIPResponse r, Dialog d) {
        String tag = r.getToTag();
        if (state == CallState.TERMINATED) {
            if (r.getStatusCode() / 100 == 2 && (answer == null || !java.util.Objects.equals(tag, remoteTag))) {
                dropFork(r, d, provider); // a 2xx after we gave up: ACK and BYE it
            }
            return;
        }
        if (d != null && tag != null && d.getApplicationData() == null) {
            d.setApplicationData(this); // JAIN-SIP made a dialog for another branch (forking)
        }
        if (r.getStatusCode() < 200) {
            provisionalSeen = true;
            if (tag != null) {
                early.putIfAbsent(tag, d != null ? d : dialog);
                if (state == CallState.CALLING) {
                    state = CallState.EARLY;
                    remoteTag = tag;
                }
                if (!prack(r, early.get(tag), tag)) {
                    return; // a retransmission of a reliable provisional response
                }
                String seen = r.getStatusCode() + " " + java.util.Arrays.hashCode(r.getRawContent()) + " "
                        + (r.getHeader("RSeq") == null ? "" : r.getHeader("RSeq").toString());
                if (seen.equals(lastProvisional.put(tag, seen)) && !cancelPending) {
                    return; // RFC 3261 section 17.2.1: the UAS resends its last provisional for a retransmitted INVITE
                }
            }
            if (cancelPending) {
                cancelPending = false;
                sendCancel();
                return;
            }
            if (r.getRawContent() != null && r.getRawContent().length > 0 && tag != null
                    && tag.equals(remoteTag)) {
                negotiation.lastRemote = NeutralMessages.response(r).body(); // MEDIA-24: an early answer
            }
            if (!cancelled) {
                SipResponse neutral = NeutralMessages.response(r);
                fire(l -> l.onProvisional(this, neutral));
            }
            return;
        }
        if (answer != null) {
            if (tag != null && !tag.equals(remoteTag)) {
                dropFork(r, d, provider); // MEDIA-34, MEDIA-35: one 2xx goes up, the others are ended
            }
            return; // else a retransmission of the 2xx reached the transaction
        }
        answer = r;
        remoteTag = tag;
        if (d != null && d != dialog) {
            dialog = d; // another branch than the first early dialog won
        }
        for (Dialog other : early.values()) {
            if (other != null && other != dialog) {
                other.setApplicationData(null);
                other.delete();
            }
        }
        early.clear();
        state = CallState.CONFIRMED;
        SipResponse okNeutral = NeutralMessages.response(r);
        if (!okNeutral.body().isEmpty()) {
            negotiation.lastRemote = okNeutral.body();
        }
        timer.uacAnswered(okNeutral);
        if (cancelled || cancelPending) {
            // the 2xx crossed our CANCEL (RFC 3261 section 9.1): the call is up, so ACK and BYE it
            cancelPending = false;
            sendAck(SipBody.EMPTY);
            sendBye(hangupReason);
            return;
        }
        if (!delayedOffer) {
            sendAck(SipBody.EMPTY);
        }
        fire(l -> l.onAnswered(this, okNeutral));
    }

    /**
     * RFC 3262 section 4: a reliable provisional response (Require: 100rel, RSeq) gets a PRACK in its
     * early dialog; a retransmission of one already PRACKed returns false (not surfaced again).
     */
    private boolean prack(SIPResponse r, Dialog d, String tag) {
        javax.sip.header.RSeqHeader rseq = (javax.sip.header.RSeqHeader) r.getHeader("RSeq");
        if (rseq == null || !SessionTimer.hasToken(NeutralMessages.response(r).headers(), "Require", "100rel") || d == null) {
            return true;
        }
        Long last = rseqs.get(tag);
        if (last != null && rseq.getSequenceNumber() <= last) {
            return false;
        }
        rseqs.put(tag, (long) rseq.getSequenceNumber());
        try {
            Request prack = d.createPrack(r);
            layer.sends.request(this, d, prack).whenComplete((resp, e) -> {
                if (e != null || resp.getStatusCode() >= 300) {
                    log.debug("call {}: PRACK failed: {}", id(), e != null ? e.toString() : resp.getStatusCode());
                }
            });
        } catch (SipException e) {
            log.warn("call {}: PRACK not built: {}", id(), e.toString());
        }
        return true;
    }

    /**
     * A 2xx of a branch that did not win (forking, or after we gave up): ACK it and BYE it (RFC
     * 3261 section 13.2.2.4), never surfaced. Through its JAIN-SIP dialog when there is one, else
     * built from the response (Contact as Request-URI, the reversed Record-Route as route set).
     */
    private void dropFork(SIPResponse r, Dialog d, SipProvider p) {
        log.debug("call {}: 2xx from branch {} not taken: ACK and BYE", id(), r.getToTag());
        try {
            if (d != null && d.getState() != javax.sip.DialogState.TERMINATED) {
                d.setApplicationData(null);
                layer.sends.ack(this, d, d.createAck(r.getCSeq().getSeqNumber()));
                layer.sends.request(this, d, d.createRequest(Request.BYE));
                return;
            }
            if (p == null) {
                return;
            }
            layer.sends.outOfDialog(this, p, ForkRequests.of(r, Request.ACK, layer.env.wire()));
            layer.sends.outOfDialog(this, p, ForkRequests.of(r, Request.BYE, layer.env.wire()));
        } catch (SipException | java.text.ParseException | javax.sip.InvalidArgumentException e) {
            log.debug("call {}: losing branch {} not ended: {}", id(), r.getToTag(), e.toString());
        }
    }

    private void outcome(SipOutcome o, Throwable e) {
        if (state == CallState.TERMINATED) {
            return;
        }
        if (e != null) {
            end(new CallEnd(CallEnd.Cause.LOCAL_FAILURE, 500, "internal error: " + e, Optional.empty()));
        } else if (o instanceof SipOutcome.Response resp) {
            SipResponse r = resp.response();
            if (r.isSuccess()) {
                return; // handled by the hook, which saw it first
            }
            CallEnd.Cause cause = cancelled && r.status() == 487 ? CallEnd.Cause.LOCAL_CANCEL : CallEnd.Cause.REJECTED;
            end(new CallEnd(cause, r.status(), r.reason(), cancelled && cause == CallEnd.Cause.LOCAL_CANCEL
                    ? hangupReason : reasonOf(r)));
        } else if (o instanceof SipOutcome.Failure f) {
            CallEnd.Cause cause = switch (f.kind()) {
                case TIMEOUT -> CallEnd.Cause.TIMEOUT;
                case TRANSPORT, UNRESOLVABLE, TOO_LARGE -> CallEnd.Cause.TRANSPORT;
                case REFUSED -> CallEnd.Cause.LOCAL_FAILURE;
            };
            int status = switch (f.kind()) {
                case TIMEOUT -> 408;
                case UNRESOLVABLE -> 404;
                case TOO_LARGE -> 513;
                case TRANSPORT, REFUSED -> 503;
            };
            end(new CallEnd(cause, status, f.detail(), Optional.empty()));
        }
    }

    @Override
    public void ack(SipBody body) {
        checkLoop();
        if (!delayedOffer) {
            throw new IllegalStateException("the INVITE of call " + id() + " carried an offer: the layer ACKs itself");
        }
        if (answer == null || acked) {
            throw new IllegalStateException("call " + id() + " has no 2xx to acknowledge");
        }
        sendAck(body);
    }

    private void sendAck(SipBody body) {
        if (acked) {
            return;
        }
        acked = true;
        if (!body.isEmpty()) {
            negotiation.lastLocal = body;
        }
        ackFor(answer, body);
    }

    @Override
    public void hangup(Optional<SipReason> reason) {
        checkLoop();
        if (state == CallState.TERMINATED || cancelled || byeSent) {
            return;
        }
        hangupReason = reason;
        if (state == CallState.CONFIRMED) {
            if (!acked) {
                sendAck(SipBody.EMPTY); // a 2xx must be ACKed before the BYE (RFC 3261 section 13.2.2.4)
            }
            sendBye(reason);
        } else if (provisionalSeen) {
            sendCancel();
        } else {
            cancelled = true;
            cancelPending = true;
        }
    }

    private void sendCancel() {
        cancelled = true;
        ClientTransaction tx = ct;
        if (tx == null) {
            return; // not sent yet: the outcome ends the call
        }
        try {
            Request cancel = tx.createCancel();
            if (hangupReason.isPresent()) {
                cancel.addHeader(RawHeader.of("Reason", hangupReason.get().headerValue()));
            }
            layer.sends.cancel(this, provider, cancel, ((gov.nist.javax.sip.message.SIPRequest) tx.getRequest())
                    .getApplicationData(), transport);
        } catch (SipException e) {
            log.warn("call {}: CANCEL not built: {}", id(), e.toString());
        }
    }

    @Override
    void shutdown() {
        if (state == CallState.CONFIRMED) {
            sendBye(Optional.of(SipReason.sip(503, "gateway shutting down")));
        } else if (provisionalSeen) {
            hangupReason = Optional.of(SipReason.sip(503, "gateway shutting down"));
            sendCancel();
        }
        end(new CallEnd(CallEnd.Cause.LOCAL_FAILURE, 503, "the SIP adapter stopped", Optional.empty()));
    }
}
