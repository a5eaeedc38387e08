package org.stoxgw.mapping.address;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * The one place addresses cross between SIP and XMPP (RFC 7247 §6), in both address modes of an
 * {@link AddressPolicy}. Every path (message, presence, chat, errors) maps through here.
 *
 * <p><b>Which mode applies</b> is decided by the domain the gateway serves:
 * <table>
 *   <caption>Mode selection</caption>
 *   <tr><th>address</th><th>domain</th><th>result</th></tr>
 *   <tr><td>SIP target (Request-URI)</td><td>an xmpp-homed SIP domain</td><td>direct: the paired XMPP domain</td></tr>
 *   <tr><td></td><td>a gateway SIP domain</td><td>the JID written in the user part ({@code juliet%40xmpp.example.com})</td></tr>
 *   <tr><td>SIP sender (From)</td><td>a sip-homed SIP domain</td><td>direct: the paired XMPP domain</td></tr>
 *   <tr><td></td><td>any other domain</td><td>escaped under the target's gateway domain, else the first gateway domain, else refused</td></tr>
 *   <tr><td>XMPP target (to)</td><td>a sip-homed XMPP domain</td><td>direct: the paired SIP domain</td></tr>
 *   <tr><td></td><td>a gateway XMPP domain</td><td>the SIP address in the localpart ({@code romeo\40sip.example.net})</td></tr>
 *   <tr><td>XMPP sender (from)</td><td>an xmpp-homed XMPP domain</td><td>direct: the paired SIP domain</td></tr>
 *   <tr><td></td><td>any other domain</td><td>escaped under the target's gateway domain, else the first gateway domain, else refused</td></tr>
 * </table>
 * A sender claiming a domain the gateway serves for the other side, a target in a domain the
 * gateway does not serve, and an embedded address that would lead back into the gateway are refused.
 *
 * <p>Immutable after construction; every method is a pure function of its arguments and may run on
 * any thread. Lookups are hash-map hits; the ASCII common case allocates only the result strings.
 */
public final class AddressMapper {

    private final AddressPolicy policy;
    /** SIP domain → pair, for SIP-homed (direct) domains. */
    private final Map<String, DomainPair> sipHomedBySip = new HashMap<>();
    /** XMPP domain → pair, for SIP-homed domains (targets on XMPP). */
    private final Map<String, DomainPair> sipHomedByXmpp = new HashMap<>();
    private final Map<String, DomainPair> xmppHomedBySip = new HashMap<>();
    private final Map<String, DomainPair> xmppHomedByXmpp = new HashMap<>();
    private final Map<String, DomainPair> gatewayBySip = new HashMap<>();
    private final Map<String, DomainPair> gatewayByXmpp = new HashMap<>();
    private final DomainPair defaultGateway;

    public AddressMapper(AddressPolicy policy) {
        this.policy = policy;
        index(policy.sipHomed(), sipHomedBySip, sipHomedByXmpp);
        index(policy.xmppHomed(), xmppHomedBySip, xmppHomedByXmpp);
        index(policy.gatewayDomains(), gatewayBySip, gatewayByXmpp);
        defaultGateway = policy.gatewayDomains().isEmpty() ? null : policy.gatewayDomains().get(0);
    }

    private static void index(List<DomainPair> pairs, Map<String, DomainPair> bySip, Map<String, DomainPair> byXmpp) {
        for (DomainPair p : pairs) {
            bySip.put(p.sip(), p);
            byXmpp.put(p.xmpp(), p);
        }
    }

    public AddressPolicy policy() {
        return policy;
    }

    // ---------------------------------------------------------------- SIP -> XMPP

    /**
     * The JID a SIP request is for (ADDR-09). Refuses {@code sips:} (SEC-02, AMB-08: 416).
     */
    public Mapping<Jid> sipTargetToXmpp(SipUri target) {
        if (target.scheme() == UriScheme.SIPS) {
            return sipsRefusal();
        }
        String host = asciiHost(target.host());
        if (host == null) {
            return Mapping.refused("Not Found: \"" + Texts.quote(target.host()) + "\" is not a valid host", 404, Condition.item_not_found);
        }
        DomainPair direct = xmppHomedBySip.get(host);
        if (direct != null) {
            return direct(target, direct.xmpp(), 404, "Not Found: ");
        }
        DomainPair gw = gatewayBySip.get(host);
        if (gw != null) {
            return fromGatewayForm(target);
        }
        if (sipHomedBySip.containsKey(host)) {
            return Mapping.refused("Not Found: users of " + host + " live on SIP, not behind this gateway", 404, Condition.item_not_found);
        }
        return Mapping.refused("Not Found: domain " + host + " is not served by this gateway", 404, Condition.item_not_found);
    }

    /**
     * The JID that presents a SIP sender on XMPP, so that replies and errors come back the same way.
     *
     * @param target the request's target (Request-URI): its gateway domain, if any, is used for a
     *               foreign sender
     */
    public Mapping<Jid> sipSenderToXmpp(SipUri sender, SipUri target) {
        String host = asciiHost(sender.host());
        if (host == null) {
            return Mapping.refused("Forbidden: sender host \"" + Texts.quote(sender.host()) + "\" is not valid", 403, Condition.jid_malformed);
        }
        DomainPair direct = sipHomedBySip.get(host);
        if (direct != null) {
            return direct(sender, direct.xmpp(), 403, "Forbidden: sender ");
        }
        if (xmppHomedBySip.containsKey(host) || gatewayBySip.containsKey(host)) {
            return Mapping.refused("Forbidden: sender " + host + " is a domain this gateway serves for XMPP users", 403, Condition.forbidden);
        }
        DomainPair gw = target == null ? null : gatewayBySip.get(asciiHost(target.host()));
        gw = gw != null ? gw : defaultGateway;
        if (gw == null) {
            return Mapping.refused("Forbidden: sender domain " + host + " is not configured and no gateway domain exists", 403, Condition.forbidden);
        }
        return toGatewayForm(sender, host, gw);
    }

    /**
     * The JID that stands for any SIP address, whichever side its user lives on: a target mapping
     * for domains the gateway serves for XMPP users, else the sender mapping under the first
     * gateway domain. Used for addresses carried inside content (e.g. a 301 Contact, AMB-07).
     */
    public Mapping<Jid> sipAddressToXmpp(SipUri address) {
        String host = asciiHost(address.host());
        if (host != null && (xmppHomedBySip.containsKey(host) || gatewayBySip.containsKey(host))) {
            return sipTargetToXmpp(address);
        }
        return sipSenderToXmpp(address, null);
    }

    /**
     * Both addresses of a SIP request: the target from the Request-URI, the sender from From (with a
     * {@code gr} outside the brackets accepted, AMB-06). A {@code sips:} Request-URI or To is refused
     * (SEC-02).
     */
    public Mapping<XmppAddresses> sipRequestToXmpp(SipRequest request) {
        Mapping<SipUri> to = SipUri.fromNameAddress(request.to());
        if (to.orNull() != null && to.orNull().scheme() == UriScheme.SIPS) {
            return sipsRefusal();
        }
        Mapping<SipUri> target = SipUri.tryParse(request.requestUri());
        if (!(target instanceof Mapping.Ok<SipUri> t)) {
            return ((Mapping.Refused<SipUri>) target).cast();
        }
        Mapping<Jid> toJid = sipTargetToXmpp(t.value());
        if (!(toJid instanceof Mapping.Ok<Jid> tj)) {
            return ((Mapping.Refused<Jid>) toJid).cast();
        }
        return SipUri.fromNameAddress(request.from())
                .flatMap(from -> sipSenderToXmpp(from, t.value()))
                .map(fromJid -> new XmppAddresses(fromJid, tj.value()));
    }

    /**
     * The spelling of a SIP user part worth remembering for the way back (AMB-10), or null when
     * the user part already is what XMPP will send back (or cannot be mapped at all).
     */
    public UserSpellings.Spelling spellingOf(SipUri sipAddress) {
        String user = sipAddress.user();
        String host = asciiHost(sipAddress.host());
        if (user == null || host == null) {
            return null;
        }
        if (servesOnSip(host)) {
            return null; // an XMPP user's address: its JID is the canonical spelling
        }
        String folded = sipHomedBySip.containsKey(host) ? LocalForms.fold(user) : LocalForms.foldEmbedded(user, host, sipAddress.port());
        return folded == null || folded.equals(user) ? null : new UserSpellings.Spelling(host, folded, user);
    }

    private static <T> Mapping<T> sipsRefusal() {
        return Mapping.refused("Unsupported URI Scheme: sips: is not translated to XMPP, which cannot keep every hop secure"
                + " (RFC 7247 Section 8)", 416, Condition.not_acceptable);
    }

    /** Direct mode: same user, paired domain, gr as resource. */
    private static Mapping<Jid> direct(SipUri uri, String xmppDomain, int status, String prefix) {
        try {
            String local = uri.user() == null ? null : LocalForms.localpartFor(uri.user());
            return Mapping.ok(StrictJids.of(local, xmppDomain, LocalForms.resourceOf(uri)));
        } catch (IllegalArgumentException e) {
            return Mapping.refused(prefix + "\"" + Texts.quote(uri.user()) + "\" cannot be an XMPP address: " + e.getMessage(),
                    status, Condition.jid_malformed);
        }
    }

    /** Gateway mode, SIP → XMPP target: the user part is a JID ({@code juliet@xmpp.example.com}). */
    private Mapping<Jid> fromGatewayForm(SipUri target) {
        if (target.user() == null) {
            return Mapping.refused("Not Found: write to user%40xmpp-domain@" + target.host()
                    + " to reach an XMPP address through this gateway", 404, Condition.item_not_found);
        }
        try {
            LocalForms.Embedded e = LocalForms.splitEmbedded(target.user());
            String xmppDomain = asciiHost(e.hostPort());
            if (xmppDomain == null) {
                throw new IllegalArgumentException("\"" + Texts.quote(e.hostPort()) + "\" is not an XMPP domain");
            }
            if (sipHomedByXmpp.containsKey(xmppDomain) || gatewayByXmpp.containsKey(xmppDomain)) {
                return Mapping.refused("Loop Detected: " + xmppDomain + " is served by this gateway", 482, Condition.not_acceptable);
            }
            String local = e.user() == null ? null : LocalForms.localpartFor(e.user());
            return Mapping.ok(StrictJids.of(local, xmppDomain, LocalForms.resourceOf(target)));
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Not Found: \"" + Texts.quote(target.user()) + "\" is not an XMPP address: " + e.getMessage(),
                    404, Condition.jid_malformed);
        }
    }

    /** Gateway mode, SIP → XMPP sender: the whole SIP address escaped into the localpart. */
    private static Mapping<Jid> toGatewayForm(SipUri sender, String asciiHost, DomainPair gw) {
        try {
            String resource = LocalForms.resourceOf(sender);
            String local = LocalForms.gatewayLocalpart(sender.user(), asciiHost, sender.port());
            return Mapping.ok(StrictJids.of(local, gw.xmpp(), resource));
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Forbidden: sender \"" + Texts.quote(sender.addressOnly().toString())
                    + "\" cannot be presented on XMPP: " + e.getMessage(), 403, Condition.jid_malformed);
        }
    }

    /** The lower-case A-label form of a host, or null if it is not a valid host. */
    static String asciiHost(String host) {
        try {
            return host == null ? null : DomainNames.toAscii(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- XMPP -> SIP

    /**
     * The SIP URI a stanza for {@code target} goes to (ADDR-10).
     *
     * @param scheme    {@link UriScheme#SIP} unless the core knows better (AMB-12: no im/pres discovery)
     * @param spellings remembered SIP spellings, to give a SIP user back its own case (AMB-10)
     */
    public Mapping<SipUri> xmppTargetToSip(Jid target, UriScheme scheme, UserSpellings spellings) {
        return XmppToSip.target(this, target, scheme, spellings);
    }

    /**
     * The SIP URI that presents an XMPP sender on SIP, so that replies and errors come back the same
     * way.
     *
     * @param target the stanza's {@code to}: its gateway domain, if any, is used for a foreign sender
     */
    public Mapping<SipUri> xmppSenderToSip(Jid sender, Jid target, UriScheme scheme) {
        return XmppToSip.sender(this, sender, target, scheme);
    }

    /**
     * The SIP URI that stands for any JID, whichever side its user lives on (e.g. the new address
     * in a {@code <gone/>}, AMB-07).
     */
    public Mapping<SipUri> xmppAddressToSip(Jid address, UriScheme scheme, UserSpellings spellings) {
        String domain = asciiHost(address.getDomain().toString());
        if (domain != null && (sipHomedByXmpp.containsKey(domain) || gatewayByXmpp.containsKey(domain))) {
            return xmppTargetToSip(address, scheme, spellings);
        }
        return xmppSenderToSip(address, null, scheme);
    }

    /** Both addresses of a stanza (sender from {@code from}, target from {@code to}). */
    public Mapping<SipAddresses> xmppStanzaToSip(Jid from, Jid to, UriScheme scheme, UserSpellings spellings) {
        Mapping<SipUri> target = xmppTargetToSip(to, scheme, spellings);
        if (!(target instanceof Mapping.Ok<SipUri> t)) {
            return ((Mapping.Refused<SipUri>) target).cast();
        }
        return xmppSenderToSip(from, to, scheme).map(f -> new SipAddresses(f, t.value()));
    }

    DomainPair sipHomedByXmpp(String xmppDomain) {
        return sipHomedByXmpp.get(xmppDomain);
    }

    DomainPair xmppHomedByXmpp(String xmppDomain) {
        return xmppHomedByXmpp.get(xmppDomain);
    }

    DomainPair gatewayByXmpp(String xmppDomain) {
        return gatewayByXmpp.get(xmppDomain);
    }

    DomainPair defaultGateway() {
        return defaultGateway;
    }

    /**
     * Whether the gateway itself is the XMPP server of {@code xmppDomain} (any spelling): a translated
     * stanza addressed there would come straight back into the gateway (a loop, AMB-13).
     */
    public boolean servesXmppDomain(String xmppDomain) {
        String d = asciiHost(xmppDomain);
        return d != null && (sipHomedByXmpp.containsKey(d) || gatewayByXmpp.containsKey(d));
    }

    /**
     * Whether the gateway itself is the SIP server of {@code sipDomain} (any spelling): a translated
     * request addressed there would come straight back into the gateway (a loop, AMB-13).
     */
    public boolean servesSipDomain(String sipDomain) {
        String d = asciiHost(sipDomain);
        return d != null && servesOnSip(d);
    }

    /** True if the gateway is the SIP server for this (A-label) SIP domain, i.e. its users are XMPP users. */
    boolean servesOnSip(String sipDomain) {
        return xmppHomedBySip.containsKey(sipDomain) || gatewayBySip.containsKey(sipDomain);
    }

    /** The addresses of a SIP request seen from XMPP. */
    public record XmppAddresses(Jid from, Jid to) {
    }

    /** The addresses of a stanza seen from SIP. */
    public record SipAddresses(SipUri from, SipUri to) {
    }
}
