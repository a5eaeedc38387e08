package org.stoxgw.sipadapter.inbound;

import java.net.InetAddress;
import java.util.Set;
import java.util.function.Supplier;
import org.stoxgw.sipadapter.IpNetwork;
import org.stoxgw.sipadapter.SipTrust;
import org.stoxgw.sipadapter.SipTrust.TrustedPeer;

/**
 * Decides whether a request may enter (SEC-01): its source must match a trusted peer (network
 * and/or TLS certificate name) that may speak for the request's From domain. The SIP domains the
 * gateway serves itself are never covered by a wildcard: nobody on the SIP side may pretend to be
 * a user the gateway represents unless a peer lists that domain explicitly. Immutable, thread-safe.
 */
final class TrustPolicy {
    /** The outcome: the admitting peer, or why none admitted the request. */
    record Verdict(TrustedPeer peer, String refusal) {
        boolean admitted() {
            return peer != null;
        }
    }

    private final SipTrust trust;
    private final Set<String> servedDomains;

    TrustPolicy(SipTrust trust, Set<String> servedDomains) {
        this.trust = trust;
        this.servedDomains = Set.copyOf(servedDomains);
    }

    /**
     * @param source    the packet's source address
     * @param certNames names in the TLS client certificate (empty when not TLS or none sent); only
     *                  evaluated for peers that list certificate names
     * @param fromHost  host of the From URI, lower case ("" for URIs without one)
     * @param spiral    the request carries a Via of this gateway (its own request coming back
     *                  retargeted), so a From in a served domain is genuine
     */
    Verdict admit(InetAddress source, Supplier<Set<String>> certNames, String fromHost, boolean spiral) {
        boolean sourceKnown = false;
        for (TrustedPeer p : trust.peers()) {
            if (!inNetworks(p, source)) {
                continue;
            }
            if (!p.certificateNames().isEmpty() && !namesMatch(p, certNames.get())) {
                continue;
            }
            sourceKnown = true;
            if (p.speaksFor(fromHost, !spiral && servedDomains.contains(fromHost))) {
                return new Verdict(p, null);
            }
        }
        return new Verdict(null, sourceKnown ? "peer may not send for " + (fromHost.isEmpty() ? "this From" : fromHost)
                : "source not trusted");
    }

    private static boolean inNetworks(TrustedPeer p, InetAddress source) {
        if (p.networks().isEmpty()) {
            return true;
        }
        for (IpNetwork n : p.networks()) {
            if (n.contains(source)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesMatch(TrustedPeer p, Set<String> names) {
        for (String n : p.certificateNames()) {
            if (names.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
