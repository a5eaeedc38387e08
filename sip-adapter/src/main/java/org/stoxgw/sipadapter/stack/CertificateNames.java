package org.stoxgw.sipadapter.stack;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The SIP identities a certificate vouches for (RFC 5922 section 7.1): the hosts of its
 * subjectAltName URIs ({@code sip:example.net}) and its dNSName entries; the subject CN only when
 * there is no subjectAltName. Names are lower case; wildcards are kept as written and never match
 * (RFC 5922 section 7.2).
 */
public final class CertificateNames {
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private CertificateNames() {
    }

    /** The names of the end-entity certificate of {@code chain}; empty when there is none. */
    public static Set<String> of(Certificate[] chain) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                    if (type == SAN_DNS) {
                        names.add(value);
                    } else if (type == SAN_URI && (value.startsWith("sip:") || value.startsWith("sips:"))) {
                        names.add(uriHost(value));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
                    }
                }
            } catch (InvalidNameException e) {
                return Set.of();
            }
        }
        return names;
    }

    private static String uriHost(String uri) {
        String s = uri.substring(uri.indexOf(':') + 1);
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int end = s.length();
        for (char c : new char[] {';', '?', ':', '>'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, end);
    }
}
