package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.convert.RawHeader;

/**
 * Offer/answer inside one call after the first exchange: re-INVITE (RFC 3261 section 14) and
 * UPDATE (RFC 3311) both ways, glare (491 and the random retry of section 14.1), and session
 * refreshes that change nothing (RFC 4028; RFC 3264 section 8: an SDP with the last {@code o=}
 * line is no change), which are answered here and never reach the owner. On the call's loop.
 */
final class Negotiation {
    private static final Logger log = LoggerFactory.getLogger(Negotiation.class);
    /** 491 retries of one offer of ours before its stage completes with the 491. */
    private static final int GLARE_RETRIES = 3;
    private final CallSession s;
    /** The last SDP we sent and the last the peer sent (null: none yet). */
    SipBody lastLocal;
    SipBody lastRemote;
    private Outgoing outgoing;
    private Incoming incoming;

    Negotiation(CallSession s) {
        this.s = s;
    }

    /** Whether an offer of ours or of the peer's is not answered yet. */
    boolean busy() {
        return outgoing != null || incoming != null;
    }

    // ---- incoming ----------------------------------------------------------------------------

    /** A re-INVITE or UPDATE from the peer. */
    void onOffer(SIPRequest r, ServerTransaction st) {
        boolean invite = r.getMethod().equals(Request.INVITE);
        if (outgoing != null) {
            // RFC 3261 section 14.2, RFC 3311 section 5.2: our own offer is in progress
            respond(st, r, 491, "Request Pending", null, SipHeaders.EMPTY);
            return;
        }
        if (incoming != null) {
            // RFC 3261 section 14.2 and RFC 3311 section 5.2: an offer of the peer's is still unanswered
            respond(st, r, 500, "Server Internal Error (offer pending)", null,
                    SipHeaders.of("Retry-After", Integer.toString(ThreadLocalRandom.current().nextInt(1, 11))));
            return;
        }
        SipRequest neutral = NeutralMessages.request(r);
        s.timer.peerRequest(neutral);
        SipBody offer = neutral.body();
        if (offer.isEmpty() || sameOrigin(offer, lastRemote)) {
            // a refresh (RFC 4028) or an unchanged SDP: answered with what we already agreed
            SipBody answer = offer.isEmpty() && !invite ? null : lastLocal;
            respond(st, r, 200, "OK", answer, s.timer.responseHeaders());
            return;
        }
        Incoming in = new Incoming(r, st, neutral);
        incoming = in;
        s.fire(l -> l.onOffer(s, in));
    }

    /** What the owner answers to one offer of the peer's. */
    private final class Incoming implements Renegotiation {
        private final SIPRequest wire;
        private final ServerTransaction st;
        private final SipRequest request;
        private boolean answered;

        Incoming(SIPRequest wire, ServerTransaction st, SipRequest request) {
            this.wire = wire;
            this.st = st;
            this.request = request;
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public SipRequest request() {
            return request;
        }

        @Override
        public void accept(SipBody body) {
            answer();
            lastRemote = request.body();
            lastLocal = body;
            respond(st, wire, 200, "OK", body, s.timer.responseHeaders());
        }

        @Override
        public void reject(int status, String reasonPhrase) {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("not a failure status: " + status);
            }
            answer();
            respond(st, wire, status, reasonPhrase, null, SipHeaders.EMPTY);
        }

        private void answer() {
            s.checkLoop();
            if (answered) {
                throw new IllegalStateException(request.method() + " of call " + s.id() + " was already answered");
            }
            answered = true;
            incoming = null;
        }
    }

    private void respond(ServerTransaction st, SIPRequest r, int status, String phrase, SipBody body, SipHeaders h) {
        try {
            SIPResponse resp = s.layer.env.wire().response(r, new SipResponse(status, phrase,
                    status < 300 ? contact(h) : h, body == null ? SipBody.EMPTY : body), s.localTag);
            s.layer.sends.respond(s, st, resp);
        } catch (ParseException e) {
            log.warn("call {}: {} not built: {}", s.id(), status, e.toString());
        }
    }

    private SipHeaders contact(SipHeaders h) {
        return h.contains("Contact") ? h : h.with("Contact", "<" + s.contact() + ">");
    }

    // ---- outgoing ----------------------------------------------------------------------------

    /** One offer of ours: re-INVITE or UPDATE, with its 491 retries. */
    private final class Outgoing {
        final String method;
        final SipBody offer;
        final boolean refresh;
        final CompletableFuture<SipResponse> result = new CompletableFuture<>();
        int attempts;

        Outgoing(String method, SipBody offer, boolean refresh) {
            this.method = method;
            this.offer = offer;
            this.refresh = refresh;
        }
    }

    /**
     * Sends a re-INVITE or UPDATE with {@code offer} ({@link SipBody#EMPTY}: an UPDATE refresh). The
     * stage completes on the loop with the final response (the ACK of a 2xx to re-INVITE is sent);
     * exceptionally when the call is not in a state for it, another offer is pending (RFC 3261
     * section 14.1) or no final response came.
     */
    CompletionStage<SipResponse> send(String method, SipBody offer, boolean refresh) {
        s.checkLoop();
        boolean invite = method.equals(Request.INVITE);
        String wrong = s.state() == CallState.TERMINATED || s.byeSent ? "the call is ending"
                : invite && s.state() != CallState.CONFIRMED ? "a re-INVITE needs a confirmed call"
                : s.state() == CallState.CALLING ? "an UPDATE needs at least an early dialog"
                : busy() ? "another offer is pending (RFC 3261 section 14.1)" : null;
        if (wrong != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(method + " on call " + s.id() + ": " + wrong));
        }
        Outgoing o = new Outgoing(method, offer, refresh);
        outgoing = o;
        attempt(o);
        return o.result;
    }

    private void attempt(Outgoing o) {
        o.attempts++;
        Request r;
        try {
            r = s.dialog.createRequest(o.method);
            if (!o.offer.isEmpty()) {
                r.setContent(o.offer.content(), s.layer.env.wire().contentType(o.offer.contentType()));
            }
            r.setHeader(s.layer.env.wire().header("Contact", "<" + s.contact() + ">"));
            for (SipHeaders.Field f : s.timer.requestHeaders().fields()) {
                r.addHeader(RawHeader.of(f.name(), f.value()));
            }
        } catch (Exception e) {
            finish(o, null, e);
            return;
        }
        s.layer.sends.request(s, s.dialog, r).whenComplete((resp, err) -> s.loop.execute(() -> onFinal(o, resp, err)));
    }

    private void onFinal(Outgoing o, SIPResponse resp, Throwable err) {
        if (outgoing != o) {
            return;
        }
        if (err != null) {
            finish(o, null, err);
            // RFC 3261 section 14.1: a re-INVITE timing out (408) ends the dialog
            if (err instanceof TimeoutException) {
                s.sendBye(Optional.of(SipReason.sip(408, o.method + " timed out")));
            }
            return;
        }
        int status = resp.getStatusCode();
        if (status == 491 && o.attempts <= GLARE_RETRIES && s.state() != CallState.TERMINATED) {
            // RFC 3261 section 14.1: the Call-ID's owner waits 2.1-4 s, the other party 0-2 s
            long ms = s.ownsCallId() ? ThreadLocalRandom.current().nextLong(2100, 4001)
                    : ThreadLocalRandom.current().nextLong(0, 2001);
            log.debug("call {}: 491 to our {}, retrying in {} ms", s.id(), o.method, ms);
            s.loop.schedule(() -> {
                if (outgoing == o && s.state() != CallState.TERMINATED && incoming == null) {
                    attempt(o);
                } else if (outgoing == o) {
                    finish(o, resp, null);
                }
            }, ms, TimeUnit.MILLISECONDS);
            return;
        }
        SipResponse neutral = NeutralMessages.response(resp);
        if (status / 100 == 2) {
            if (o.method.equals(Request.INVITE)) {
                s.ackFor(resp, null);
            }
            if (!o.offer.isEmpty()) {
                lastLocal = o.offer;
                lastRemote = neutral.body().isEmpty() ? lastRemote : neutral.body();
            }
            s.timer.answered(neutral);
        } else if (status == 481 || status == 408) {
            // RFC 3261 section 14.1 and 12.2.1.2: the dialog is gone
            s.end(new CallEnd(CallEnd.Cause.TIMEOUT, status, o.method + " answered " + status, Optional.empty()));
        }
        finish(o, resp, null);
    }

    private void finish(Outgoing o, SIPResponse resp, Throwable err) {
        outgoing = null;
        if (err != null) {
            o.result.completeExceptionally(err);
        } else {
            o.result.complete(NeutralMessages.response(resp));
        }
    }

    /** RFC 3264 section 8: an SDP whose {@code o=} line equals the last one changes nothing. */
    static boolean sameOrigin(SipBody sdp, SipBody last) {
        if (last == null || sdp.isEmpty()) {
            return false;
        }
        String a = origin(sdp);
        return a != null && a.equals(origin(last));
    }

    private static String origin(SipBody sdp) {
        for (String line : new String(sdp.content(), StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("o=")) {
                return line.trim();
            }
        }
        return null;
    }

    static boolean sameBytes(SipBody a, SipBody b) {
        return a != null && b != null && Arrays.equals(a.content(), b.content());
    }
}
