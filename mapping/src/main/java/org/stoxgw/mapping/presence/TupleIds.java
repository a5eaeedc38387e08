package org.stoxgw.mapping.presence;

import java.util.Optional;

/**
 * Tuple ids for XMPP resources (PRES-31): {@code "ID-"} + the resourcepart, because a tuple id is
 * an xs:ID (an NCName) and resourceparts may start with a digit or contain characters an NCName
 * cannot hold (space, {@code @}, {@code /}, {@code :} ...). Such characters, non-ASCII ones, and
 * {@code _} itself are written as {@code _<hex code point>_}, so the mapping is reversible: {@link #resourceOf}
 * gives back the exact resourcepart (AMB-P03). Typical resources ({@code balcony},
 * {@code yn0cl4bnw0yr3vym}) are unchanged.
 */
public final class TupleIds {

    /** The alphabetic prefix the gateway puts before the resourcepart. */
    public static final String PREFIX = "ID-";

    private TupleIds() {
    }

    /** The tuple id for a resourcepart ("" for a bare JID gives {@code "ID-"}). */
    public static String forResource(String resource) {
        int n = resource.length();
        int i = 0;
        while (i < n && isPlain(resource.charAt(i))) {
            i++;
        }
        if (i == n) {
            return PREFIX + resource;
        }
        StringBuilder sb = new StringBuilder(PREFIX.length() + n + 8).append(PREFIX).append(resource, 0, i);
        while (i < n) {
            int cp = resource.codePointAt(i);
            if (cp < 0x10000 && isPlain((char) cp)) {
                sb.append((char) cp);
            } else {
                sb.append('_').append(Integer.toHexString(cp)).append('_');
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /**
     * The resourcepart encoded in a tuple id the gateway wrote, or empty if the id does not start
     * with {@link #PREFIX} or its escapes are not well-formed (then it is some other writer's id).
     */
    public static Optional<String> resourceOf(String tupleId) {
        if (tupleId == null || !tupleId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = tupleId.substring(PREFIX.length());
        if (rest.indexOf('_') < 0) {
            return Optional.of(rest);
        }
        StringBuilder sb = new StringBuilder(rest.length());
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c != '_') {
                sb.append(c);
                i++;
                continue;
            }
            int end = rest.indexOf('_', i + 1);
            if (end < 0 || end == i + 1 || end - i - 1 > 6) {
                return Optional.empty();
            }
            int cp;
            try {
                cp = Integer.parseInt(rest, i + 1, end, 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (!Character.isValidCodePoint(cp)) {
                return Optional.empty();
            }
            sb.appendCodePoint(cp);
            i = end + 1;
        }
        return Optional.of(sb.toString());
    }

    /**
     * Characters written as they are: ASCII letters, digits, '-' and '.'. Everything else, even
     * non-ASCII letters, is escaped, because XML 1.0 editions before the fifth (still used by many
     * parsers, including the JDK's) exclude some letters from names.
     */
    private static boolean isPlain(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.';
    }
}
