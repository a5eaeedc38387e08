package org.stoxgw.mapping.address;

/**
 * XEP-0106 (JID Escaping) for the localpart, written out because jxmpp's
 * {@code XmppStringUtils.escapeLocalpart} escapes every backslash and every kind of whitespace, which
 * breaks XEP-0106 §5.1 vectors such as {@code c:\net} → {@code c\3a\net} (JIDESC-08) and turns a tab
 * into {@code \20}. The rules implemented:
 * <ul>
 *   <li>only the ten characters of §2.1 are escaped, with lower-case hex (JIDESC-02, JIDESC-03);</li>
 *   <li>a backslash is escaped as {@code \5c} only when it starts something that looks like one of
 *       the ten escape sequences (hex compared case-insensitively, because PRECIS case mapping
 *       would otherwise turn {@code \2F} into the escape {@code \2f}) (JIDESC-08, §4.2 step 3);</li>
 *   <li>a leading or trailing space cannot be escaped (JIDESC-07): {@link #escape} returns null;</li>
 *   <li>unescaping replaces exactly the ten lower-case sequences and leaves everything else alone
 *       (JIDESC-05, JIDESC-10).</li>
 * </ul>
 * Escaping applies to the localpart only (JIDESC-01); callers never pass domains or resources here.
 *
 * <p>Pure static functions, any thread; the common case (nothing to escape) returns the input.
 */
public final class JidEscaping {

    /** The disco#info feature a gateway implementing XEP-0106 advertises (§6, JIDESC-11). */
    public static final String DISCO_FEATURE = "jid\\20escaping";

    private JidEscaping() {
    }

    /** The escape sequence for a character of XEP-0106 §2.1 other than the backslash, or null. */
    private static String sequenceFor(char c) {
        switch (c) {
            case ' ': return "\\20";
            case '"': return "\\22";
            case '&': return "\\26";
            case '\'': return "\\27";
            case '/': return "\\2f";
            case ':': return "\\3a";
            case '<': return "\\3c";
            case '>': return "\\3e";
            case '@': return "\\40";
            default: return null;
        }
    }

    /** The character an escape sequence stands for, or 0 if {@code h1 h2} is not one of the ten. */
    private static char charFor(char h1, char h2) {
        switch (h1) {
            case '2':
                switch (h2) {
                    case '0': return ' ';
                    case '2': return '"';
                    case '6': return '&';
                    case '7': return '\'';
                    case 'f': return '/';
                    default: return 0;
                }
            case '3':
                switch (h2) {
                    case 'a': return ':';
                    case 'c': return '<';
                    case 'e': return '>';
                    default: return 0;
                }
            case '4':
                return h2 == '0' ? '@' : 0;
            case '5':
                return h2 == 'c' ? '\\' : 0;
            default:
                return 0;
        }
    }

    private static boolean looksLikeEscape(String s, int backslash) {
        return backslash + 2 < s.length()
                && charFor(Character.toLowerCase(s.charAt(backslash + 1)), Character.toLowerCase(s.charAt(backslash + 2))) != 0;
    }

    /**
     * Escapes an unescaped localpart (JIDESC-03, JIDESC-08, JIDESC-09 after percent-decoding).
     *
     * @return the escaped form, or null when the input starts or ends with a space (JIDESC-07) or is empty
     */
    public static String escape(String unescaped) {
        int n = unescaped.length();
        if (n == 0 || unescaped.charAt(0) == ' ' || unescaped.charAt(n - 1) == ' ') {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = unescaped.charAt(i);
            String seq = c == '\\' ? (looksLikeEscape(unescaped, i) ? "\\5c" : null) : sequenceFor(c);
            if (seq != null) {
                if (sb == null) {
                    sb = new StringBuilder(n + 16).append(unescaped, 0, i);
                }
                sb.append(seq);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? unescaped : sb.toString();
    }

    /** Unescapes exactly the ten lower-case sequences of XEP-0106 §2.1 (JIDESC-05, JIDESC-10). */
    public static String unescape(String escaped) {
        int first = escaped.indexOf('\\');
        if (first < 0) {
            return escaped;
        }
        int n = escaped.length();
        StringBuilder sb = new StringBuilder(n).append(escaped, 0, first);
        for (int i = first; i < n; i++) {
            char c = escaped.charAt(i);
            char u = c == '\\' && i + 2 < n ? charFor(escaped.charAt(i + 1), escaped.charAt(i + 2)) : 0;
            if (u != 0) {
                sb.append(u);
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * True if {@code escaped} is what {@link #escape} makes of its own unescaped form: no needless
     * {@code \5c}, no upper-case or partial look-alikes that would decode differently, no leading or
     * trailing {@code \20}. Only canonical localparts map back and forth without merging two JIDs
     * into one SIP address (JIDESC-06: JIDs are compared in escaped form).
     */
    public static boolean isCanonical(String escaped) {
        return escaped.equals(escape(unescape(escaped)));
    }
}
