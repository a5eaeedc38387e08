package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.sipadapter.convert.RawHeader;
import org.stoxgw.sipadapter.convert.WireMessages;
import org.stoxgw.sipadapter.inbound.InboundRequests;
import org.stoxgw.sipadapter.inbound.RequestValve;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.sipadapter.outbound.Identifiers;
import org.stoxgw.sipadapter.outbound.OutboundSender;
import org.stoxgw.sipadapter.outbound.SipResolver;

/**
 * The INVITE dialog layer: the adapter's listener hands it every INVITE, ACK, CANCEL, BYE, PRACK,
 * UPDATE and INFO and every event of its transactions; it keeps the table of open calls (bounded
 * by {@code gateway.sip.invite.max-dialogs}) and places outgoing calls. Dialog state is JAIN-SIP's
 * (dialogs created explicitly with {@code getNewDialog}: the stack itself runs without automatic
 * dialogs for the other methods).
 *
 * <p>Threads: the {@code on*} methods run on JAIN-SIP threads and only find the call and hop onto
 * its loop; everything else of a call happens there. Thread-safe.
 */
public final class InviteLayer implements InviteDialogs {
    private static final Logger log = LoggerFactory.getLogger(InviteLayer.class);
    /** The methods of INVITE dialogs this layer takes from the adapter. */
    public static final Set<String> METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "PRACK", "UPDATE", "INFO");
    /** Our Allow in INVITE and its 2xx (RFC 3261 section 20.5): what the peer may send inside the dialog. */
    static final java.util.List<String> ALLOW = java.util.List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS");

    /** {@code h} with one Allow field per method of {@link #ALLOW}. */
    static SipHeaders withAllow(SipHeaders h) {
        SipHeaders out = h;
        for (String m : ALLOW) {
            out = out.with("Allow", m);
        }
        return out;
    }

    /** What the layer needs from the adapter. */
    public record Env(InviteSettings settings, InviteListener listener, OutboundSender outbound, SipResolver resolver,
                      Identifiers ids, WireMessages wire, Executor executor, SipStats stats, EventLoopGroup loops,
                      int t1Millis, String advertisedHost, Supplier<String> newCallId) {
        public Env {
            Objects.requireNonNull(listener, "listener");
        }
    }

    final Env env;
    final DialogSends sends;
    private final Set<CallSession> open = ConcurrentHashMap.newKeySet();
    /** Outgoing calls by Call-ID: a 2xx of a losing fork may come without transaction or dialog. */
    private final Map<String, UacSession> outgoing = new ConcurrentHashMap<>();
    private final InviteStats stats = new InviteStats(() -> open);

    public InviteLayer(Env env) {
        this.env = env;
        this.sends = new DialogSends(env);
    }

    /** The JMX view (type {@code SipInvite}). */
    public InviteMXBean stats() {
        return stats;
    }

    @Override
    public int openCalls() {
        return open.size();
    }

    /** Whether requests of {@code method} belong to this layer. */
    public static boolean handles(String method) {
        return METHODS.contains(method);
    }

    @Override
    public OutgoingCall call(CallRequest request, EventExecutor loop, CallListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(listener, "listener");
        String callId = request.callId().isEmpty() ? env.newCallId().get() : request.callId();
        SipRequest invite = new SipRequest("INVITE", request.requestUri(), request.from().withTag(env.ids().newTag()),
                request.to(), callId, 1, SessionTimer.inviteHeaders(env.settings(), withAllow(request.headers())),
                request.offer());
        UacSession s = new UacSession(this, loop, invite, listener);
        stats.outgoing();
        if (open.size() >= env.settings().maxDialogs()) {
            stats.refused();
            loop.execute(() -> s.end(new CallEnd(CallEnd.Cause.LOCAL_FAILURE, 503,
                    "too many calls (gateway.sip.invite.max-dialogs)", Optional.empty())));
            return s;
        }
        open.add(s);
        outgoing.put(callId, s);
        loop.execute(s::start);
        return s;
    }

    /** A request of {@link #METHODS} the valve let through (JAIN-SIP thread). */
    public void onRequest(RequestEvent e) {
        SIPRequest r = (SIPRequest) e.getRequest();
        SipProvider provider = (SipProvider) e.getSource();
        String method = r.getMethod();
        Dialog d = e.getDialog();
        CallSession s = d != null && d.getApplicationData() instanceof CallSession cs ? cs : null;
        if (method.equals(Request.ACK)) {
            if (s != null) {
                s.loop.execute(() -> s.onAck(r));
            }
            return;
        }
        ServerTransaction st = serverTransaction(e, provider, r);
        if (st == null) {
            return;
        }
        if (method.equals(Request.CANCEL)) {
            onCancel(r, st);
            return;
        }
        if (method.equals(Request.INVITE) && r.getToTag() == null) {
            incoming(r, st, provider);
            return;
        }
        if (s == null) {
            // RFC 3261 section 12.2.2: a request for a dialog we do not have
            respondNow(st, r, 481, "Call/Transaction Does Not Exist");
            return;
        }
        s.loop.execute(() -> {
            if (s.state() == CallState.TERMINATED) {
                respondNow(st, r, 481, "Call/Transaction Does Not Exist"); // the call ended; JAIN-SIP still knows its dialog
            } else {
                s.onRequest(r, st);
            }
        });
    }

    private ServerTransaction serverTransaction(RequestEvent e, SipProvider provider, SIPRequest r) {
        ServerTransaction st = e.getServerTransaction();
        try {
            if (st == null) {
                st = provider.getNewServerTransaction(r);
            }
            st.setRetransmitTimer(env.t1Millis());
            return st;
        } catch (TransactionAlreadyExistsException ex) {
            return null; // a retransmission raced its original: the transaction answers it
        } catch (Exception ex) {
            log.debug("no server transaction for {}: {}", r.getFirstLine().trim(), ex.toString());
            return null;
        }
    }

    private void incoming(SIPRequest r, ServerTransaction st, SipProvider provider) {
        if (open.size() >= env.settings().maxDialogs()) {
            stats.refused();
            respondNow(st, r, 503, "Service Unavailable (too many calls)");
            return;
        }
        long minSe = SessionTimer.tooShort(org.stoxgw.sipadapter.convert.NeutralMessages.request(r).headers(), env.settings());
        if (minSe > 0) {
            // RFC 4028 section 8.1: a session interval below our Min-SE
            respondNow(st, r, 422, "Session Interval Too Small", "Min-SE", Long.toString(minSe));
            return;
        }
        Dialog d;
        try {
            d = provider.getNewDialog(st);
        } catch (Exception ex) {
            log.warn("no dialog for {}: {}", r.getFirstLine().trim(), ex.toString());
            respondNow(st, r, 500, "Server Internal Error (no dialog)");
            return;
        }
        SipTransport transport = InboundRequests.transportOf(r);
        String trusted = r.getApplicationData() instanceof RequestValve.Admission a ? a.peer() : "";
        EventExecutor loop = env.loops().next();
        UasSession s = new UasSession(this, loop, r, st, d, env.ids().newTag(), transport,
                InboundRequests.peerOf(r, transport), trusted);
        d.setApplicationData(s);
        st.setApplicationData(s);
        open.add(s);
        stats.incoming();
        loop.execute(() -> {
            try {
                env.listener().onIncoming(s);
            } catch (RuntimeException ex) {
                log.warn("the gateway core failed on call {}", s.id(), ex);
            }
            if (s.listener == null && s.state() != CallState.TERMINATED) {
                log.warn("call {}: the core set no listener; refusing it", s.id());
                s.reject(500, "Server Internal Error (no listener)", Optional.empty());
            }
        });
    }

    private void onCancel(SIPRequest cancel, ServerTransaction st) {
        // RFC 3261 section 9.2: 200 to the CANCEL itself, whatever happens to the INVITE
        respondNow(st, cancel, 200, "OK");
        SIPServerTransaction invite = st instanceof SIPServerTransaction sst ? sst.getCanceledInviteTransaction() : null;
        if (invite != null && invite.getApplicationData() instanceof UasSession s) {
            s.loop.execute(() -> s.onCancel(cancel));
        }
    }

    /** Answers on this (JAIN-SIP) thread: a request outside any call, where no order is to keep. */
    private void respondNow(ServerTransaction st, SIPRequest r, int status, String phrase, String... headers) {
        try {
            SIPResponse resp = env.wire().response(r, new SipResponse(status, phrase, SipHeaders.of(headers),
                    org.stoxgw.mapping.sip.SipBody.EMPTY), env.ids().newTag());
            resp.addHeader(RawHeader.of("Server", "stoxgw"));
            env.stats().responseSent(status);
            st.sendResponse(resp);
        } catch (Exception e) {
            env.stats().responseNotSent(status);
            log.debug("{} to {} not sent: {}", status, r.getFirstLine().trim(), e.toString());
        }
    }

    /** A response to one of our transactions inside a dialog or to a CANCEL; false when not ours. */
    public boolean onResponse(ClientTransaction ct, SIPResponse r) {
        Object data = ct.getApplicationData();
        if (data instanceof DialogSends.InDialogTx tx) {
            if (r.getStatusCode() >= 200) {
                env.stats().responseReceived(r.getStatusCode());
                tx.result().complete(r);
            }
            return true;
        }
        return data instanceof DialogSends.CancelTx;
    }

    /**
     * A response without a client transaction: a 2xx of a forked branch after another branch's 2xx
     * ended the INVITE transaction (RFC 3261 section 13.2.2.4); false when not ours.
     */
    public boolean onStrayResponse(javax.sip.ResponseEvent e) {
        SIPResponse r = (SIPResponse) e.getResponse();
        if (r.getStatusCode() / 100 != 2 || !Request.INVITE.equals(r.getCSeq().getMethod())) {
            return false;
        }
        UacSession s = outgoing.get(r.getCallId().getCallId());
        if (s == null || !s.localTag.equals(r.getFromTag())) {
            return false;
        }
        SipProvider p = (SipProvider) e.getSource();
        s.loop.execute(() -> s.onStray2xx(r, p));
        return true;
    }

    /** A timeout of one of our transactions, or of an INVITE server transaction (no ACK); false when not ours. */
    public boolean onTimeout(TimeoutEvent e) {
        if (e.isServerTransaction()) {
            if (e.getServerTransaction() != null && e.getServerTransaction().getApplicationData() instanceof UasSession s) {
                s.loop.execute(s::onAckTimeout);
                return true;
            }
            return false;
        }
        ClientTransaction ct = e.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof DialogSends.InDialogTx tx) {
            env.stats().timeout();
            tx.result().completeExceptionally(new TimeoutException("no final response within 64*T1"));
            return true;
        }
        return ct != null && ct.getApplicationData() instanceof DialogSends.CancelTx;
    }

    /** JAIN-SIP deleted a dialog: a call still open on it is over. */
    public void onDialogTerminated(DialogTerminatedEvent e) {
        Dialog d = e.getDialog();
        if (d != null && d.getApplicationData() instanceof CallSession s) {
            s.loop.execute(() -> {
                // only a confirmed call: before that the INVITE's outcome or our own answer ends it
                if (s.dialog == d && s.state() == CallState.CONFIRMED) {
                    s.end(new CallEnd(CallEnd.Cause.TIMEOUT, 408, "the dialog ended in the stack", Optional.empty()));
                }
            });
        }
    }

    /** Called by a call when it ends (on its loop). */
    void ended(CallSession s, CallEnd e) {
        open.remove(s);
        if (s instanceof UacSession) {
            // a late 2xx of a losing fork is still recognised for a while (64*T1, RFC 6026 section 8.4)
            s.loop.schedule(() -> outgoing.remove(s.callId, s), 64L * env.t1Millis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        stats.ended(e);
        log.debug("call {} ended: {} {} {}", s.id(), e.cause(), e.status(), e.detail());
    }

    /** The adapter stops: every open call ends (BYE, CANCEL or 503 as its state allows). */
    public void stop() {
        for (CallSession s : open) {
            s.loop.execute(s::shutdown);
        }
    }
}
