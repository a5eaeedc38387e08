package org.stoxgw.core.presence;

import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.routing.Router;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * Presence (RFC 8048) in both directions. Skeleton: refuses with an error to the sender.
 */
public final class PresencePath implements Router.Path {
    private final RoutingContext ctx;

    public PresencePath(RoutingContext ctx, PresenceSettings settings) {
        this.ctx = ctx;
    }

    @Override
    public void onRequest(InboundSipRequest request) {
        ctx.traffic().count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
        ctx.traffic().count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
        request.respond(SipResponse.of(480, "Translation not available"));
    }

    @Override
    public void onStanza(InboundStanza stanza) {
        ctx.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.RECEIVED);
        ctx.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.REJECTED);
    }
}
