package org.stoxgw.core.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.mapping.message.ErrorStanzas;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * While the gateway drains ({@code stoxgwctl drain}, for a rolling upgrade), new work is refused at the
 * door and everything under way goes on: a new SIP MESSAGE, an out-of-dialog SUBSCRIBE or INVITE gets
 * {@code 503 Service Unavailable} with {@code Retry-After} (RFC 3261 §21.5.4, §20.33: the sender tries
 * again later, or another gateway); a new XMPP message, a Jingle session-initiate or a XEP-0353 propose gets
 * {@code <resource-constraint/>} (type wait, RFC 6120 §8.3.3.18: retry later). In-dialog requests (NOTIFY,
 * BYE, refreshes), the other Jingle actions and JMI messages, and presence stanzas pass, so subscriptions
 * and calls in progress finish normally. Refusals are counted as received and rejected.
 * Thread-safe; one volatile read per request when not draining.
 */
public final class DrainGate {
    private static final Logger log = LoggerFactory.getLogger(DrainGate.class);

    private final Traffic traffic;
    private final XmppPort xmpp;
    private final Duration retryAfter;
    private volatile boolean draining;

    public DrainGate(Traffic traffic, XmppPort xmpp, Duration retryAfter) {
        this.traffic = traffic;
        this.xmpp = xmpp;
        this.retryAfter = retryAfter;
    }

    /** From now on, new work is refused. */
    public void close() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Answers {@code request} with 503 when it would start new work while draining; true if it did. */
    boolean refused(InboundSipRequest request) {
        if (!draining) {
            return false;
        }
        String method = request.request().method().toUpperCase(Locale.ROOT);
        boolean newWork = method.equals("MESSAGE")
                || (method.equals("SUBSCRIBE") || method.equals("INVITE")) && request.request().to().tag().isEmpty();
        if (!newWork) {
            return false;
        }
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
        log.debug("draining: {} from {} refused with 503", method, request.peer());
        request.respond(new SipResponse(503, "Service Unavailable (draining)",
                SipHeaders.of("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds()))), SipBody.EMPTY));
        return true;
    }

    /** Refuses a new message or call with resource-constraint while draining; true if it did. */
    boolean refused(InboundStanza stanza) {
        if (!draining) {
            return false;
        }
        Stanza s = stanza.stanza();
        boolean newCall = s instanceof Jingle j && j.getType() == IQ.Type.set && j.getAction() == JingleAction.session_initiate;
        boolean newMessage = s instanceof Message m && m.getType() != Message.Type.error
                && (!m.hasExtension(Router.JINGLE_MESSAGE) || m.hasExtension("propose", Router.JINGLE_MESSAGE));
        if (!newCall && !newMessage) {
            return false;
        }
        traffic.count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.RECEIVED);
        traffic.count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.REJECTED);
        StanzaError e = StanzaError.getBuilder(StanzaError.Condition.resource_constraint)
                .setDescriptiveTexts(Map.of("", "the gateway is draining for a restart; try again in "
                        + Math.max(1, retryAfter.toSeconds()) + " s")).build();
        xmpp.send(newCall ? IQ.createErrorResponse((IQ) s, e) : ErrorStanzas.bounce((Message) s, e));
        return true;
    }
}
