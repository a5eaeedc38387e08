package org.stoxgw.mapping.address;

import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * {@code xmpp:} IRIs (RFC 5122) as carried in {@code <gone/>} and {@code <redirect/>} (RFC 6120
 * §8.3.3.5, §8.3.3.14; AMB-07). Printing keeps non-ASCII characters (an IRI) and percent-encodes
 * ASCII outside unreserved and most sub-delims, so the XEP-0106 backslash of a localpart becomes
 * {@code %5C}. Parsing accepts the authority form {@code xmpp://auth/jid}, drops a query and
 * fragment, percent-decodes and validates the JID. Pure static functions, any thread.
 */
public final class XmppIri {

    private XmppIri() {
    }

    /** The {@code xmpp:} IRI of a JID. */
    public static String of(Jid jid) {
        StringBuilder sb = new StringBuilder(64).append("xmpp:");
        Localpart l = jid.getLocalpartOrNull();
        if (l != null) {
            sb.append(PercentCoding.encodeIri(l.toString())).append('@');
        }
        sb.append(jid.getDomain());
        Resourcepart r = jid.getResourceOrNull();
        if (r != null) {
            sb.append('/').append(PercentCoding.encodeIri(r.toString()));
        }
        return sb.toString();
    }

    /** True if the text starts with the {@code xmpp:} scheme (case-insensitive). */
    public static boolean isXmppIri(String text) {
        return text.regionMatches(true, 0, "xmpp:", 0, 5);
    }

    /** The JID of an {@code xmpp:} IRI; a refusal if it is not one or the JID is not valid. */
    public static Mapping<Jid> parse(String iri) {
        if (iri == null || !isXmppIri(iri)) {
            return Mapping.refused("Bad Request: not an xmpp: IRI", 400, Condition.jid_malformed);
        }
        int start = 5;
        if (iri.startsWith("//", start)) {
            int slash = iri.indexOf('/', start + 2);
            start = slash < 0 ? iri.length() : slash + 1;
        }
        int end = iri.length();
        for (int i = start; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        try {
            return Mapping.ok(StrictJids.parse(PercentCoding.decode(iri, start, end)));
        } catch (IllegalArgumentException e) {
            return Mapping.refused("Bad Request: " + Texts.quote(iri) + " does not name a valid JID", 400, Condition.jid_malformed);
        }
    }
}
