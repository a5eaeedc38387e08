package org.stoxgw.sipadapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.routing}: how the next hop of an outgoing request is chosen when its Route
 * headers do not name one: the outbound proxy if set, else a static route for the target domain,
 * else RFC 3263 resolution of the target.
 *
 * @param outboundProxy every request goes here when set
 * @param staticRoutes  next hop per target domain (lower case)
 * @param transports    transports in order of preference when DNS has no NAPTR records
 * @param maxAttempts   targets tried at most per request
 */
public record SipRouting(Optional<NextHop> outboundProxy, Map<String, NextHop> staticRoutes,
                         List<SipTransport> transports, int maxAttempts) {

    public SipRouting {
        staticRoutes = Map.copyOf(staticRoutes);
        transports = List.copyOf(transports);
    }

    static SipRouting read(ConfigReader sip) {
        ConfigReader r = sip.section("routing");
        Optional<NextHop> proxy = Optional.empty();
        Optional<String> p = r.optionalString("outbound-proxy");
        if (p.isPresent()) {
            try {
                proxy = Optional.of(NextHop.parse(p.get()));
            } catch (IllegalArgumentException e) {
                r.problem("outbound-proxy", e.getMessage());
            }
        }
        Map<String, NextHop> routes = new LinkedHashMap<>();
        r.stringMap("static-routes").forEach((domain, hop) -> {
            try {
                routes.put(domain.toLowerCase(Locale.ROOT), NextHop.parse(hop));
            } catch (IllegalArgumentException e) {
                r.problem("static-routes", "\"" + domain + "\": " + e.getMessage());
            }
        });
        List<SipTransport> transports = new ArrayList<>();
        for (String t : r.strings("transports")) {
            SipTransport st = SipTransport.byName(t);
            if (st == null) {
                r.problem("transports", "unknown transport \"" + t + "\" (udp, tcp or tls)");
            } else if (!transports.contains(st)) {
                transports.add(st);
            }
        }
        if (transports.isEmpty()) {
            r.problem("transports", "at least one transport is required");
            transports.add(SipTransport.UDP);
        }
        return new SipRouting(proxy, routes, transports, r.integer("max-attempts", 1, 10));
    }
}
