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

    UacSession(InviteLayer layer, EventExecutor loop, SipRequest invite, CallListener listener) {
        super(layer, loop, invite.callId(), invite.from().tag().orElseThrow(), SipTransport.UDP);
        this.invite = invite;
        this.delayedOffer = invite.body().isEmpty();
        this.listener = listener;
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
    public void response(ClientTransaction tx, SIPResponse r) {
        int status = r.getStatusCode();
        if (status == 100 || status >= 300) {
            return; // 100 is hop by hop; failures come as the outcome
        }
        loop.execute(() -> onResponse(r));
    }

    private void onResponse(SIPResponse r) {
        if (state == CallState.TERMINATED) {
            return;
        }
        String tag = r.getToTag();
        if (r.getStatusCode() < 200) {
            provisionalSeen = true;
            if (tag != null && state == CallState.CALLING) {
                state = CallState.EARLY;
                remoteTag = tag;
            }
            if (cancelPending) {
                cancelPending = false;
                sendCancel();
                return;
            }
            if (!cancelled) {
                SipResponse neutral = NeutralMessages.response(r);
                fire(l -> l.onProvisional(this, neutral));
            }
            return;
        }
        if (answer != null) {
            return; // a retransmission of the 2xx reached the transaction
        }
        answer = r;
        remoteTag = tag;
        state = CallState.CONFIRMED;
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
        SipResponse neutral = NeutralMessages.response(r);
        fire(l -> l.onAnswered(this, neutral));
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
        try {
            Request ack = dialog.createAck(answer.getCSeq().getSeqNumber());
            if (!body.isEmpty()) {
                ack.setContent(body.content(), layer.env.wire().contentType(body.contentType()));
            }
            layer.sends.ack(this, dialog, ack);
        } catch (SipException | java.text.ParseException | javax.sip.InvalidArgumentException e) {
            log.warn("call {}: ACK not built: {}", id(), e.toString());
        }
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
