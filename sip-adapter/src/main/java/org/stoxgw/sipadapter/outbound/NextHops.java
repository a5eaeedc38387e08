package org.stoxgw.sipadapter.outbound;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.message.SIPRequest;
import io.netty.util.NetUtil;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import org.stoxgw.sipadapter.NextHop;
import org.stoxgw.sipadapter.SipRouting;
import org.stoxgw.sipadapter.convert.WireMessages;

/**
 * Where an outgoing request goes next (RFC 3261 sections 8.1.2, 12.2.1.1 and 26.2.2): the first Route
 * (rewriting for a strict router), else the outbound proxy, else a static route, else the Request-URI.
 * Stateless and thread-safe; what it reads of the routing is the snapshot it is given.
 */
final class NextHops {
    private NextHops() {
    }

    /**
     * RFC 3261 section 8.1.2 and 12.2.1.1: where the request goes next. A {@code sips:} Request-URI
     * needs TLS on every hop (RFC 3261 section 26.2.2): a Route, outbound proxy or static route
     * without a transport is then reached over TLS only, one that names another transport refuses
     * the request; it is never sent in clear text. A static route given as an address leaves the
     * routed domain in {@code o.serverDomain} (the name its certificate must prove).
     */
    static NextHop next(Outbound o, SIPRequest r, SipRouting routing, WireMessages wire) throws ParseException {
        NextHop hop = choose(o, r, routing, wire);
        boolean secure = r.getRequestURI() instanceof SipUri u && u.isSecure();
        if (!secure || hop.secure()) {
            return hop;
        }
        if (hop.transport().isPresent() && hop.transport().get() != org.stoxgw.sipadapter.SipTransport.TLS) {
            throw new ParseException("a sips: request needs TLS on every hop (RFC 3261 section 26.2.2), but the next hop "
                    + hop.host() + " is configured for " + hop.transport().get().wireName(), 0);
        }
        return new NextHop(hop.host(), hop.port(), hop.transport(), true);
    }

    private static NextHop choose(Outbound o, SIPRequest r, SipRouting routing, WireMessages wire)
            throws ParseException {
        RouteList routes = r.getRouteHeaders();
        if (routes != null && !routes.isEmpty()) {
            Route first = (Route) routes.getFirst();
            if (!(first.getAddress().getURI() instanceof SipUri uri)) {
                throw new ParseException("the first Route is not a SIP URI", 0);
            }
            if (!uri.hasLrParam()) {
                // a strict router (RFC 3261 section 12.2.1.1): it becomes the Request-URI and the
                // remote target goes last in the route set
                Route remoteTarget = (Route) wire.header("Route", "<" + r.getRequestURI() + ">");
                routes.removeFirst();
                routes.add(remoteTarget);
                SipUri ru = (SipUri) uri.clone();
                ru.removeParameter("method");
                ru.removeHeaders();
                r.setRequestURI(ru);
            }
            return hopOf(uri);
        }
        SipRouting now = routing;
        if (now.outboundProxy().isPresent()) {
            return now.outboundProxy().get();
        }
        if (!(r.getRequestURI() instanceof SipUri uri)) {
            throw new ParseException("cannot route a " + r.getRequestURI().getScheme()
                    + ": Request-URI without a Route or outbound proxy", 0);
        }
        String domain = uri.getHost().toLowerCase(Locale.ROOT);
        NextHop fixed = now.staticRoutes().get(domain);
        if (fixed != null && isLiteral(fixed.host())) {
            // the route's address serves the domain: that domain is what its certificate must name
            o.serverDomain = domain;
        }
        return fixed != null ? fixed : hopOf(uri);
    }

    private static NextHop hopOf(SipUri uri) {
        String t = uri.getTransportParam();
        Optional<org.stoxgw.sipadapter.SipTransport> transport = Optional.ofNullable(
                t == null ? null : org.stoxgw.sipadapter.SipTransport.byName(t));
        if (t != null && transport.isEmpty()) {
            throw new IllegalArgumentException("unsupported transport " + t + " in " + uri);
        }
        return new NextHop(uri.getHost(), Math.max(0, uri.getPort()), transport, uri.isSecure());
    }

    /**
     * The next hop of a request inside a dialog (RFC 3261 section 12.2.1.1): the first Route of its
     * route set, else its Request-URI (the remote target); no outbound proxy or static route, which
     * stay in the path only if they record-routed.
     *
     * @throws ParseException when that URI is not a SIP URI or names an unknown transport
     */
    static NextHop inDialog(SIPRequest r) throws ParseException {
        RouteList routes = r.getRouteHeaders();
        javax.sip.address.URI uri = routes != null && !routes.isEmpty()
                ? ((Route) routes.getFirst()).getAddress().getURI() : r.getRequestURI();
        if (!(uri instanceof SipUri sip)) {
            throw new ParseException("the next hop " + uri + " is not a SIP URI", 0);
        }
        try {
            return hopOf(sip);
        } catch (IllegalArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    static boolean isLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    }
}
