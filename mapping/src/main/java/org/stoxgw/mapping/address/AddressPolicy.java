package org.stoxgw.mapping.address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which domains the gateway serves and in which address mode, the mapping-side mirror of config's
 * {@code DomainSettings} (mapping cannot depend on config; the core converts one into the other).
 * Several domains of each kind are allowed:
 * <ul>
 *   <li>{@link #sipHomed()}: direct mapping (RFC 7247) for SIP domains whose users live on SIP; each
 *       is presented on XMPP under its paired XMPP domain ({@code sip:romeo@sip.example.net} ↔
 *       {@code romeo@sip.example.net});</li>
 *   <li>{@link #xmppHomed()}: direct mapping for XMPP domains whose users live on XMPP; each is
 *       presented on SIP under its paired SIP domain ({@code juliet@example.com} ↔
 *       {@code sip:juliet@example.com});</li>
 *   <li>{@link #gatewayDomains()}: gateway-domain mode; any foreign address rides escaped in the
 *       local part ({@code romeo\40sip.example.net@gw.example.org},
 *       {@code sip:juliet%40xmpp.example.com@gw.example.org}).</li>
 * </ul>
 * Names are normalised to lower-case A-labels (AMB-14). The constructor rejects a domain served
 * twice on the same side, and a domain said to live on one side but also served for the other
 * (that would route traffic in a loop).
 */
public record AddressPolicy(List<DomainPair> sipHomed, List<DomainPair> xmppHomed, List<DomainPair> gatewayDomains) {

    /** A SIP domain and the XMPP domain that stands for it (or, for gateway domains, the gateway's two names). */
    public record DomainPair(String sip, String xmpp) {
        public DomainPair {
            sip = normalize(sip, "SIP");
            xmpp = normalize(xmpp, "XMPP");
        }

        private static String normalize(String name, String side) {
            Objects.requireNonNull(name, side + " domain");
            String ascii;
            try {
                ascii = DomainNames.toAscii(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(side + " domain \"" + Texts.quote(name) + "\": " + e.getMessage());
            }
            if (ascii.charAt(0) == '[' || DomainNames.isIpv4(ascii)) {
                throw new IllegalArgumentException(side + " domain \"" + name + "\" must be a domain name, not an IP address");
            }
            return ascii;
        }
    }

    public AddressPolicy {
        sipHomed = List.copyOf(sipHomed);
        xmppHomed = List.copyOf(xmppHomed);
        gatewayDomains = List.copyOf(gatewayDomains);
        List<String> problems = new ArrayList<>();
        // Each name the gateway answers for must have one meaning per side.
        Map<String, String> xmppSide = new HashMap<>();
        claim(problems, xmppSide, "XMPP", "sip-homed", sipHomed, false);
        claim(problems, xmppSide, "XMPP", "gateway", gatewayDomains, false);
        claim(problems, xmppSide, "XMPP", "xmpp-homed", xmppHomed, false);
        Map<String, String> sipSide = new HashMap<>();
        claim(problems, sipSide, "SIP", "xmpp-homed", xmppHomed, true);
        claim(problems, sipSide, "SIP", "gateway", gatewayDomains, true);
        claim(problems, sipSide, "SIP", "sip-homed", sipHomed, true);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A policy with the given pairs, for tests and small setups. */
    public static AddressPolicy of(List<DomainPair> sipHomed, List<DomainPair> xmppHomed, List<DomainPair> gatewayDomains) {
        return new AddressPolicy(sipHomed, xmppHomed, gatewayDomains);
    }

    private static void claim(List<String> problems, Map<String, String> owners, String side, String kind,
                              List<DomainPair> pairs, boolean sipName) {
        for (DomainPair p : pairs) {
            String name = sipName ? p.sip() : p.xmpp();
            String previous = owners.putIfAbsent(name, kind);
            if (previous != null) {
                problems.add(side + " domain \"" + name + "\" is listed as " + previous + " and as " + kind);
            }
        }
    }
}
