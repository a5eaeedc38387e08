package org.stoxgw.mapping.address;

import org.jxmpp.JxmppContext;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Domainpart;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprep;
import org.jxmpp.stringprep.XmppStringprepException;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * Builds jxmpp JIDs under the current address rules (AMB-11) instead of jxmpp's lenient default
 * ("simple" stringprep: lower-casing only, libraries.md §1):
 * <ul>
 *   <li>localpart: PRECIS UsernameCaseMapped (RFC 8265 §3.3, RFC 7622 §3.3) plus the further
 *       excluded characters of RFC 7622 §3.3.1;</li>
 *   <li>domainpart: a valid host name or IP literal, as U-labels ({@link DomainNames}, AMB-14);</li>
 *   <li>resourcepart: PRECIS OpaqueString (RFC 8265 §4.2, RFC 7622 §3.4).</li>
 * </ul>
 * The jxmpp context used here has caching off, so no global cache is touched. PRECIS comes from
 * rocks.xmpp:precis; an ASCII fast path skips it for the common case and gives the same result
 * (checked by a property test). Pure static functions, any thread.
 */
final class StrictJids {

    private static final JxmppContext CONTEXT = JxmppContext.builder().withXmppStringprep(new Prep()).build();

    private StrictJids() {
    }

    /** XmppStringprep over PRECIS; jxmpp checks the 1023-octet limits itself. */
    private static final class Prep implements XmppStringprep {
        @Override
        public String localprep(String string) throws XmppStringprepException {
            String s;
            try {
                s = localpart(string);
            } catch (IllegalArgumentException e) {
                throw new XmppStringprepException(string, "localpart not allowed by PRECIS UsernameCaseMapped");
            }
            for (int i = 0; i < s.length(); i++) {
                switch (s.charAt(i)) {
                    case '"': case '&': case '\'': case '/': case ':': case '<': case '>': case '@':
                        throw new XmppStringprepException(string, "localpart contains '" + s.charAt(i) + "' (RFC 7622 §3.3.1)");
                    default:
                        break;
                }
            }
            return s;
        }

        @Override
        public String domainprep(String string) throws XmppStringprepException {
            try {
                return DomainNames.toUnicode(string);
            } catch (IllegalArgumentException e) {
                throw new XmppStringprepException(string, e.getMessage());
            }
        }

        @Override
        public String resourceprep(String string) throws XmppStringprepException {
            try {
                return resourcepart(string);
            } catch (IllegalArgumentException e) {
                throw new XmppStringprepException(string, "resourcepart not allowed by PRECIS OpaqueString");
            }
        }
    }

    /**
     * PRECIS UsernameCaseMapped enforcement.
     *
     * @throws IllegalArgumentException if the string is not allowed
     */
    static String localpart(String s) {
        boolean ascii = !s.isEmpty();
        boolean upper = false;
        for (int i = 0; i < s.length() && ascii; i++) {
            char c = s.charAt(i);
            ascii = c > 0x20 && c < 0x7F;
            upper |= c >= 'A' && c <= 'Z';
        }
        if (ascii) {
            // IdentifierClass ASCII7 is PVALID; width mapping, NFC and the Bidi Rule change nothing;
            // case mapping is plain ASCII lower-casing.
            return upper ? asciiLower(s) : s;
        }
        return PrecisProfiles.USERNAME_CASE_MAPPED.enforce(s);
    }

    /**
     * PRECIS OpaqueString enforcement.
     *
     * @throws IllegalArgumentException if the string is not allowed
     */
    static String resourcepart(String s) {
        boolean ascii = !s.isEmpty();
        for (int i = 0; i < s.length() && ascii; i++) {
            char c = s.charAt(i);
            ascii = c >= 0x20 && c < 0x7F;
        }
        return ascii ? s : PrecisProfiles.OPAQUE_STRING.enforce(s);
    }

    private static String asciiLower(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            if (cs[i] >= 'A' && cs[i] <= 'Z') {
                cs[i] += 'a' - 'A';
            }
        }
        return new String(cs);
    }

    /**
     * A JID from its (escaped) parts; {@code localpart} and {@code resource} may be null.
     *
     * @throws IllegalArgumentException naming the part that is not allowed
     */
    static Jid of(String localpart, String domain, String resource) {
        Domainpart d;
        try {
            d = Domainpart.from(domain, CONTEXT);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("domain \"" + Texts.quote(domain) + "\" is not valid: " + e.getMessage());
        }
        Resourcepart r = null;
        if (resource != null) {
            try {
                r = Resourcepart.from(resource, CONTEXT);
            } catch (XmppStringprepException e) {
                throw new IllegalArgumentException("resource \"" + Texts.quote(resource) + "\" is not a valid XMPP resource");
            }
        }
        if (localpart == null) {
            return r == null ? JidCreate.domainBareFrom(d) : JidCreate.domainFullFrom(d, r);
        }
        Localpart l;
        try {
            l = Localpart.from(localpart, CONTEXT);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("\"" + Texts.quote(localpart) + "\" is not a valid XMPP localpart");
        }
        return r == null ? JidCreate.entityBareFrom(l, d) : JidCreate.entityFullFrom(l, d, r);
    }

    /** Re-checks a JID built elsewhere (e.g. parsed leniently by Smack) and returns its enforced form. */
    static Jid enforce(Jid jid) {
        var l = jid.getLocalpartOrNull();
        var r = jid.getResourceOrNull();
        return of(l == null ? null : l.toString(), jid.getDomain().toString(), r == null ? null : r.toString());
    }

    /**
     * Parses a JID string under these rules.
     *
     * @throws IllegalArgumentException if it is not a valid JID
     */
    static Jid parse(String jid) {
        try {
            return JidCreate.from(jid, CONTEXT);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("\"" + Texts.quote(jid) + "\" is not a valid JID");
        }
    }
}
