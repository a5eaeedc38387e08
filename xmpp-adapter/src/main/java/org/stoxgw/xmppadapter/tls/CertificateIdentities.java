package org.stoxgw.xmppadapter.tls;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Which XMPP domains a server certificate identifies (RFC 6120 §13.7.1.2, RFC 6125, RFC 7712,
 * XEP-0178): subjectAltName dNSName (a wildcard only as the whole left-most label, matching exactly
 * one label), otherName id-on-xmppAddr (1.3.6.1.5.5.7.8.5, a domain JID), otherName SRVName
 * (1.3.6.1.5.5.7.8.7, {@code _xmpp-server.domain}); the subject CN only when the certificate has
 * none of those. Pure functions, thread-safe.
 */
public final class CertificateIdentities {
    static final String XMPP_ADDR_OID = "1.3.6.1.5.5.7.8.5";
    static final String SRV_NAME_OID = "1.3.6.1.5.5.7.8.7";

    private CertificateIdentities() {
    }

    /** The identities a certificate presents, as {@code dns:name}, {@code xmpp:jid}, {@code srv:name}, {@code cn:name}. */
    public static List<String> identities(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            sans = null;
        }
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == 2 && san.get(1) instanceof String dns) {
                    out.add("dns:" + dns.toLowerCase(Locale.ROOT));
                } else if (type == 0 && san.get(1) instanceof byte[] der) {
                    String[] other = OtherName.decode(der);
                    if (other != null && other[0].equals(XMPP_ADDR_OID)) {
                        out.add("xmpp:" + other[1]);
                    } else if (other != null && other[0].equals(SRV_NAME_OID)) {
                        out.add("srv:" + other[1].toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            String cn = commonName(cert);
            if (cn != null) {
                out.add("cn:" + cn.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Whether {@code cert} identifies the XMPP domain {@code domain} (lower-case A-label form). */
    public static boolean matches(X509Certificate cert, String domain) {
        String d = ascii(domain);
        for (String id : identities(cert)) {
            int colon = id.indexOf(':');
            String kind = id.substring(0, colon);
            String value = id.substring(colon + 1);
            boolean match = switch (kind) {
                case "dns", "cn" -> dnsMatches(ascii(value), d);
                case "xmpp" -> value.indexOf('@') < 0 && value.indexOf('/') < 0 && ascii(value).equals(d);
                case "srv" -> ascii(value).equals("_xmpp-server." + d) || ascii(value).equals("_xmpps-server." + d);
                default -> false;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6125 §6.4.3 restricted to a whole left-most wildcard label over at least two labels. */
    static boolean dnsMatches(String pattern, String domain) {
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            if (suffix.indexOf('.', 1) < 0) {
                return false; // "*.com" would match every second-level domain
            }
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot).equals(suffix);
        }
        return pattern.indexOf('*') < 0 && pattern.equals(domain);
    }

    private static String ascii(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return n.toLowerCase(Locale.ROOT);
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /**
     * The few DER bytes of an otherName: {@code SEQUENCE { OID, [0] EXPLICIT UTF8String / IA5String }}
     * (an implicitly tagged form and nested [0] wrappers, which the JDK produces, are accepted too).
     */
    static final class OtherName {
        private final byte[] der;
        private int pos;

        private OtherName(byte[] der) {
            this.der = der;
        }

        /** {oid, value} or null when the encoding is not the expected one. */
        static String[] decode(byte[] der) {
            try {
                OtherName r = new OtherName(der);
                int seqEnd = r.expect((der[0] & 0xFF) == 0xA0 ? 0xA0 : 0x30);
                int oidEnd = r.expect(0x06);
                String oid = r.oid(oidEnd);
                if (r.pos >= seqEnd) {
                    return null;
                }
                // The JDK re-encodes the value with an extra [0] wrapper: unwrap as many as there are.
                while ((r.der[r.pos] & 0xFF) == 0xA0) {
                    r.expect(0xA0);
                }
                int tag = r.der[r.pos] & 0xFF;
                if (tag != 0x0C && tag != 0x16) {
                    return null;
                }
                int end = r.expect(tag);
                return new String[] {oid, new String(der, r.pos, end - r.pos, StandardCharsets.UTF_8)};
            } catch (RuntimeException e) {
                return null;
            }
        }

        private int expect(int tag) {
            if ((der[pos++] & 0xFF) != tag) {
                throw new IllegalArgumentException("unexpected tag");
            }
            int len = der[pos++] & 0xFF;
            if (len > 0x80) {
                int n = len & 0x7F;
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[pos++] & 0xFF);
                }
            }
            if (len < 0 || pos + len > der.length) {
                throw new IllegalArgumentException("bad length");
            }
            return pos + len;
        }

        private String oid(int end) {
            StringBuilder b = new StringBuilder();
            int first = der[pos++] & 0xFF;
            b.append(first / 40).append('.').append(first % 40);
            long v = 0;
            while (pos < end) {
                int c = der[pos++] & 0xFF;
                v = (v << 7) | (c & 0x7F);
                if ((c & 0x80) == 0) {
                    b.append('.').append(v);
                    v = 0;
                }
            }
            return b.toString();
        }
    }
}
