package org.stoxgw.mapping.address;

import java.net.IDN;
import java.util.Locale;

/**
 * Host and domain names on both sides (AMB-14): A-labels (punycode, lower case) toward SIP, whose
 * {@code hostname} grammar is ASCII (RFC 3261 §25.1), and U-labels toward XMPP (RFC 7622 §3.2).
 * IPv4 addresses and bracketed IPv6 references are accepted as they are (lower-cased).
 *
 * <p>jxmpp accepts {@code user@exa mple.com} (libraries.md §1), so every domain that enters or leaves
 * the mapping goes through {@link #toAscii}: RFC 1123 LDH labels of 1–63 octets, at most 253 octets,
 * a trailing dot dropped, not all-numeric. IDNA is Java's {@link IDN} (IDNA2003 with
 * {@code USE_STD3_ASCII_RULES}), the same check the config module applies, so configured names and
 * names on the wire compare equal. Pure static functions, any thread.
 */
final class DomainNames {

    private DomainNames() {
    }

    /**
     * The A-label, lower-case form of a host (domain name or IP literal).
     *
     * @throws IllegalArgumentException with a short reason if it is neither
     */
    static String toAscii(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (host.charAt(0) == '[') {
            if (!isIpv6Reference(host)) {
                throw new IllegalArgumentException("malformed IPv6 reference");
            }
            return host.toLowerCase(Locale.ROOT);
        }
        if (isIpv4(host)) {
            return host;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String ascii = isLowerLdh(name) ? name : idnToAscii(name);
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException("domain name empty or longer than 253 octets");
        }
        boolean allNumeric = true;
        int labelStart = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            char c = i < ascii.length() ? ascii.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || ascii.charAt(labelStart) == '-' || ascii.charAt(i - 1) == '-') {
                    throw new IllegalArgumentException("bad label in domain name");
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new IllegalArgumentException("domain name has a character outside letters, digits and '-'");
            } else if (!(c >= '0' && c <= '9')) {
                allNumeric = false;
            }
        }
        if (allNumeric) {
            throw new IllegalArgumentException("all-numeric domain name that is not an IPv4 address");
        }
        return ascii;
    }

    /** The U-label form of a host for a JID domainpart (IP literals unchanged). */
    static String toUnicode(String host) {
        String ascii = toAscii(host);
        if (ascii.charAt(0) == '[' || isIpv4(ascii) || !ascii.contains("xn--")) {
            return ascii;
        }
        return IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
    }

    private static String idnToAscii(String name) {
        try {
            return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid internationalized domain name");
        }
    }

    private static boolean isLowerLdh(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return !s.contains("xn--");
    }

    /** RFC 3986 §3.2.2 IPv4address: four dec-octets without leading zeros. */
    static boolean isIpv4(String s) {
        int octets = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + s.charAt(i) - '0';
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || len > 1 && s.charAt(start) == '0') {
                return false;
            }
            octets++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
            if (i == n) {
                return false;
            }
        }
        return octets == 4;
    }

    /** {@code [IPv6address]} per RFC 3986 §3.2.2 (no zone identifiers, no IPvFuture). */
    static boolean isIpv6Reference(String s) {
        int n = s.length();
        if (n < 4 || s.charAt(0) != '[' || s.charAt(n - 1) != ']') {
            return false;
        }
        String a = s.substring(1, n - 1);
        int doubleColon = a.indexOf("::");
        if (doubleColon >= 0 && a.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = a.split(":", -1);
        int pieces = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (group.isEmpty()) {
                continue; // part of "::" (checked above) or a leading/trailing "::"
            }
            if (g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return false;
                }
                pieces += 2;
            } else {
                if (group.length() > 4) {
                    return false;
                }
                for (int i = 0; i < group.length(); i++) {
                    char c = group.charAt(i);
                    if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                        return false;
                    }
                }
                pieces++;
            }
        }
        boolean badEdge = a.startsWith(":") && !a.startsWith("::") || a.endsWith(":") && !a.endsWith("::");
        return !badEdge && (doubleColon >= 0 ? pieces < 8 : pieces == 8);
    }
}
