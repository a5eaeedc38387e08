package org.stoxgw.sipadapter.inbound;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipRequestHandler;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.RawHeader;
import org.stoxgw.sipadapter.convert.WireMessages;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.sipadapter.outbound.Identifiers;
import org.stoxgw.sipadapter.stack.CompletedTransactions;
import org.stoxgw.sipadapter.stack.SentDatagrams;

/**
 * Requests that passed the valve: each gets a server transaction and goes to the core's
 * {@link SipRequestHandler} on the JAIN-SIP thread it arrived on; the core's answers are sent on
 * the send executor. Requests the core leaves unanswered past {@code timeouts.answer} get 500
 * ({@link #sweep}, run by the adapter's timer). Thread-safe.
 */
public final class InboundRequests {
    private static final Logger log = LoggerFactory.getLogger(InboundRequests.class);
    private final SipRequestHandler handler;
    private final WireMessages wire;
    private final Executor executor;
    private final SipStats stats;
    private final Identifiers ids;
    private final long answerNanos;
    private final int t1Millis;
    private final String advertisedHost;
    private final Set<PendingRequest> pending = ConcurrentHashMap.newKeySet();
    private final CompletedTransactions completed;

    public InboundRequests(SipRequestHandler handler, WireMessages wire, Executor executor, SipStats stats, Identifiers ids,
                           Duration answerTimeout, Duration t1, String advertisedHost, CompletedTransactions completed) {
        this.handler = handler;
        this.wire = wire;
        this.executor = executor;
        this.stats = stats;
        this.ids = ids;
        this.answerNanos = answerTimeout.toNanos();
        this.t1Millis = (int) t1.toMillis();
        this.advertisedHost = advertisedHost;
        this.completed = completed;
    }

    /** Called by the SIP listener on a JAIN-SIP thread for every request the valve let through. */
    public void accept(RequestEvent event) {
        SIPRequest r = (SIPRequest) event.getRequest();
        SipProvider provider = (SipProvider) event.getSource();
        ServerTransaction st = event.getServerTransaction();
        try {
            if (st == null) {
                st = provider.getNewServerTransaction(r);
            }
            st.setRetransmitTimer(t1Millis);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission raced its original: the transaction answers it
        } catch (SipException | RuntimeException e) {
            log.debug("no server transaction for {}: {}", r.getFirstLine().trim(), e.toString());
            try {
                provider.sendResponse(r.createResponse(500, "Server Internal Error (no transaction available)"));
                stats.responseSent(500);
            } catch (SipException | RuntimeException again) {
                log.debug("could not answer 500 either: {}", again.toString());
            }
            return;
        }
        String trusted = r.getApplicationData() instanceof RequestValve.Admission a ? a.peer() : "";
        String toTag = r.getToTag();
        SipTransport transport = transportOf(r);
        String peer = peerOf(r, transport);
        PendingRequest p = new PendingRequest(this, r, st, NeutralMessages.request(r), peer, transport, trusted,
                toTag != null ? toTag : ids.newTag(), System.nanoTime() + answerNanos);
        pending.add(p);
        try {
            handler.onRequest(p);
        } catch (RuntimeException e) {
            log.warn("the gateway core failed on {}: {}", p, e.toString(), e);
            respond(p, SipResponse.of(500, "Server Internal Error"));
        }
    }

    /** The transport {@code r} arrived on (the Via only says what the sender claims). */
    public static SipTransport transportOf(SIPRequest r) {
        SipTransport transport = r.getMessageChannel() instanceof MessageChannel ch ? SipTransport.byName(ch.getTransport())
                : SipTransport.byName(r.getTopmostVia().getTransport());
        return transport == null ? SipTransport.UDP : transport;
    }

    /** Transport and remote address of {@code r}, e.g. {@code udp 127.0.0.1:5070}. */
    public static String peerOf(SIPRequest r, SipTransport transport) {
        return transport.wireName() + " " + NetUtil.toSocketAddressString(new InetSocketAddress(r.getRemoteAddress(), r.getRemotePort()));
    }

    /** Sends {@code response} to {@code p} on the send executor. */
    CompletableFuture<Void> respond(PendingRequest p, SipResponse response) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        if (response.isFinal() && !p.answered.compareAndSet(false, true)) {
            log.warn("{} was already answered; {} {} not sent", p, response.status(), response.reason());
            sent.completeExceptionally(new IllegalStateException(p + " was already answered"));
            return sent;
        }
        if (p.transport() == SipTransport.UDP && !resolvesMaddr(p.wire)) {
            // a UDP answer goes to the Via's received address through the listening socket: it never
            // connects or resolves, so it is sent on the caller's thread, saving a thread hop (P-03)
            sendAndLetGo(p, response, sent);
            return sent;
        }
        try {
            executor.execute(() -> sendAndLetGo(p, response, sent));
        } catch (RejectedExecutionException e) {
            log.debug("{} {} to {} not sent: send queue full or stopping", response.status(), response.reason(), p);
            if (response.isFinal()) {
                pending.remove(p);
            }
            sent.completeExceptionally(e);
        }
        return sent;
    }

    /**
     * Sends, then (for a final answer) takes the request off the pending set: a stop waits while
     * requests are pending, so it must not close the listening points between the two (a final 503
     * while stopping was lost that way, issue 13).
     */
    private void sendAndLetGo(PendingRequest p, SipResponse response, CompletableFuture<Void> sent) {
        boolean ok;
        try {
            ok = send(p, response);
        } finally {
            if (response.isFinal()) {
                pending.remove(p);
            }
        }
        if (ok) {
            sent.complete(null);
        } else {
            sent.completeExceptionally(new IllegalStateException(response.status() + " to " + p + " not sent"));
        }
    }

    private boolean send(PendingRequest p, SipResponse response) {
        try {
            SIPResponse r = wire.response(p.wire, response, p.localTag());
            if (response.isSuccess() && p.wire.getMethod().equals("SUBSCRIBE") && r.getHeader("Contact") == null) {
                r.addHeader(wire.header("Contact", "<" + contact(p) + ">"));
            }
            if (r.getHeader("Server") == null) {
                r.addHeader(RawHeader.of("Server", "stoxgw"));
            }
            String completedKey = response.isFinal() ? completedKey(p) : null;
            if (completedKey != null) {
                // P-08: JAIN-SIP's Timer J is 64 of these base intervals; the table answers retransmissions
                // for the real 64*T1 instead, so JAIN-SIP can let go of the transaction after 64 ms
                p.transaction.setRetransmitTimer(1);
            }
            InetSocketAddress destination = completedKey != null ? responseDestination(p.wire) : null;
            if (completedKey != null) {
                // remembered before it leaves: JAIN-SIP lets go 64 ms after the send, and a retransmission
                // arriving then must find the table already holding the answer, however late this thread runs;
                // the bytes are the ones JAIN-SIP encoded for the wire (no encoding of our own)
                SentDatagrams.onNext(bytes -> completed.remember(completedKey, bytes, destination));
            }
            // counted before it leaves: the receiver may look at the counters as soon as it has the answer
            stats.responseSent(response.status());
            try {
                p.transaction.sendResponse(r);
            } catch (SipException | InvalidArgumentException | RuntimeException e) {
                stats.responseNotSent(response.status());
                throw e;
            } finally {
                if (completedKey != null && !SentDatagrams.clear()) {
                    // not sent through a listening point of ours (JAIN-SIP's own UDP processor): encoded here
                    completed.remember(completedKey, r.encodeAsBytes(p.transport().name()), destination);
                }
            }
            return true;
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("{} {} to {} not sent: {}", response.status(), response.reason(), p, e.toString());
            return false;
        }
    }

    /**
     * The {@link CompletedTransactions} key of a request whose completed state the table keeps: non-INVITE
     * over UDP with an RFC 3261 branch and no {@code maddr} (responses then go to the Via's received and
     * rport, RFC 3261 section 18.2.2 and RFC 3581); null for the rest, whose transactions JAIN-SIP keeps.
     */
    private String completedKey(PendingRequest p) {
        if (completed == null || p.transport() != SipTransport.UDP) {
            return null;
        }
        return CompletedTransactions.keyOf(p.wire);
    }

    /**
     * Whether answering {@code r} means a DNS lookup: a top Via {@code maddr} that is a host name (RFC 3261
     * section 18.2.2), which JAIN-SIP resolves blocking; such an answer is sent on the send executor.
     */
    private static boolean resolvesMaddr(SIPRequest r) {
        String maddr = r.getTopmostVia().getMAddr();
        return maddr != null && !NetUtil.isValidIpV4Address(maddr) && !NetUtil.isValidIpV6Address(maddr);
    }

    /** Where UDP responses to {@code r} go: the Via's received address (or host) and rport (or port, or 5060). */
    private static InetSocketAddress responseDestination(SIPRequest r) {
        Via top = r.getTopmostVia();
        String host = top.getReceived() != null ? top.getReceived() : top.getHost();
        int port = top.getRPort() > 0 ? top.getRPort() : top.getPort() > 0 ? top.getPort() : 5060;
        return new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), port);
    }

    /** Our Contact for a dialog created by {@code p}: where it arrived, with the addressed user. */
    private String contact(PendingRequest p) {
        return contactFor(p.wire, p.transport(), advertisedHost);
    }

    /**
     * Our Contact URI for a dialog created by request {@code r} (RFC 3261 section 12.1.1): the
     * address and port it arrived on (or {@code advertisedHost}), its transport, the addressed user.
     */
    public static String contactFor(SIPRequest r, SipTransport transport, String advertisedHost) {
        String user = r.getTo().getAddress().getURI() instanceof SipUri u && u.getUser() != null ? u.getUser() + "@" : "";
        String host = advertisedHost.isEmpty() ? NetUtil.toAddressString(r.getLocalAddress()) : advertisedHost;
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String scheme = transport == SipTransport.TLS ? "sips:" : "sip:";
        return scheme + user + host + ":" + r.getLocalPort() + ";transport=" + transport.wireName();
    }

    /** Answers 500 to requests the core left unanswered too long. Run periodically. */
    public void sweep() {
        long now = System.nanoTime();
        for (PendingRequest p : pending) {
            if (now - p.deadlineNanos > 0 && !p.answered.get()) {
                stats.unansweredByCore();
                log.warn("the gateway core did not answer {} in time; answering 500", p);
                respond(p, SipResponse.of(500, "Server Internal Error (no answer from the gateway core)"));
            }
        }
    }

    /** Answers every request still waiting for the core (the adapter stops), with {@code headers} (name, value, ...). */
    public void answerAll(int status, String reason, String... headers) {
        SipResponse r = new SipResponse(status, reason, org.stoxgw.mapping.sip.SipHeaders.of(headers), null);
        for (PendingRequest p : pending) {
            if (!p.answered.get()) {
                respond(p, r);
            }
        }
    }

    public int inFlight() {
        return pending.size();
    }
}
