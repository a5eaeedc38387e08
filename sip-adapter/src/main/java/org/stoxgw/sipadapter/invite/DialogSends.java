package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import io.netty.util.NetUtil;
import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.sipadapter.NextHop;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.sipadapter.convert.RawHeader;
import org.stoxgw.sipadapter.outbound.OutboundSender;
import org.stoxgw.sipadapter.outbound.Target;
import org.stoxgw.sipadapter.stack.LocalPoints;

/**
 * Everything the INVITE layer sends after the initial INVITE: responses in server transactions,
 * requests inside a dialog (BYE, re-INVITE, UPDATE, INFO, PRACK), ACK and CANCEL.
 *
 * <p>Called on the call's loop. A step that cannot block (UDP) runs there at once; one that may
 * (TCP or TLS: connect, write) runs on the adapter's send executor, chained after the call's
 * previous such step so that a call's messages leave in the order they were asked for. Requests
 * inside a dialog go to the first Route or the remote target (RFC 3261 section 12.2.1.1), resolved
 * with RFC 3263 like every request of the adapter; JAIN-SIP then routes by the chosen hop.
 */
final class DialogSends {
    private static final Logger log = LoggerFactory.getLogger(DialogSends.class);
    private final InviteLayer.Env env;

    DialogSends(InviteLayer.Env env) {
        this.env = env;
    }

    /** A send that may throw. */
    interface Step {
        void run() throws Exception;
    }

    /** A client transaction of ours inside a dialog: its final response or failure completes {@code result}. */
    record InDialogTx(CallSession session, CompletableFuture<SIPResponse> result) {
    }

    /** Marks a CANCEL's client transaction (its 200 needs nothing; the INVITE's 487 ends the call). */
    record CancelTx(CallSession session) {
    }

    /** Runs {@code step} for {@code s} in order; {@code failed} gets what it threw (on any thread). */
    void run(CallSession s, boolean mayBlock, Step step, Consumer<Exception> failed) {
        Runnable guarded = () -> {
            try {
                step.run();
            } catch (Exception e) {
                failed.accept(e);
            }
        };
        if (!mayBlock && s.sendChain.isDone()) {
            guarded.run();
            return;
        }
        try {
            s.sendChain = s.sendChain.thenRunAsync(guarded, env.executor());
        } catch (RejectedExecutionException e) {
            failed.accept(e);
        }
    }

    /** Sends a response in {@code st}; failures are logged and counted (the caller's retransmission or timer follows). */
    void respond(CallSession s, ServerTransaction st, SIPResponse r) {
        int status = r.getStatusCode();
        if (r.getHeader("Server") == null) {
            r.addHeader(RawHeader.of("Server", "stoxgw"));
        }
        run(s, s.transport() != SipTransport.UDP, () -> {
            env.stats().responseSent(status);
            try {
                st.sendResponse(r);
            } catch (Exception e) {
                env.stats().responseNotSent(status);
                throw e;
            }
        }, e -> log.warn("{} {} for call {} not sent: {}", status, r.getReasonPhrase(), s.id(), e.toString()));
    }

    /** Sends a reliable provisional response (RFC 3262) through the dialog, which retransmits it until the PRACK. */
    void reliable(CallSession s, Dialog dialog, SIPResponse r) {
        int status = r.getStatusCode();
        if (r.getHeader("Server") == null) {
            r.addHeader(RawHeader.of("Server", "stoxgw"));
        }
        run(s, s.transport() != SipTransport.UDP, () -> {
            env.stats().responseSent(status);
            dialog.sendReliableProvisionalResponse(r);
        }, e -> {
            env.stats().responseNotSent(status);
            log.warn("reliable {} for call {} not sent: {}", status, s.id(), e.toString());
        });
    }

    /**
     * Sends an ACK (statelessly) or a BYE (in a transaction whose answer is ignored) that belongs to
     * no dialog of ours: to end a forked branch whose 2xx came after another one won (RFC 3261
     * section 13.2.2.4).
     */
    void outOfDialog(CallSession s, SipProvider provider, SIPRequest r) {
        Consumer<Exception> failed = e -> log.debug("{} to a losing fork of call {} not sent: {}", r.getMethod(), s.id(), e.toString());
        toTarget(s, r, failed, target -> run(s, target.transport() != SipTransport.UDP, () -> {
            prepare(provider, r, target);
            env.stats().requestSent(r.getMethod());
            if (r.getMethod().equals(Request.ACK)) {
                provider.sendRequest(r);
            } else {
                ClientTransaction ct = provider.getNewClientTransaction(r);
                ct.setApplicationData(new CancelTx(s));
                ct.sendRequest();
            }
        }, failed));
    }

    /**
     * Sends {@code r} (made by {@code dialog.createRequest}) inside {@code s}'s dialog; the future
     * completes with its final response on a JAIN-SIP thread, or exceptionally (transport error,
     * Timer F, no target).
     */
    CompletableFuture<SIPResponse> request(CallSession s, Dialog dialog, Request r) {
        CompletableFuture<SIPResponse> result = new CompletableFuture<>();
        SIPRequest req = (SIPRequest) r;
        toTarget(s, req, result::completeExceptionally, target -> run(s, target.transport() != SipTransport.UDP, () -> {
            prepare(((gov.nist.javax.sip.stack.SIPDialog) dialog).getSipProvider(), req, target);
            ClientTransaction ct = ((gov.nist.javax.sip.stack.SIPDialog) dialog).getSipProvider().getNewClientTransaction(req);
            ct.setRetransmitTimer(env.t1Millis());
            ct.setApplicationData(new InDialogTx(s, result));
            env.stats().requestSent(req.getMethod());
            dialog.sendRequest(ct);
        }, result::completeExceptionally));
        return result;
    }

    /** Sends the ACK for a 2xx (RFC 3261 section 13.2.2.4): its own transaction-less request inside the dialog. */
    void ack(CallSession s, Dialog dialog, Request ack) {
        SIPRequest req = (SIPRequest) ack;
        Consumer<Exception> failed = e -> log.warn("ACK for call {} not sent: {}", s.id(), e.toString());
        toTarget(s, req, failed, target -> run(s, target.transport() != SipTransport.UDP, () -> {
            prepare(((gov.nist.javax.sip.stack.SIPDialog) dialog).getSipProvider(), req, target);
            env.stats().requestSent("ACK");
            dialog.sendAck(req);
        }, failed));
    }

    /**
     * Sends the CANCEL of an INVITE (RFC 3261 section 9.1): same Via branch and next hop as the
     * INVITE, so it is not re-routed.
     */
    void cancel(CallSession s, SipProvider provider, Request cancel, Object inviteHop, SipTransport transport) {
        SIPRequest req = (SIPRequest) cancel;
        req.setApplicationData(inviteHop);
        run(s, transport != SipTransport.UDP, () -> {
            ClientTransaction ct = provider.getNewClientTransaction(req);
            ct.setApplicationData(new CancelTx(s));
            env.stats().requestSent("CANCEL");
            ct.sendRequest();
        }, e -> log.warn("CANCEL for call {} not sent: {}", s.id(), e.toString()));
    }

    private void toTarget(CallSession s, SIPRequest req, Consumer<Exception> failed, Consumer<Target> then) {
        NextHop hop;
        try {
            hop = OutboundSender.dialogHop(req);
        } catch (ParseException e) {
            failed.accept(e);
            return;
        }
        env.resolver().resolve(hop).whenComplete((res, err) -> s.loop().execute(() -> {
            if (err != null || res.targets().isEmpty()) {
                failed.accept(new IllegalStateException("no target for " + hop + ": " + (err != null ? err : res.detail())));
                return;
            }
            then.accept(res.targets().get(0));
        }));
    }

    /** Our Via (with the loop-detecting branch, sent-by as for every request of ours) and the chosen hop. */
    private void prepare(SipProvider provider, SIPRequest r, Target target) throws Exception {
        ListeningPoint lp = provider.getListeningPoint(target.transport().wireName());
        if (lp == null) {
            throw new IllegalStateException("no " + target.transport().wireName() + " listening point for this dialog");
        }
        String sentBy = env.advertisedHost().isEmpty() ? lp.getIPAddress() : env.advertisedHost();
        Via via = (Via) env.wire().header("Via", "SIP/2.0/" + target.transport().name() + " "
                + LocalPoints.hostForUri(sentBy) + ":" + lp.getPort() + ";branch="
                + env.ids().newBranch(r.getRequestURI().toString()) + ";rport");
        r.setHeader(via);
        if (r.getHeader("User-Agent") == null) {
            r.addHeader(RawHeader.of("User-Agent", "stoxgw"));
        }
        r.setApplicationData(new HopImpl(NetUtil.toAddressString(target.address().getAddress()),
                target.address().getPort(), target.transport().wireName()));
    }
}
