package org.stoxgw.core.routing;

import java.util.List;
import org.stoxgw.config.DomainSettings;
import org.stoxgw.mapping.address.AddressPolicy;

/**
 * Converts configuration into mapping's policy values (mapping cannot depend on config).
 * Pure; called once at start-up and on reload.
 */
public final class Policies {

    private Policies() {
    }

    /**
     * The address policy for {@code gateway.domains}.
     *
     * @throws IllegalArgumentException if the domains contradict each other in a way config does
     *                                  not check (a SIP domain both SIP-homed and served for XMPP users)
     */
    public static AddressPolicy addressPolicy(DomainSettings domains) {
        return new AddressPolicy(pairs(domains.sipUsers()), pairs(domains.xmppUsers()), pairs(domains.gatewayDomains()));
    }

    private static List<AddressPolicy.DomainPair> pairs(List<DomainSettings.DomainPair> pairs) {
        return pairs.stream().map(p -> new AddressPolicy.DomainPair(p.sip(), p.xmpp())).toList();
    }
}
