package org.stoxgw.core.messages;

import java.time.Instant;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Session;
import org.stoxgw.core.engine.SessionContext;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.engine.Traffic.Outcome;
import org.stoxgw.core.routing.AdapterFailures;
import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.mapping.error.SipErrors;
import org.stoxgw.mapping.message.ErrorStanzas;
import org.stoxgw.mapping.message.XmppToSipMessage;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * One XMPP message on its way to SIP: translate, check the size, send the MESSAGE, and let the
 * final response decide (spec 03 table 2.4): a 2xx ends it silently (IM-07), a 3xx–6xx or a local
 * failure goes back to the XMPP sender as the mapped stanza error (RFC 7247 §7.2, IM-15 for size).
 * A CPIM-wrapped text answered 415 is sent once more as text/plain (the receipt request is lost,
 * the text is not).
 *
 * <p>Threading: everything runs on the session's loop; the SIP outcome hops onto it. No locks.
 */
final class XmppToSipSession extends Session {
    private static final Logger log = LoggerFactory.getLogger(XmppToSipSession.class);

    private final MessagePath path;
    private final Message message;
    private XmppToSipMessage.Translated translated;
    private boolean counted;
    private boolean finished;
    private boolean fellBack;
    private final long startedNanos = System.nanoTime();

    XmppToSipSession(SessionContext context, MessagePath path, Message message) {
        super(context);
        this.path = path;
        this.message = message;
    }

    /** Translates and sends; on the loop. */
    void start() {
        XmppToSipMessage.Result r = XmppToSipMessage.translate(message, path.addresses(), path.spellings(),
                path.x2sOptions(), path.identifiers(), Instant.now());
        if (r instanceof XmppToSipMessage.Nothing n) {
            log.debug("message {} from {}: nothing to send to SIP ({})", message.getStanzaId(), message.getFrom(), n.reason());
            close();
            return;
        }
        path.context().traffic().count(Traffic.Direction.XMPP_TO_SIP, Outcome.RECEIVED);
        counted = true;
        if (r instanceof XmppToSipMessage.Refused refused) {
            log.debug("message {} from {} refused: {}", message.getStanzaId(), message.getFrom(), refused.reason());
            fail(refused.error(), Outcome.REJECTED);
            return;
        }
        translated = (XmppToSipMessage.Translated) r;
        int size = XmppToSipMessage.wireSize(translated.request());
        if (size > path.settings().maxRequestSize()) {
            // IM-15 / M5: too large is refused before anything is sent
            fail(LocalFailure.TOO_LARGE.toXmpp("the message would make a SIP MESSAGE of " + size
                    + " bytes, more than the " + path.settings().maxRequestSize() + " allowed"), Outcome.REJECTED);
            return;
        }
        if (translated.otherLanguages() > 0) {
            log.debug("message {}: {} body/bodies in other languages not sent (AMB-M11)", message.getStanzaId(),
                    translated.otherLanguages());
        }
        send(translated.request());
    }

    private void send(SipRequest request) {
        path.context().sip().send(request).whenComplete((o, e) -> execute(() -> onOutcome(o, e)));
    }

    private void onOutcome(SipOutcome outcome, Throwable error) {
        if (finished) {
            return;
        }
        if (outcome instanceof SipOutcome.Response resp) {
            SipResponse r = resp.response();
            if (r.isSuccess()) {
                // IM-07: a 2xx is not reported to XMPP
                finish(Outcome.DELIVERED);
                close();
            } else if (r.status() == 415 && translated.plainFallback() != null && !fellBack) {
                fellBack = true;
                log.debug("message {}: message/cpim refused by {}, sending text/plain", message.getStanzaId(),
                        translated.request().requestUri());
                send(translated.plainFallback());
            } else {
                fail(SipErrors.toXmpp(r, path.addresses()), Outcome.FAILED);
            }
        } else if (outcome instanceof SipOutcome.Failure f) {
            fail(AdapterFailures.of(f.kind()).toXmpp(f.detail()), Outcome.FAILED);
        } else {
            log.warn("SIP send of message {} failed unexpectedly", message.getStanzaId(), error);
            fail(LocalFailure.REFUSED.toXmpp("internal error sending to SIP"), Outcome.FAILED);
        }
    }

    /** Reports {@code error} to the XMPP sender and ends the session. */
    private void fail(StanzaError error, Outcome outcome) {
        finish(outcome);
        if (outcome == Outcome.FAILED) {
            log.info("message {} from {} to {} failed: {}", message.getStanzaId(), message.getFrom(), message.getTo(),
                    error.getCondition());
        }
        Message bounce = ErrorStanzas.bounce(message, error);
        path.context().xmpp().send(bounce).whenComplete((o, e) -> {
            if (!(o instanceof XmppOutcome.Sent)) {
                log.warn("error for message {} could not be returned to {}: {}", message.getStanzaId(), message.getFrom(),
                        e != null ? e.toString() : o);
            }
        });
        close();
    }

    private void finish(Outcome outcome) {
        finished = true;
        path.context().traffic().count(Traffic.Direction.XMPP_TO_SIP, outcome);
        path.context().traffic().messageTime(Traffic.Direction.XMPP_TO_SIP, outcome, startedNanos);
    }

    @Override
    protected void onClose() {
        if (counted && !finished) {
            // closed from outside (shutdown) while the SIP transaction was open: still an answer for the sender
            fail(LocalFailure.STOPPING.toXmpp("the gateway is shutting down"), Outcome.FAILED);
        }
        path.context().engine().workDone();
    }
}
