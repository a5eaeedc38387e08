package org.stoxgw.sipadapter.outbound;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import io.netty.util.NetUtil;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.NextHop;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.sipadapter.SipOutcome.Kind;
import org.stoxgw.sipadapter.SipSettings;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.RawHeader;
import org.stoxgw.sipadapter.convert.RawResponses;
import org.stoxgw.sipadapter.convert.WireMessages;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.sipadapter.stack.GatewayNetworkLayer;
import org.stoxgw.sipadapter.stack.LeanUdpTransactions;
import org.stoxgw.sipadapter.stack.LocalPoints;

/**
 * Sends the core's requests: builds the JAIN-SIP request, picks the next hop (first Route, else
 * the outbound proxy, else a static route, else the Request-URI; RFC 3261 section 8.1.2), resolves
 * it (RFC 3263), adds Via (with the loop-detection branch) and, where the method needs one,
 * Contact, and sends it in a client transaction, trying the next target after a transport error
 * or a 503 (RFC 3263 section 4.3). The outcome is the final response or a {@link SipOutcome.Failure}.
 *
 * <p>{@link #send} returns at once on any thread. Work that never blocks runs on the caller's thread
 * (building the request, a cached resolution, a UDP send: P-05); connecting and writing over TCP or TLS
 * happen on the adapter's send executor, DNS on its event loop; responses and timeouts arrive on
 * JAIN-SIP threads.
 */
public final class OutboundSender {
    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    private static final Set<String> NEEDS_CONTACT = Set.of("SUBSCRIBE", "NOTIFY", "INVITE", "REFER", "UPDATE");

    /** What the sender needs from the adapter. */
    public record Env(SipSettings settings, LocalPoints points, SipResolver resolver, Identifiers ids, WireMessages wire,
                      Executor executor, SipStats stats, IntSupplier inFlight, BooleanSupplier stopping,
                      LeanUdpTransactions lean) {
    }

    private final Env env;
    /** Outbound proxy, static routes and attempts: replaced by a reload (gateway.sip.routing), read per request. */
    private volatile org.stoxgw.sipadapter.SipRouting routing;
    private final long timerFNanos;
    private final Set<Outbound> active = ConcurrentHashMap.newKeySet();
    /** Set while a step runs on the send executor, where blocking (TCP connect, TLS handshake) is allowed. */
    private static final ThreadLocal<Boolean> ON_SEND_THREAD = ThreadLocal.withInitial(() -> Boolean.FALSE);

    public OutboundSender(Env env) {
        this.env = env;
        this.routing = env.settings().routing();
        this.timerFNanos = env.settings().timeouts().t1().toNanos() * 64;
    }

    /** Takes new routing (reload): requests sent from now on use it; those under way keep their targets. */
    public void routing(org.stoxgw.sipadapter.SipRouting r) {
        routing = r;
    }

    /** Sends {@code request}; the stage completes with its outcome (on a SIP or DNS thread). */
    public CompletionStage<SipOutcome> send(SipRequest request) {
        return send(request, null);
    }

    /**
     * Sends {@code request} like {@link #send(SipRequest)}, letting {@code hook} (the INVITE dialog
     * layer) see each attempt's client transaction before it is sent and every response of it,
     * provisional ones included. After a provisional response no other target is tried (RFC 3263
     * section 4.3 fails over only before the request reached a server).
     */
    public CompletionStage<SipOutcome> send(SipRequest request, TransactionHook hook) {
        Outbound o = new Outbound(request);
        o.hook = hook;
        if (env.stopping().getAsBoolean()) {
            return fail(o, Kind.REFUSED, "the SIP adapter is stopping");
        }
        if (env.inFlight().getAsInt() >= env.settings().limits().maxTransactions()) {
            return fail(o, Kind.REFUSED, "too many SIP transactions in flight (gateway.sip.limits.max-transactions)");
        }
        active.add(o);
        o.outcome.whenComplete((r, e) -> active.remove(o));
        // building the request and a cached resolution never block: done on the caller's thread (P-05)
        guarded(o, () -> prepare(o));
        return o.outcome;
    }

    private void prepare(Outbound o) {
        try {
            SIPRequest r = env.wire().request(o.request, env.settings().maxForwards());
            o.hop = NextHops.next(o, r, routing, env.wire());
            o.template = r;
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            complete(o, new SipOutcome.Failure(Kind.REFUSED, "invalid request: " + e.getMessage()));
            return;
        }
        // a cached resolution completes at once and goes on here; a DNS answer arrives on the DNS loop
        env.resolver().resolve(o.hop).whenComplete((res, err) -> guarded(o, () -> {
            if (err != null || res.targets().isEmpty()) {
                complete(o, new SipOutcome.Failure(Kind.UNRESOLVABLE, err != null ? err.toString() : res.detail()));
                return;
            }
            List<Target> ts = res.targets();
            o.targets = ts.subList(0, Math.min(ts.size(), routing.maxAttempts()));
            attempt(o, 0);
        }));
    }

    private void attempt(Outbound o, int index) {
        Target target = o.targets.get(index);
        if (target.transport() != org.stoxgw.sipadapter.SipTransport.UDP && !ON_SEND_THREAD.get()) {
            // TCP and TLS may connect (and handshake) inside JAIN-SIP: only on the send executor
            execute(o, () -> attempt(o, index));
            return;
        }
        if (env.points().isOwn(target.address(), target.transport())) {
            // SEC-03: sending to ourselves can only loop
            complete(o, new SipOutcome.Failure(Kind.REFUSED, "loop: the next hop " + target + " is this gateway"));
            return;
        }
        LocalPoints.Point lp = env.points().pick(target.transport(), target.address().getAddress());
        if (lp == null) {
            next(o, index, "no " + target.transport().wireName() + " listening point to send from");
            return;
        }
        Outbound.Attempt attempt = o.new Attempt(index, target.transport() == org.stoxgw.sipadapter.SipTransport.TLS
                ? expectedDomain(o) : Optional.empty());
        // JAIN-SIP connects (and does the TLS handshake) in getNewClientTransaction or sendRequest,
        // on this thread: the network layer learns which domain the server must prove
        GatewayNetworkLayer.expectServerName(attempt.expectedServerDomain().orElse(null));
        try {
            ClientTransaction ct;
            try {
                SIPRequest r = requestFor(o);
                String sentBy = env.points().sentBy(lp);
                String branch = env.ids().newBranch(r.getRequestURI().toString());
                r.setHeader(via(target.transport().name(), LocalPoints.hostForUri(sentBy), lp.port(), branch));
                if (NEEDS_CONTACT.contains(r.getMethod()) && r.getHeader("Contact") == null) {
                    r.addHeader(contact(r, lp, sentBy, target));
                }
                if (r.getHeader("User-Agent") == null) {
                    r.addHeader(RawHeader.of("User-Agent", "stoxgw"));
                }
                if (target.transport() == org.stoxgw.sipadapter.SipTransport.UDP && !o.oversizeUdp.contains(target)
                        && RequestSizeBound.mayExceed(o.request, env.settings().limits().udpMaxRequestSize())) {
                    int size = r.encodeAsBytes(target.transport().name()).length;
                    if (size > env.settings().limits().udpMaxRequestSize()) {
                        tooLargeForUdp(o, index, target, size);
                        return;
                    }
                }
                if (lean(r, target, lp)) {
                    sendLean(o, index, r, branch, target, lp, attempt);
                    return;
                }
                r.setApplicationData(new HopImpl(NetUtil.toAddressString(target.address().getAddress()),
                        target.address().getPort(), target.transport().wireName()));
                ct = lp.provider().getNewClientTransaction(r);
                ct.setRetransmitTimer((int) env.settings().timeouts().t1().toMillis());
                ct.setApplicationData(attempt);
                if (o.hook != null) {
                    o.hook.created(ct, lp.provider(), target);
                }
            } catch (ParseException | RuntimeException e) {
                complete(o, new SipOutcome.Failure(Kind.REFUSED, "cannot build the request: " + e.getMessage()));
                return;
            } catch (SipException e) {
                // creating the transaction opens the connection (TCP connect, TLS handshake)
                env.stats().transportError();
                next(o, index, "connecting to " + target + " failed: " + rootMessage(e));
                return;
            }
            try {
                env.stats().requestSent(o.request.method());
                ct.sendRequest();
            } catch (SipException | RuntimeException e) {
                env.stats().transportError();
                next(o, index, "sending to " + target + " failed: " + rootMessage(e));
            }
        } finally {
            GatewayNetworkLayer.expectServerName(null);
        }
    }

    /**
     * Our Via {@code SIP/2.0/<transport> host:port;branch=...;rport}, built as an object (the same text,
     * without parsing it per message); an IPv6 host takes the parser, which knows its brackets.
     */
    private Via via(String transport, String host, int port, String branch) throws ParseException {
        if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0) {
            return (Via) env.wire().header("Via", "SIP/2.0/" + transport + " " + host + ":" + port + ";branch=" + branch + ";rport");
        }
        Via v = new Via();
        v.setTransport(transport);
        v.setHost(host);
        try {
            v.setPort(port);
        } catch (javax.sip.InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
        v.setBranch(branch);
        v.setRPort();
        return v;
    }

    /**
     * Whether {@code r} goes out in one of the adapter's own UDP client transactions (P-15) instead of
     * JAIN-SIP's: a MESSAGE (no dialog, no Contact) over UDP from a listening point read on an event loop.
     */
    private boolean lean(SIPRequest r, Target target, LocalPoints.Point lp) {
        return env.lean() != null && target.transport() == org.stoxgw.sipadapter.SipTransport.UDP
                && "MESSAGE".equals(r.getMethod()) && env.lean().serves(lp.ip(), lp.port());
    }

    private void sendLean(Outbound o, int index, SIPRequest r, String branch, Target target, LocalPoints.Point lp,
                          Outbound.Attempt attempt) {
        byte[] bytes = r.encodeAsBytes(target.transport().name());
        String domain = r.getRequestURI() instanceof SipUri u ? u.getHost() : "";
        env.stats().requestSent(o.request.method());
        try {
            env.lean().send(lp.ip(), lp.port(), branch.toLowerCase(Locale.ROOT), bytes, target.address(),
                    env.settings().timeouts().t1().toMillis(), T2_MILLIS, domain, attempt, leanListener);
        } catch (java.io.IOException e) {
            env.stats().transportError();
            next(o, index, "sending to " + target + " failed: " + rootMessage(e));
        }
    }

    /** RFC 3261 T2: the longest interval between retransmissions of a non-INVITE request. */
    private static final long T2_MILLIS = 4000;

    /** Outcomes of the adapter's own UDP client transactions, on the thread that saw them. */
    private final LeanUdpTransactions.Listener leanListener = new LeanUdpTransactions.Listener() {
        @Override
        public void onResponse(Object owner, int status, byte[] bytes, int length) {
            if (status < 200 || !(owner instanceof Outbound.Attempt a)) {
                return;
            }
            org.stoxgw.mapping.sip.SipResponse response;
            try {
                response = RawResponses.neutral(bytes, length);
            } catch (ParseException | RuntimeException e) {
                // JAIN-SIP drops a response it cannot parse: the transaction then ends by Timer F
                log.debug("unparsable response from {}: {}", a.target(), e.toString());
                return;
            }
            finalResponse(a, response);
        }

        @Override
        public void onTimeout(Object owner) {
            if (owner instanceof Outbound.Attempt a) {
                env.stats().timeout();
                complete(a.owner(), new SipOutcome.Failure(Kind.TIMEOUT, "no final response from " + a.target() + " within "
                        + timerFNanos / 1_000_000 + " ms"));
            }
        }

        @Override
        public void onTransportError(Object owner, java.io.IOException e) {
            if (owner instanceof Outbound.Attempt a) {
                env.stats().transportError();
                execute(a.owner(), () -> next(a.owner(), a.index, "sending to " + a.target() + " failed: " + rootMessage(e)));
            }
        }
    };

    /**
     * The request for the next attempt: the one built in {@link #prepare} the first time (no copy: most
     * requests have one attempt), built again from the neutral request for any further attempt.
     */
    private SIPRequest requestFor(Outbound o) throws ParseException {
        if (!o.templateUsed) {
            o.templateUsed = true;
            return o.template;
        }
        SIPRequest r = env.wire().request(o.request, env.settings().maxForwards());
        NextHops.next(o, r, routing, env.wire());
        return r;
    }

    /**
     * RFC 3261 section 18.1.1: a request larger than 1300 bytes (path MTU unknown) must go over a
     * congestion-controlled transport: the same address over TCP, when the gateway has a TCP
     * listening point. A MESSAGE must not go over UDP at all then (RFC 3428 section 10): without TCP,
     * or when TCP fails, it ends TOO_LARGE. Other requests fall back to UDP after TCP (the SHOULD of
     * section 18.1.1 for a refused connection).
     */
    private void tooLargeForUdp(Outbound o, int index, Target target, int size) {
        boolean message = "MESSAGE".equals(o.request.method());
        String why = o.request.method() + " of " + size + " bytes is larger than the "
                + env.settings().limits().udpMaxRequestSize() + " bytes allowed over UDP to " + target;
        Target tcp = new Target(target.address(), org.stoxgw.sipadapter.SipTransport.TCP);
        boolean canTcp = env.points().pick(tcp.transport(), tcp.address().getAddress()) != null && !o.targets.contains(tcp);
        if (message) {
            o.tooLarge = why;
        }
        if (canTcp) {
            List<Target> ts = new ArrayList<>(o.targets.size() + 1);
            ts.addAll(o.targets.subList(0, index));
            ts.add(tcp);
            if (!message) {
                ts.add(target);
                o.oversizeUdp.add(target);
            }
            ts.addAll(o.targets.subList(index + 1, o.targets.size()));
            o.targets = ts;
            log.debug("{}: sending over TCP instead", why);
            attempt(o, index);
        } else if (message) {
            next(o, index, why + " and no TCP is possible");
        } else {
            o.oversizeUdp.add(target);
            attempt(o, index);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private javax.sip.header.Header contact(SIPRequest r, LocalPoints.Point lp, String sentBy, Target target)
            throws ParseException {
        String user = r.getFrom().getAddress().getURI() instanceof SipUri u && u.getUser() != null ? u.getUser() + "@" : "";
        String scheme = r.getRequestURI().isSipURI() && ((SipUri) r.getRequestURI()).isSecure() ? "sips:" : "sip:";
        String uri = scheme + user + LocalPoints.hostForUri(sentBy) + ":" + lp.port() + ";transport="
                + target.transport().wireName();
        try {
            return env.wire().header("Contact", "<" + uri + ">");
        } catch (ParseException e) {
            return env.wire().header("Contact", "<" + scheme + LocalPoints.hostForUri(sentBy) + ":" + lp.port()
                    + ";transport=" + target.transport().wireName() + ">");
        }
    }

    /** RFC 5922 section 7.3: the domain a TLS server must prove, the next hop's host name. */
    private Optional<String> expectedDomain(Outbound o) {
        if (!env.settings().tlsOptions().verifyServerDomain()) {
            return Optional.empty();
        }
        if (o.serverDomain != null) {
            return Optional.of(o.serverDomain);
        }
        return NextHops.isLiteral(o.hop.host()) ? Optional.empty() : Optional.of(o.hop.host());
    }

    /** A final response (or a provisional one, ignored) to one of our client transactions. */
    public void onResponse(ClientTransaction ct, SIPResponse response) {
        onResponse(ct, response, null);
    }

    /** A response to one of our client transactions, with the dialog JAIN-SIP matched it to (INVITE). */
    public void onResponse(ClientTransaction ct, SIPResponse response, javax.sip.Dialog dialog) {
        if (!(ct.getApplicationData() instanceof Outbound.Attempt a)) {
            return;
        }
        Outbound o = a.owner();
        if (o.hook != null) {
            if (response.getStatusCode() > 100) {
                o.provisionalSeen = true;
            }
            o.hook.response(ct, response, dialog);
        }
        if (response.getStatusCode() < 200) {
            return;
        }
        env.stats().responseReceived(response.getStatusCode());
        if (response.getStatusCode() == 503 && a.index + 1 < o.targets.size() && !o.outcome.isDone() && !o.provisionalSeen) {
            // RFC 3263 section 4.3: a 503 means "try the next server"
            execute(o, () -> next(o, a.index, a.target() + " answered 503"));
            return;
        }
        // the transaction lingers for Timer K; what it carries of ours is not needed any more
        ct.setApplicationData(null);
        complete(o, new SipOutcome.Response(NeutralMessages.response(response)));
    }

    /** A final response in one of the adapter's own UDP client transactions: as {@link #onResponse}. */
    private void finalResponse(Outbound.Attempt a, org.stoxgw.mapping.sip.SipResponse response) {
        Outbound o = a.owner();
        env.stats().responseReceived(response.status());
        if (response.status() == 503 && a.index + 1 < o.targets.size() && !o.outcome.isDone()) {
            // RFC 3263 section 4.3: a 503 means "try the next server"
            execute(o, () -> next(o, a.index, a.target() + " answered 503"));
            return;
        }
        complete(o, new SipOutcome.Response(response));
    }

    /**
     * JAIN-SIP reports transport errors of a transaction as timeouts; one long before Timer F
     * (64*T1) is a transport error.
     */
    public void onTimeout(ClientTransaction ct) {
        if (!(ct.getApplicationData() instanceof Outbound.Attempt a)) {
            return;
        }
        Outbound o = a.owner();
        ct.setApplicationData(null);
        long elapsed = System.nanoTime() - a.startedNanos;
        if (elapsed < timerFNanos * 9 / 10 && !o.provisionalSeen) {
            env.stats().transportError();
            execute(o, () -> next(o, a.index, "transport error with " + a.target()));
        } else {
            env.stats().timeout();
            complete(o, new SipOutcome.Failure(Kind.TIMEOUT, "no final response from " + a.target() + " within "
                    + timerFNanos / 1_000_000 + " ms"));
        }
    }

    private void next(Outbound o, int failed, String why) {
        log.debug("{} {}: {}", o.request.method(), o.request.requestUri(), why);
        if (failed + 1 < o.targets.size() && !o.outcome.isDone()) {
            attempt(o, failed + 1);
        } else if (o.tooLarge != null) {
            complete(o, new SipOutcome.Failure(Kind.TOO_LARGE, o.tooLarge.equals(why) || why.startsWith(o.tooLarge)
                    ? why : o.tooLarge + "; " + why));
        } else {
            complete(o, new SipOutcome.Failure(Kind.TRANSPORT, why));
        }
    }

    /**
     * The next hop of a request inside a dialog (RFC 3261 section 12.2.1.1); see {@link NextHops#inDialog}.
     *
     * @throws ParseException when that URI is not a SIP URI or names an unknown transport
     */
    public static NextHop dialogHop(SIPRequest r) throws ParseException {
        return NextHops.inDialog(r);
    }

    /** Sends not finished yet (queued, resolving or in a transaction). */
    public int inFlight() {
        return active.size();
    }

    /** Ends every send still in flight with REFUSED (the adapter stops). */
    public void failAll(String detail) {
        for (Outbound o : active) {
            complete(o, new SipOutcome.Failure(Kind.REFUSED, detail));
        }
    }

    /** Runs one step of {@code o} on this thread; whatever goes wrong still ends its outcome. */
    private void guarded(Outbound o, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("sending {} {} failed unexpectedly", o.request.method(), o.request.requestUri(), e);
            complete(o, new SipOutcome.Failure(Kind.REFUSED, "internal error: " + e));
        }
    }

    /** Runs one step of {@code o} on the send executor; whatever goes wrong still ends its outcome. */
    private void execute(Outbound o, Runnable step) {
        try {
            env.executor().execute(() -> {
                ON_SEND_THREAD.set(Boolean.TRUE);
                try {
                    guarded(o, step);
                } finally {
                    ON_SEND_THREAD.set(Boolean.FALSE);
                }
            });
        } catch (RejectedExecutionException e) {
            complete(o, new SipOutcome.Failure(Kind.REFUSED, env.stopping().getAsBoolean()
                    ? "the SIP adapter is stopping" : "SIP send queue full (gateway.sip.limits.send-queue)"));
        }
    }

    private static CompletionStage<SipOutcome> fail(Outbound o, Kind kind, String detail) {
        o.outcome.complete(new SipOutcome.Failure(kind, detail));
        return o.outcome;
    }

    private void complete(Outbound o, SipOutcome outcome) {
        if (o.outcome.complete(outcome) && outcome instanceof SipOutcome.Failure f) {
            log.debug("{} {}: {} {}", o.request.method(), o.request.requestUri(), f.kind(), f.detail());
        }
    }
}
