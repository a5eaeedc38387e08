package org.stoxgw.core.routing;

import java.util.Locale;
import java.util.Objects;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipRequestHandler;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.StanzaHandler;

/**
 * Where both adapters deliver what they receive; hands each request or stanza to the path of its
 * STOX area: single messages (RFC 7572) or presence (RFC 8048). Anything else is refused with an
 * error to its sender.
 *
 * <p>Threading: entry points are called on adapter threads and return at once; each path hops
 * onto the event loop of the session concerned. The paths are set once, before the adapters start.
 */
public final class Router implements SipRequestHandler, StanzaHandler {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** The handlers of one STOX area, for both directions. */
    public interface Path extends SipRequestHandler, StanzaHandler { }

    private final Traffic traffic;
    private volatile Path messages;
    private volatile Path presence;
    private volatile DrainGate drain;

    public Router(Traffic traffic) {
        this.traffic = traffic;
    }

    /** Sets the area paths; called once while wiring, before the adapters start. */
    public void paths(Path messages, Path presence) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.presence = Objects.requireNonNull(presence, "presence");
    }

    /** Refuses new work while the gateway drains (set once while wiring). */
    public void drainGate(DrainGate gate) {
        this.drain = gate;
    }

    @Override
    public void onRequest(InboundSipRequest request) {
        DrainGate d = drain;
        if (d != null && d.refused(request)) {
            return;
        }
        String method = request.request().method().toUpperCase(Locale.ROOT);
        switch (method) {
            case "MESSAGE" -> messages.onRequest(request);
            case "SUBSCRIBE", "NOTIFY", "PUBLISH" -> presence.onRequest(request);
            default -> {
                // The SIP adapter admits only configured methods; one no path handles is refused
                // here rather than left to time out (RFC 3261 section 8.2.1).
                traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
                traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
                request.respond(SipResponse.of(501, "Not Implemented"));
            }
        }
    }

    @Override
    public void onStanza(InboundStanza stanza) {
        DrainGate d = drain;
        if (d != null && d.refused(stanza)) {
            return;
        }
        if (stanza.stanza() instanceof Message) {
            messages.onStanza(stanza);
        } else if (stanza.stanza() instanceof Presence) {
            presence.onStanza(stanza);
        } else {
            // IQs the XMPP adapter did not answer itself (it answers disco and refuses unknown
            // IQs): nothing to translate.
            log.debug("no path for {} from {}", stanza.stanza().getClass().getSimpleName(), stanza.remoteDomain());
        }
    }
}
