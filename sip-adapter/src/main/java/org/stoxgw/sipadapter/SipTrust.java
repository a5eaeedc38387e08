package org.stoxgw.sipadapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.trust}: the peers allowed to send requests to the gateway and the From
 * domains each may speak for (SEC-01).
 *
 * @param peers the trusted peers, in config order
 */
public record SipTrust(List<TrustedPeer> peers) {

    public SipTrust {
        peers = List.copyOf(peers);
    }

    /**
     * One trusted peer. Every criterion it lists must match: the source address lies in one of
     * {@code networks} (when not empty) and, on TLS, the client certificate names one of
     * {@code certificateNames} (when not empty). It may send for the From domains in
     * {@code domains}: exact names, {@code *.example.net} for subdomains, {@code *} for any domain
     * the gateway does not serve itself.
     */
    public record TrustedPeer(String name, List<IpNetwork> networks, List<String> certificateNames, List<String> domains) {
        public TrustedPeer {
            networks = List.copyOf(networks);
            certificateNames = certificateNames.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            domains = domains.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }

        /** Whether this peer may speak for From domain {@code host} (lower case). */
        public boolean speaksFor(String host, boolean servedByGateway) {
            for (String d : domains) {
                if (d.equals(host)) {
                    return true;
                }
                if (d.equals("*") && !servedByGateway) {
                    return true;
                }
                if (d.startsWith("*.") && host.endsWith(d.substring(1)) && !servedByGateway) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return name + " (networks " + networks + ", certificates " + certificateNames + ", domains " + domains + ")";
        }
    }

    static SipTrust read(ConfigReader sip) {
        ConfigReader r = sip.section("trust");
        List<TrustedPeer> peers = new ArrayList<>();
        List<TrustedPeer> read = r.objects("peers", item -> {
            String name = item.string("name", "peer-" + (peers.size() + 1));
            List<IpNetwork> networks = new ArrayList<>();
            for (String n : item.strings("networks", List.of())) {
                try {
                    networks.add(IpNetwork.parse(n));
                } catch (IllegalArgumentException e) {
                    item.problem("networks", e.getMessage());
                }
            }
            List<String> certs = item.strings("certificate-names", List.of());
            List<String> domains = item.strings("domains", List.of());
            if (networks.isEmpty() && certs.isEmpty()) {
                item.problem("networks", "a trusted peer needs networks or certificate-names (or both)");
            }
            if (domains.isEmpty()) {
                item.problem("domains", "a trusted peer needs the From domains it may send for (\"*\" for any)");
            }
            TrustedPeer p = new TrustedPeer(name, networks, certs, domains);
            peers.add(p);
            return p;
        });
        return new SipTrust(read);
    }
}
