package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.util.concurrent.EventExecutor;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.inbound.InboundRequests;

/**
 * An incoming call (UAS, RFC 3261 section 13.3): answers the INVITE as the owner says, takes the
 * ACK, CANCEL (487, RFC 3261 section 9.2) and BYE. On the call's loop.
 */
final class UasSession extends CallSession implements IncomingCall {
    private static final Logger log = LoggerFactory.getLogger(UasSession.class);
    private final SIPRequest inviteWire;
    private final SipRequest invite;
    private final ServerTransaction st;
    private final String peer;
    private final String trustedPeer;
    /** A final response went out. */
    private boolean answered;
    private boolean acked;
    /** Hung up after our 2xx but before its ACK: BYE once the ACK is in (RFC 3261 section 15). */
    private Optional<SipReason> byeAfterAck;
    /** A reliable provisional response waits for its PRACK (RFC 3262 section 3): later answers wait too. */
    private boolean prackPending;
    private final java.util.ArrayDeque<Runnable> afterPrack = new java.util.ArrayDeque<>();
    private final boolean requires100rel;
    private final boolean supports100rel;

    UasSession(InviteLayer layer, EventExecutor loop, SIPRequest inviteWire, ServerTransaction st, Dialog dialog,
               String localTag, SipTransport transport, String peer, String trustedPeer) {
        super(layer, loop, inviteWire.getCallId().getCallId(), localTag, transport);
        this.inviteWire = inviteWire;
        this.invite = NeutralMessages.request(inviteWire);
        this.st = st;
        this.dialog = dialog;
        this.peer = peer;
        this.trustedPeer = trustedPeer;
        this.remoteTag = inviteWire.getFromTag();
        this.requires100rel = SessionTimer.hasToken(invite.headers(), "Require", "100rel");
        this.supports100rel = SessionTimer.supports(invite.headers(), "100rel");
        if (!invite.body().isEmpty()) {
            negotiation.lastRemote = invite.body();
        }
        timer.uasOffered(invite);
    }

    @Override
    boolean ownsCallId() {
        return false;
    }

    @Override
    String fallbackContact() {
        return InboundRequests.contactFor(inviteWire, transport, layer.env.advertisedHost());
    }

    /** Runs {@code action} now, or after the PRACK of the reliable provisional response in flight. */
    private boolean deferred(Runnable action) {
        if (prackPending) {
            afterPrack.add(action);
            return true;
        }
        return false;
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public String trustedPeer() {
        return trustedPeer;
    }

    @Override
    public void listen(CallListener l) {
        checkLoop();
        this.listener = Objects.requireNonNull(l, "listener");
    }

    @Override
    public void provisional(int status, String reason, SipBody body) {
        checkLoop();
        if (status <= 100 || status > 199) {
            throw new IllegalArgumentException("not a provisional status for a call: " + status);
        }
        requireUnanswered("provisional");
        if (deferred(() -> provisional(status, reason, body))) {
            return;
        }
        boolean reliable = requires100rel || (supports100rel && layer.env.settings().reliableProvisionals() && !body.isEmpty());
        if (reliable) {
            sendReliable(status, reason, body);
        } else {
            send(new SipResponse(status, reason, contact(SipHeaders.EMPTY), body));
        }
        if (!body.isEmpty()) {
            negotiation.lastLocal = body;
        }
        if (state == CallState.CALLING) {
            state = CallState.EARLY;
        }
    }

    /** RFC 3262: JAIN-SIP adds Require: 100rel and RSeq and retransmits until the PRACK. */
    private void sendReliable(int status, String reason, SipBody body) {
        try {
            SIPResponse r = (SIPResponse) dialog.createReliableProvisionalResponse(status);
            r.setReasonPhrase(reason);
            r.getTo().setTag(localTag);
            r.setHeader(layer.env.wire().header("Contact", "<" + fallbackContact() + ">"));
            if (!body.isEmpty()) {
                r.setContent(body.content(), layer.env.wire().contentType(body.contentType()));
            }
            prackPending = true;
            layer.sends.reliable(this, dialog, r);
        } catch (javax.sip.SipException | javax.sip.InvalidArgumentException | ParseException e) {
            prackPending = false;
            log.warn("call {}: reliable {} not sent ({}); sending it unreliably", id(), status, e.toString());
            send(new SipResponse(status, reason, contact(SipHeaders.EMPTY), body));
        }
    }

    /** The PRACK of our reliable provisional response (JAIN-SIP matched its RAck). */
    @Override
    void onPrack(SIPRequest r, ServerTransaction prackSt) {
        respond(prackSt, r, 200, "OK");
        prackPending = false;
        while (!prackPending && !afterPrack.isEmpty()) {
            afterPrack.poll().run();
        }
    }

    @Override
    public void accept(SipBody body, SipHeaders headers) {
        checkLoop();
        requireUnanswered("accept");
        if (deferred(() -> accept(body, headers))) {
            return;
        }
        answered = true;
        SipHeaders h = timer.uasAnswerHeaders(InviteLayer.withAllow(contact(headers)).with("Supported", "timer"),
                SessionTimer.supports(invite.headers(), "timer"));
        send(new SipResponse(200, "OK", h, body));
        if (!body.isEmpty()) {
            negotiation.lastLocal = body;
        }
        state = CallState.CONFIRMED;
    }

    @Override
    public void reject(int status, String reasonPhrase, Optional<SipReason> reason) {
        checkLoop();
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("not a failure status: " + status);
        }
        requireUnanswered("reject");
        if (deferred(() -> reject(status, reasonPhrase, reason))) {
            return;
        }
        answered = true;
        SipHeaders h = reason.map(r -> SipHeaders.of("Reason", r.headerValue())).orElse(SipHeaders.EMPTY);
        send(new SipResponse(status, reasonPhrase, h, SipBody.EMPTY));
        end(new CallEnd(CallEnd.Cause.REJECTED, status, reasonPhrase, reason));
    }

    @Override
    public void hangup(Optional<SipReason> reason) {
        checkLoop();
        if (state == CallState.TERMINATED || byeSent) {
            return;
        }
        if (!answered) {
            // an unanswered call the gateway gives up: 480 (RFC 3261 section 21.4.18)
            reject(480, "Temporarily Unavailable", reason);
        } else if (!acked) {
            byeAfterAck = reason;
        } else {
            sendBye(reason);
        }
    }

    private void requireUnanswered(String what) {
        if (answered || state == CallState.TERMINATED) {
            throw new IllegalStateException(what + ": call " + id() + " was already answered or ended");
        }
    }

    private SipHeaders contact(SipHeaders h) {
        return h.contains("Contact") ? h
                : h.with("Contact", "<" + InboundRequests.contactFor(inviteWire, transport, layer.env.advertisedHost()) + ">");
    }

    private void send(SipResponse r) {
        try {
            SIPResponse resp = layer.env.wire().response(inviteWire, r, localTag);
            layer.sends.respond(this, st, resp);
        } catch (ParseException e) {
            throw new IllegalArgumentException("response " + r.status() + " not valid: " + e.getMessage(), e);
        }
    }

    /** The ACK for our 2xx (retransmissions of it, and ACKs of re-INVITEs, arrive here too and are ignored). */
    @Override
    void onAck(SIPRequest ack) {
        if (acked || state != CallState.CONFIRMED) {
            return;
        }
        acked = true;
        SipBody body = NeutralMessages.request(ack).body();
        if (!body.isEmpty()) {
            negotiation.lastRemote = body;
        }
        fire(l -> l.onConfirmed(this, body));
        if (byeAfterAck != null) {
            sendBye(byeAfterAck);
        }
    }

    /** CANCEL (answered 200 already): 487 to the INVITE unless it was answered (RFC 3261 section 9.2). */
    void onCancel(SIPRequest cancel) {
        if (answered || state == CallState.TERMINATED) {
            return;
        }
        answered = true;
        send(SipResponse.of(487, "Request Terminated"));
        end(new CallEnd(CallEnd.Cause.REMOTE_CANCEL, 487, "cancelled by the caller", reasonOf(cancel)));
    }

    /**
     * The INVITE transaction timed out: no ACK for our 2xx within 64*T1 (RFC 3261 section
     * 13.3.1.4: the session ends with a BYE), or no PRACK for a reliable provisional (RFC 3262
     * section 3: the INVITE gets a 5xx).
     */
    void onAckTimeout() {
        if (prackPending && !answered) {
            prackPending = false;
            afterPrack.clear();
            answered = true;
            send(SipResponse.of(504, "Server Time-out (no PRACK)"));
            end(new CallEnd(CallEnd.Cause.TIMEOUT, 504, "no PRACK for a reliable provisional response", Optional.empty()));
            return;
        }
        if (state != CallState.CONFIRMED || acked) {
            return;
        }
        log.debug("call {}: no ACK for the 2xx", id());
        acked = true;
        sendBye(Optional.of(SipReason.sip(408, "no ACK")));
        end(new CallEnd(CallEnd.Cause.TIMEOUT, 408, "no ACK for the 2xx", Optional.empty()));
    }

    @Override
    void shutdown() {
        if (!answered) {
            answered = true;
            send(SipResponse.of(503, "Service Unavailable (shutting down)"));
            end(new CallEnd(CallEnd.Cause.LOCAL_FAILURE, 503, "the SIP adapter stopped", Optional.empty()));
        } else {
            sendBye(Optional.of(SipReason.sip(503, "gateway shutting down")));
            end(new CallEnd(CallEnd.Cause.LOCAL_FAILURE, 503, "the SIP adapter stopped", Optional.empty()));
        }
    }
}
