package org.stoxgw.core.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipRequestHandler;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.StanzaHandler;

/**
 * Where both adapters deliver what they receive. Skeleton: refuses every request and stanza with
 * an error to its sender, until the translation paths are wired in.
 *
 * <p>Threading: entry points are called on adapter threads and return at once.
 */
public final class Router implements SipRequestHandler, StanzaHandler {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private final Engine engine;
    private final Traffic traffic;

    public Router(Engine engine, Traffic traffic) {
        this.engine = engine;
        this.traffic = traffic;
    }

    @Override
    public void onRequest(InboundSipRequest request) {
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
        request.respond(SipResponse.of(480, "Translation not available"));
    }

    @Override
    public void onStanza(InboundStanza stanza) {
        traffic.count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.RECEIVED);
        traffic.count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.REJECTED);
        log.debug("no translation yet for stanza from {}", stanza.remoteDomain());
    }

    Engine engine() {
        return engine;
    }
}
