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
        send(new SipResponse(status, reason, contact(SipHeaders.EMPTY), body));
        if (state == CallState.CALLING) {
            state = CallState.EARLY;
        }
    }

    @Override
    public void accept(SipBody body, SipHeaders headers) {
        checkLoop();
        requireUnanswered("accept");
        answered = true;
        send(new SipResponse(200, "OK", InviteLayer.withAllow(contact(headers)), body));
        state = CallState.CONFIRMED;
    }

    @Override
    public void reject(int status, String reasonPhrase, Optional<SipReason> reason) {
        checkLoop();
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("not a failure status: " + status);
        }
        requireUnanswered("reject");
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

    /** The ACK for our 2xx (retransmissions of it arrive here too and are ignored). */
    void onAck(SIPRequest ack) {
        if (acked || state != CallState.CONFIRMED) {
            return;
        }
        acked = true;
        SipBody body = NeutralMessages.request(ack).body();
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

    /** No ACK for our 2xx within 64*T1 (RFC 3261 section 13.3.1.4): the session ends with a BYE. */
    void onAckTimeout() {
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
