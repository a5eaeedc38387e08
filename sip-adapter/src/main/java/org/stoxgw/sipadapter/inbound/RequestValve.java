package org.stoxgw.sipadapter.inbound;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.limits.KeyedRateLimiter;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.sipadapter.outbound.Identifiers;
import org.stoxgw.sipadapter.stack.CertificateNames;
import org.stoxgw.sipadapter.stack.CompletedTransactions;
import org.stoxgw.sipadapter.stack.MalformedRequest;

/**
 * The adapter's gate for every incoming request, run by JAIN-SIP on its reading thread before any
 * transaction exists (so refused requests cost no state; answers are stateless). In order:
 * malformed requests get 400/505; retransmissions of accepted requests pass to their transaction, another
 * request reusing a live transaction's branch gets 400;
 * ACKs without a transaction are dropped, CANCELs answered (481, or 200 without effect for a
 * non-INVITE); then shutting down (503), size (513), loops (482, RFC 5393 section 4.2, SEC-03),
 * trust (403, SEC-01), the per-source rate (503), transactions in flight (503), then
 * {@link RequestChecks} (483, 405/501, 416/404, 420, 489, 400/415). OPTIONS is answered here with
 * the gateway's capabilities. Every other request passes to {@link InboundRequests}.
 *
 * <p>Thread-safe; runs on every JAIN-SIP reader thread concurrently.
 */
public final class RequestValve implements SIPMessageValve {
    private static final Logger log = LoggerFactory.getLogger(RequestValve.class);
    /** Replaced by a reload (gateway.sip.trust); read once per request. */
    private volatile TrustPolicy trust;
    private final KeyedRateLimiter rate;
    private final CompletedTransactions completed;
    private final RequestChecks checks;
    private final Identifiers ids;
    private final StatelessResponder responder;
    private final SipStats stats;
    private final IntSupplier inFlight;
    private final int maxInFlight;
    private final int maxMessageSize;
    private final BooleanSupplier stopping;
    /** Whether the adapter has an INVITE layer (then ACKs of its dialogs and CANCELs of its INVITEs pass). */
    private final boolean invites;
    private final ThrottledLog warnings = new ThrottledLog(log, TimeUnit.SECONDS.toNanos(10));
    private final Map<Certificate, Set<String>> certNames = Collections.synchronizedMap(new WeakHashMap<>());

    /** What the valve needs from the adapter. */
    public record Config(org.stoxgw.sipadapter.SipSettings settings, Set<String> servedDomains, Set<String> ownHosts,
                         Identifiers ids, SipStats stats, IntSupplier inFlight, BooleanSupplier stopping,
                         CompletedTransactions completed, boolean invites) {
    }

    /** Takes new trusted peers (reload): requests arriving from now on are judged by them. */
    public void trust(org.stoxgw.sipadapter.SipTrust t, Set<String> servedDomains) {
        trust = new TrustPolicy(t, servedDomains);
    }

    public RequestValve(Config c) {
        var s = c.settings();
        this.trust = new TrustPolicy(s.trust(), c.servedDomains());
        this.completed = c.completed();
        this.rate = new KeyedRateLimiter(s.limits().peerRequestRate(), s.limits().peerRequestBurst(), s.limits().trackedPeers());
        this.checks = new RequestChecks(s.capabilities(), c.servedDomains(), c.ownHosts());
        this.ids = c.ids();
        this.stats = c.stats();
        this.responder = new StatelessResponder(c.stats());
        this.inFlight = c.inFlight();
        this.maxInFlight = s.limits().maxTransactions();
        this.maxMessageSize = s.limits().maxMessageSize();
        this.stopping = c.stopping();
        this.invites = c.invites();
    }

    /**
     * A UDP retransmission of a request answered more than 64 ms ago (JAIN-SIP has let go of its
     * transaction, P-08) that the raw-bytes check did not recognise: answered again from the table of
     * completed transactions, as RFC 3261 §17.2.2 requires, instead of reaching the core a second time.
     */
    private boolean answeredBefore(SIPRequest r, MessageChannel ch) {
        if (completed == null || !"UDP".equalsIgnoreCase(ch.getTransport())) {
            return false;
        }
        String key = CompletedTransactions.keyOf(r);
        CompletedTransactions.Entry done = key == null ? null : completed.lookup(key);
        if (done == null) {
            return false;
        }
        stats.retransmissionsAbsorbedCounter().increment();
        try {
            SIPMessage answer = new StringMsgParser().parseSIPMessage(done.response(), true, false, null);
            ch.sendMessage(answer, done.destination().getAddress(), done.destination().getPort());
        } catch (IOException | ParseException | RuntimeException e) {
            log.debug("answer to a retransmission from {} not sent again: {}", ch.getPeerAddress(), e.toString());
        }
        return true;
    }

    @Override
    public boolean processRequest(SIPRequest r, MessageChannel ch) {
        SIPTransactionStack stack = ch.getSIPStack();
        if (r.getApplicationData() instanceof MalformedRequest m) {
            stats.requestReceived("OTHER");
            boolean tooLarge = m.status() == 513;
            reject(r, ch, new Rejection(m.status(), m.reason(), tooLarge ? "too-large" : "malformed"));
            if (tooLarge) {
                tooLarge(ch, m.reason());
            } else {
                log.debug("{} {} to {} {}", m.status(), m.reason(), ch.getTransport(), ch.getPeerAddress());
            }
            if (m.closeConnection()) {
                ch.close();
            }
            return false;
        }
        SIPTransaction live = stack.findTransaction(r.getTransactionId(), true);
        if (live != null) {
            if (live.isMessagePartOfTransaction(r) && sameMethod(live, r)) {
                return true; // a retransmission: the server transaction answers it
            }
            // RFC 3261 sections 8.1.1.7 and 17.2.3: another sent-by or method with a live transaction's
            // branch is a request of its own, but JAIN-SIP keys transactions by branch alone and would drop it
            stats.requestReceived(r.getMethod());
            reject(r, ch, new Rejection(400, "Bad Request (branch already in use by another transaction)", "branch-in-use"));
            return false;
        }
        if (answeredBefore(r, ch)) {
            return false;
        }
        String method = r.getMethod();
        stats.requestReceived(method);
        if (method.equals("ACK")) {
            // the ACK of a 2xx is a request of its own inside the dialog (RFC 3261 section 13.3.1.4);
            // any other ACK without a transaction completes nothing (section 17.2.1)
            return invites && stack.getDialog(r.getDialogId(true)) != null;
        }
        if (method.equals("CANCEL")) {
            SIPTransaction cancelled = stack.findCancelTransaction(r, true);
            if (invites && cancelled != null && cancelled.isInviteTransaction()) {
                return true; // the INVITE layer answers 200 and ends the INVITE with 487 (RFC 3261 section 9.2)
            }
            boolean known = cancelled != null;
            // RFC 3261 section 9.2: the request being cancelled is not an INVITE, so it goes on
            responder.respond(r, ch, known ? 200 : 481, known ? "OK" : "Call/Transaction Does Not Exist", List.of());
            return false;
        }
        String[] peer = new String[1];
        Rejection refusal = admit(r, ch, peer);
        if (refusal != null) {
            reject(r, ch, refusal);
            return false;
        }
        String admittedBy = peer[0];
        Rejection bad = checks.check(r);
        if (bad == null) {
            // a compressed body reaches the core decoded, within the message size limit
            bad = BodyEncodings.decodeInPlace(r, maxMessageSize);
        }
        if (bad != null) {
            reject(r, ch, bad);
            return false;
        }
        if (method.equals("OPTIONS")) {
            responder.respond(r, ch, 200, "OK", checks.optionsHeaders());
            return false;
        }
        r.setApplicationData(new Admission(admittedBy));
        return true;
    }

    /**
     * RFC 3261 section 17.2.3 matches a request to a server transaction by branch, sent-by and method
     * (ACK matching INVITE); JAIN-SIP's own match leaves the method out except for CANCEL.
     */
    private static boolean sameMethod(SIPTransaction t, SIPRequest r) {
        String m = r.getMethod();
        return m.equals(t.getMethod()) || m.equals("ACK") && t.getMethod().equals("INVITE");
    }

    /** Which trusted peer admitted a request (travels with it to the dispatcher). */
    public record Admission(String peer) {
    }

    /** Shutdown, size, loop, trust, rate and capacity checks; null when the request may enter. */
    private Rejection admit(SIPRequest r, MessageChannel ch, String[] admittedBy) {
        if (stopping.getAsBoolean() && !(invites && r.getToTag() != null
                && ch.getSIPStack().getDialog(r.getDialogId(true)) != null)) {
            // calls in progress may still end or change while the gateway drains: only new work is refused
            return new Rejection(503, "Service Unavailable (shutting down)", "shutting-down", "Retry-After", "5");
        }
        int size = r.getSize() + (r.getRawContent() == null ? 0 : r.getRawContent().length);
        if (size > maxMessageSize) {
            tooLarge(ch, size + " bytes");
            return new Rejection(513, "Message Too Large", "too-large");
        }
        InetAddress source = r.getPeerPacketSourceAddress() != null ? r.getPeerPacketSourceAddress() : r.getRemoteAddress();
        Boolean ours = ownRequest(r);
        if (Boolean.TRUE.equals(ours)) {
            warnings.warn("loop", "482 to " + source.getHostAddress() + ": " + r.getMethod() + " "
                    + r.getRequestURI() + " came back to the gateway that sent it (loop)");
            return new Rejection(482, "Loop Detected", "loop");
        }
        String fromHost = r.getFrom().getAddress().getURI() instanceof SipUri u ? RequestChecks.hostOf(u) : "";
        // a spiral of our own request may carry a From in a domain the gateway serves
        TrustPolicy.Verdict v = trust.admit(source, () -> peerNames(ch), fromHost, ours != null);
        if (!v.admitted()) {
            warnings.warn("untrusted", "403 to " + ch.getTransport().toLowerCase(java.util.Locale.ROOT) + " " + source.getHostAddress()
                    + " (From " + fromHost + "): " + v.refusal());
            return new Rejection(403, "Forbidden (" + v.refusal() + ")", "untrusted");
        }
        admittedBy[0] = v.peer().name();
        if (!rate.tryAcquire(source.getHostAddress(), System.nanoTime())) {
            warnings.warn("rate", "503 to " + source.getHostAddress() + ": more than gateway.sip.limits.peer-request-rate");
            return new Rejection(503, "Service Unavailable (request rate)", "rate-limited", "Retry-After", "1");
        }
        if (inFlight.getAsInt() >= maxInFlight) {
            warnings.warn("overload", "503 to " + source.getHostAddress() + ": " + maxInFlight
                    + " transactions in flight (gateway.sip.limits.max-transactions)");
            return new Rejection(503, "Service Unavailable (overloaded)", "overloaded", "Retry-After", "2");
        }
        return null;
    }

    /**
     * RFC 5393 section 4.2: a Via of ours means the request is one we sent. With the Request-URI
     * we sent it to unchanged it is a loop (TRUE); changed, a spiral (FALSE). Null: not ours.
     */
    private Boolean ownRequest(SIPRequest r) {
        Boolean result = null;
        String uriHash = null;
        for (Object o : r.getViaHeaders()) {
            String own = ids.uriHashOf(((Via) o).getBranch());
            if (own == null) {
                continue;
            }
            if (uriHash == null) {
                uriHash = Identifiers.uriHash(r.getRequestURI().toString());
            }
            if (own.equals(uriHash)) {
                return Boolean.TRUE;
            }
            result = Boolean.FALSE;
        }
        return result;
    }

    /**
     * Names in the TLS client certificate of the connection. JSSE reports the completed handshake
     * on a thread of its own, so the first request of a connection may wait for that report
     * (JAIN-SIP waits at most 5 s); this runs on the connection's own reader thread.
     */
    private Set<String> peerNames(MessageChannel ch) {
        if (!(ch instanceof TLSMessageChannel tls) || tls.getHandshakeCompletedListener() == null) {
            return Set.of();
        }
        HandshakeCompletedEvent done = tls.getHandshakeCompletedListener().getHandshakeCompletedEvent();
        Certificate[] chain;
        try {
            chain = done == null ? null : done.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Set.of();
        }
        if (chain == null || chain.length == 0) {
            return Set.of();
        }
        return certNames.computeIfAbsent(chain[0], c -> CertificateNames.of(chain));
    }

    /** RFC 3261 section 21.5.14: a request over the size limit is answered 513, and the operator told (throttled). */
    private void tooLarge(MessageChannel ch, String what) {
        warnings.warn("too-large-" + ch.getTransport(), "513 to " + ch.getTransport().toLowerCase(java.util.Locale.ROOT) + " " + ch.getPeerAddress()
                + ": " + what + ", over gateway.sip.limits.max-message-size (" + maxMessageSize + " bytes)");
    }

    private void reject(SIPRequest r, MessageChannel ch, Rejection rej) {
        stats.rejected(rej.counter());
        responder.respond(r, ch, rej.status(), rej.reason(), rej.headers());
    }

    /**
     * A response with an RFC 3261 branch whose client transaction is gone (a retransmitted final response,
     * RFC 3261 section 17.1.2.2: the transaction absorbed the first and ended) is dropped here: JAIN-SIP
     * would compare it with every client transaction in its table (lower-casing two branches each), so
     * under load each stray response cost time in proportion to the transactions in flight. A response to
     * INVITE still passes (a 2xx retransmission needs its ACK again from the dialog's owner).
     */
    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (!(response instanceof gov.nist.javax.sip.message.SIPResponse r) || r.getCSeq() == null
                || "INVITE".equals(r.getCSeq().getMethod())) {
            return true;
        }
        String key = r.getTransactionId();
        if (!key.startsWith("z9hg4bk")) {
            return true;
        }
        return channel.getSIPStack().findTransaction(key, false) != null;
    }

    @Override
    public void init(SipStack stack) {
        // built by the adapter, added to the stack directly
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
