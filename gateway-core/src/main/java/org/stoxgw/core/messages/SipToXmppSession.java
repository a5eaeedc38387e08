package org.stoxgw.core.messages;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Session;
import org.stoxgw.core.engine.SessionContext;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.engine.Traffic.Outcome;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.mapping.error.XmppErrors;
import org.stoxgw.mapping.message.SipToXmppMessage;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * One SIP MESSAGE on its way to XMPP, from the request to the SIP answer (AMB-M01/M02):
 * <ol>
 *   <li>translate (a refusal is answered at once: 4xx, counted REJECTED);</li>
 *   <li>hand the stanza to the XMPP adapter and start the bounce window;</li>
 *   <li>answer 202 Accepted once the adapter reports the stanza taken by an authenticated stream
 *       <em>and</em> the window has passed without an error (MSG-04: a relay into a non-SIP domain
 *       cannot confirm delivery); a failure or an error bounce before that becomes the mapped SIP
 *       error (RFC 7247 §7.1), counted FAILED; no word from the adapter within the answer timeout
 *       gives 408.</li>
 * </ol>
 * The session ends when the answer is given; a bounce after that finds no session and is counted
 * as a late error by {@link MessagePath}.
 *
 * <p>Threading: everything runs on the session's loop; adapter callbacks hop onto it. No locks.
 */
final class SipToXmppSession extends Session {
    private static final Logger log = LoggerFactory.getLogger(SipToXmppSession.class);
    private static final List<String> ALLOW = List.of("MESSAGE");

    private final MessagePath path;
    private final InboundSipRequest request;
    private final String unique;
    private Jid target;
    private boolean taken;
    private boolean windowOver;
    private boolean answered;
    private boolean timedOut;
    private final long startedNanos = System.nanoTime();

    SipToXmppSession(SessionContext context, MessagePath path, InboundSipRequest request, String unique) {
        super(context);
        this.path = path;
        this.request = request;
        this.unique = unique;
    }

    /** Translates and sends; on the loop. */
    void start() {
        SipToXmppMessage.Result r = SipToXmppMessage.translate(request.request(), path.addresses(), unique, path.s2xOptions());
        if (r instanceof SipToXmppMessage.Refused refused) {
            log.debug("MESSAGE {} from {} refused: {}", request.request().callId(), request.peer(), refused.reason());
            answer(refused.response(), Outcome.REJECTED);
            return;
        }
        SipToXmppMessage.Translated t = (SipToXmppMessage.Translated) r;
        String fromUri = request.request().from().uri();
        if (mayHaveOwnSpelling(fromUri)) {
            SipUri from = SipUri.fromNameAddress(request.request().from()).orNull();
            if (from != null) {
                path.spellings().remember(path.addresses().spellingOf(from));
            }
        }
        target = t.to();
        path.typing(t);
        // the window starts when the stanza is handed over; set up before sending, because the
        // outcome may complete at once (and then runs inline, we are on the loop)
        // one timer per message where possible (thousands of messages a second each schedule one): the
        // window, and only if the stanza was not taken by its end, the rest of the answer timeout
        Duration window = path.settings().bounceWindow();
        Duration timeout = path.settings().answerTimeout();
        windowOver = window.isZero();
        if (!windowOver) {
            schedule(this::windowOver, window);
        }
        if (windowOver || timeout.compareTo(window) < 0) {
            schedule(this::answerTimeout, timeout);
        }
        path.context().xmpp().send(t.stanza()).whenComplete((o, e) -> execute(() -> onSent(o, e)));
    }

    /**
     * Whether a SIP address may be spelled otherwise than its JID (AMB-10): only upper case,
     * percent-encoding or non-ASCII can make a difference, so the common case skips a second parse.
     */
    static boolean mayHaveOwnSpelling(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c >= 'A' && c <= 'Z' || c == '%' || c > 0x7F) {
                return true;
            }
        }
        return false;
    }

    private void onSent(XmppOutcome outcome, Throwable error) {
        if (answered) {
            if (timedOut && outcome instanceof XmppOutcome.Sent) {
                log.info("message {} was taken by the XMPP side after its SIP sender got 408", key().id());
            }
            return;
        }
        if (outcome instanceof XmppOutcome.Sent) {
            taken = true;
            path.context().traffic().messageTime(Traffic.Direction.SIP_TO_XMPP, Outcome.DELIVERED, startedNanos);
            acceptIfDone();
        } else if (outcome instanceof XmppOutcome.Failed && path.context().engine().draining()) {
            // the XMPP side refused because the gateway stops: the sender may retry in a moment
            answer(LocalFailure.STOPPING.toSip("Service Unavailable (shutting down)"), Outcome.FAILED);
        } else if (outcome instanceof XmppOutcome.Failed f) {
            StanzaError e = StanzaError.getBuilder(f.condition())
                    .setDescriptiveTexts(f.detail() == null ? Map.of() : Map.of("", f.detail())).build();
            answer(XmppErrors.toSip(e, target, path.addresses(), ALLOW), Outcome.FAILED);
        } else {
            log.warn("XMPP send of message {} failed unexpectedly", key().id(), error);
            answer(LocalFailure.REFUSED.toSip("internal error sending to XMPP"), Outcome.FAILED);
        }
    }

    private void windowOver() {
        windowOver = true;
        acceptIfDone();
        Duration rest = path.settings().answerTimeout().minus(path.settings().bounceWindow());
        if (!answered && !rest.isNegative()) {
            schedule(this::answerTimeout, rest);
        }
    }

    private void acceptIfDone() {
        if (taken && windowOver && !answered) {
            // MSG-03: a 2xx to MESSAGE carries no body and no Contact
            answer(SipResponse.of(202, "Accepted"), Outcome.DELIVERED);
        }
    }

    private void answerTimeout() {
        if (!answered) {
            timedOut = true;
            answer(LocalFailure.TIMEOUT.toSip("the XMPP side did not take the message within "
                    + path.settings().answerTimeout().toMillis() + " ms"), Outcome.FAILED);
        }
    }

    /** An error bounce for this message (its id), from the XMPP side. */
    void onBounce(Message bounce) {
        if (target != null && bounce.getFrom() != null && !bounce.getFrom().getDomain().equals(target.getDomain())) {
            log.debug("ignoring an error for message {} from {}, which it was not sent to", key().id(), bounce.getFrom());
            return;
        }
        if (answered) {
            path.lateError(key().id(), bounce);
            return;
        }
        StanzaError e = bounce.getError();
        answer(XmppErrors.toSip(e != null ? e : StanzaError.getBuilder(StanzaError.Condition.undefined_condition).build(),
                target, path.addresses(), ALLOW), Outcome.FAILED);
    }

    private void answer(SipResponse response, Outcome outcome) {
        answered = true;
        path.context().traffic().count(Traffic.Direction.SIP_TO_XMPP, outcome);
        if (outcome != Outcome.DELIVERED) {
            path.context().traffic().messageTime(Traffic.Direction.SIP_TO_XMPP, outcome, startedNanos);
        }
        if (outcome == Outcome.FAILED) {
            log.info("MESSAGE {} from {} to {} failed: {} {}", request.request().callId(), request.request().from().uri(),
                    target, response.status(), response.reason());
        }
        request.respond(response).whenComplete((v, e) -> {
            if (e != null) {
                log.debug("answer {} to MESSAGE {} not sent: {}", response.status(), request.request().callId(), e.toString());
            }
        });
        close();
    }

    @Override
    protected void onClose() {
        if (!answered) {
            // closed from outside (shutdown) before an answer: the sender must still hear something
            answered = true;
            path.context().traffic().count(Traffic.Direction.SIP_TO_XMPP, Outcome.FAILED);
            request.respond(LocalFailure.STOPPING.toSip("Service Unavailable (shutting down)"));
        }
        path.context().engine().workDone();
    }
}
