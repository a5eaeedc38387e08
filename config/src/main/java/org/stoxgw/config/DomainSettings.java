package org.stoxgw.config;

import java.net.IDN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The domains the gateway serves ({@code gateway.domains}), in the two address modes of RFC 7247
 * deployments:
 * <ul>
 *   <li><b>direct mapping</b>: {@link #sipUsers()} pairs a SIP domain whose users live on SIP with
 *       the XMPP domain that stands for it (the gateway is the XMPP server of that XMPP domain);
 *       {@link #xmppUsers()} pairs an XMPP domain whose users live on XMPP with the SIP domain that
 *       stands for it (the gateway is the SIP server of that SIP domain);</li>
 *   <li><b>gateway-domain mode</b>: {@link #gatewayDomains()}, where any foreign address rides
 *       escaped in the local part ({@code romeo\40sip.example.net@gw.example.org},
 *       {@code sip:juliet%40xmpp.example.com@gw.example.org}).</li>
 * </ul>
 * Names are stored lower-case ASCII (A-labels for IDNs, AMB-14).
 */
public record DomainSettings(List<DomainPair> sipUsers, List<DomainPair> xmppUsers, List<DomainPair> gatewayDomains) {

    /** A SIP domain and the XMPP domain that stands for it. */
    public record DomainPair(String sip, String xmpp) { }

    public DomainSettings {
        sipUsers = List.copyOf(sipUsers);
        xmppUsers = List.copyOf(xmppUsers);
        gatewayDomains = List.copyOf(gatewayDomains);
    }

    /** Reads {@code domains} under {@code gateway}. */
    public static DomainSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("domains");
        List<DomainPair> sip = r.objects("sip-users", DomainSettings::pair);
        List<DomainPair> xmpp = r.objects("xmpp-users", DomainSettings::pair);
        List<DomainPair> gw = r.objects("gateway", DomainSettings::pair);
        DomainSettings d = new DomainSettings(sip, xmpp, gw);
        d.checkUnique(r);
        return d;
    }

    private static DomainPair pair(ConfigReader item) {
        String sip = domain(item, "sip");
        String xmpp = domain(item, "xmpp");
        return sip == null || xmpp == null ? null : new DomainPair(sip, xmpp);
    }

    private static String domain(ConfigReader item, String key) {
        String raw = item.string(key);
        try {
            return normalize(raw);
        } catch (IllegalArgumentException e) {
            item.problem(key, e.getMessage());
            return null;
        }
    }

    /**
     * Lower-case A-label form of a domain name; rejects what is not a host name (RFC 1123 LDH
     * labels, at most 253 octets). IP literals are not domains here.
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a domain name is required");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw.trim(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a valid domain name (" + e.getMessage() + ")");
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253 || ascii.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a valid domain name");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException("\"" + raw + "\" is not a valid domain name (bad label \"" + label + "\")");
            }
        }
        return ascii;
    }

    private void checkUnique(ConfigReader r) {
        // Every name the gateway answers for must have one meaning per side: a domain cannot be
        // both where users live and where the gateway presents the other side's users.
        Map<String, String> xmppOwners = new HashMap<>();
        Map<String, String> sipOwners = new HashMap<>();
        claim(r, xmppOwners, "sip-users", sipUsers, true);
        claim(r, xmppOwners, "gateway", gatewayDomains, true);
        claim(r, xmppOwners, "xmpp-users", xmppUsers, true);
        claim(r, sipOwners, "xmpp-users", xmppUsers, false);
        claim(r, sipOwners, "gateway", gatewayDomains, false);
        claim(r, sipOwners, "sip-users", sipUsers, false);
    }

    private static void claim(ConfigReader r, Map<String, String> owners, String list, List<DomainPair> pairs, boolean xmppSide) {
        for (DomainPair p : pairs) {
            String name = xmppSide ? p.xmpp() : p.sip();
            String prev = owners.putIfAbsent(name, list);
            if (prev != null) {
                r.problem(list, (xmppSide ? "XMPP" : "SIP") + " domain \"" + name + "\" is listed in both " + prev + " and "
                        + list);
            }
        }
    }

    /** The XMPP domains the gateway accepts server-to-server traffic for. */
    public Set<String> servedXmppDomains() {
        Set<String> s = new LinkedHashSet<>();
        sipUsers.forEach(p -> s.add(p.xmpp()));
        gatewayDomains.forEach(p -> s.add(p.xmpp()));
        return s;
    }

    /** The SIP domains the gateway is the SIP server for. */
    public Set<String> servedSipDomains() {
        Set<String> s = new LinkedHashSet<>();
        xmppUsers.forEach(p -> s.add(p.sip()));
        gatewayDomains.forEach(p -> s.add(p.sip()));
        return s;
    }

    /** One line per mode, for the start-up log. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        sipUsers.forEach(p -> out.add("SIP users of " + p.sip() + " appear on XMPP as @" + p.xmpp()));
        xmppUsers.forEach(p -> out.add("XMPP users of " + p.xmpp() + " appear on SIP as @" + p.sip()));
        gatewayDomains.forEach(p -> out.add("gateway domain " + p.xmpp() + " (XMPP) / " + p.sip() + " (SIP) for escaped foreign addresses"));
        return out;
    }
}
