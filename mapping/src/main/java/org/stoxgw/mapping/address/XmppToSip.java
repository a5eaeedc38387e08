package org.stoxgw.mapping.address;

import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;

/**
 * XMPP → SIP address mapping (RFC 7247 §6.5, ADDR-10) behind {@link AddressMapper}: re-enforces
 * the JID under PRECIS (ADDR-10 step 2, JIDESC-04: before unescaping), unescapes all ten XEP-0106
 * sequences (AMB-02), lets {@link SipUri} percent-encode for the scheme (ADDR-04) and adds the
 * resource as {@code ;gr=} (ADDR-08). Pure static functions, any thread.
 */
final class XmppToSip {

    private XmppToSip() {
    }

    static Mapping<SipUri> target(AddressMapper m, Jid target, UriScheme scheme, UserSpellings spellings) {
        Jid jid;
        try {
            jid = StrictJids.enforce(target);
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Not Found: " + e.getMessage(), 404, Condition.jid_malformed);
        }
        String domain = AddressMapper.asciiHost(jid.getDomain().toString());
        DomainPair direct = domain == null ? null : m.sipHomedByXmpp(domain);
        if (direct != null) {
            return build(jid, scheme, direct.sip(), -1, jid.getLocalpartOrNull(), spellings, 404);
        }
        DomainPair gw = domain == null ? null : m.gatewayByXmpp(domain);
        if (gw != null) {
            return fromGatewayForm(m, jid, scheme, spellings);
        }
        if (domain != null && m.xmppHomedByXmpp(domain) != null) {
            return Mapping.refused("Not Found: users of " + domain + " live on XMPP, not behind this gateway", 404, Condition.item_not_found);
        }
        return Mapping.refused("Not Found: domain " + Texts.quote(jid.getDomain().toString())
                + " is not served by this gateway", 404, Condition.item_not_found);
    }

    static Mapping<SipUri> sender(AddressMapper m, Jid sender, Jid target, UriScheme scheme) {
        Jid jid;
        try {
            jid = StrictJids.enforce(sender);
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Forbidden: " + e.getMessage(), 403, Condition.jid_malformed);
        }
        String domain = AddressMapper.asciiHost(jid.getDomain().toString());
        if (domain == null) {
            return Mapping.refused("Forbidden: sender domain is not valid", 403, Condition.jid_malformed);
        }
        DomainPair direct = m.xmppHomedByXmpp(domain);
        if (direct != null) {
            return build(jid, scheme, direct.sip(), -1, jid.getLocalpartOrNull(), UserSpellings.NONE, 403);
        }
        if (m.sipHomedByXmpp(domain) != null || m.gatewayByXmpp(domain) != null) {
            return Mapping.refused("Forbidden: sender " + domain + " is a domain this gateway serves for SIP users", 403, Condition.forbidden);
        }
        DomainPair gw = null;
        if (target != null) {
            String targetDomain = AddressMapper.asciiHost(target.getDomain().toString());
            gw = targetDomain == null ? null : m.gatewayByXmpp(targetDomain);
        }
        gw = gw != null ? gw : m.defaultGateway();
        if (gw == null) {
            return Mapping.refused("Forbidden: sender domain " + domain + " is not configured and no gateway domain exists", 403, Condition.forbidden);
        }
        try {
            Localpart l = jid.getLocalpartOrNull();
            // A-labels toward SIP (AMB-14), also inside the user part.
            String embedded = l == null ? domain : LocalForms.userOf(l) + '@' + domain;
            return Mapping.ok(LocalForms.withResource(SipUri.of(scheme, embedded, gw.sip()), jid));
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Forbidden: sender cannot be presented on SIP: " + e.getMessage(), 403, Condition.jid_malformed);
        }
    }

    /** Gateway mode, XMPP → SIP target: the localpart is a SIP address ({@code romeo\40sip.example.net}). */
    private static Mapping<SipUri> fromGatewayForm(AddressMapper m, Jid jid, UriScheme scheme, UserSpellings spellings) {
        Localpart l = jid.getLocalpartOrNull();
        if (l == null) {
            return Mapping.refused("Not Found: write to user\\40sip-domain@" + jid.getDomain()
                    + " to reach a SIP address through this gateway", 404, Condition.item_not_found);
        }
        try {
            LocalForms.Embedded e = LocalForms.splitEmbedded(LocalForms.userOf(l));
            LocalForms.HostPort hp = LocalForms.splitHostPort(e.hostPort());
            String host = DomainNames.toAscii(hp.host());
            if (m.servesOnSip(host)) {
                return Mapping.refused("Loop Detected: " + host + " is served by this gateway", 482, Condition.not_acceptable);
            }
            if (!scheme.isSip() && hp.port() >= 0) {
                throw new IllegalArgumentException(scheme.text() + ": URIs have no port");
            }
            String user = e.user() == null ? null : restore(e.user(), host, hp.port(), true, spellings);
            SipUri uri = SipUri.of(scheme, user, host).withPort(hp.port());
            return Mapping.ok(LocalForms.withResource(uri, jid));
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Not Found: \"" + Texts.quote(l.toString()) + "\" is not a SIP address: " + e.getMessage(),
                    404, Condition.jid_malformed);
        }
    }

    /** Direct mode: same user (unescaped), paired SIP domain. */
    private static Mapping<SipUri> build(Jid jid, UriScheme scheme, String sipDomain, int port, Localpart l,
                                         UserSpellings spellings, int status) {
        try {
            String user = l == null ? null : restore(LocalForms.userOf(l), sipDomain, port, false, spellings);
            SipUri uri = SipUri.of(scheme, user, sipDomain).withPort(port);
            return Mapping.ok(LocalForms.withResource(uri, jid));
        } catch (IllegalArgumentException e) {
            String why = status == 403 ? "Forbidden: sender cannot be presented on SIP: " : "Not Found: ";
            return Mapping.refused(why + e.getMessage(), status, Condition.jid_malformed);
        }
    }

    /**
     * The remembered SIP spelling if it folds to exactly this user again in the same mode (AMB-10),
     * else the user as it came.
     */
    private static String restore(String foldedUser, String sipHost, int port, boolean embedded, UserSpellings spellings) {
        String original = spellings.originalUser(sipHost, foldedUser);
        if (original == null || original.equals(foldedUser)) {
            return foldedUser;
        }
        String refolded = embedded ? LocalForms.foldEmbedded(original, sipHost, port) : LocalForms.fold(original);
        if (foldedUser.equals(refolded)) {
            return original;
        }
        return foldedUser;
    }
}
