package org.stoxgw.xmppadapter.stream;

/** Escaping of character data and attribute values (XML 1.0 §2.4, §3.3.3), without allocation. */
public final class Xml {
    private Xml() {
    }

    /** Appends {@code s} escaped for use as character data or inside a '-quoted attribute. */
    public static StringBuilder escape(StringBuilder out, CharSequence s) {
        return s == null ? out : escape(out, s, 0, s.length());
    }

    /** Appends {@code s[start, start+len)} escaped. */
    public static StringBuilder escape(StringBuilder out, CharSequence s, int start, int len) {
        int end = start + len;
        for (int i = start; i < end; i++) {
            appendEscaped(out, s.charAt(i));
        }
        return out;
    }

    /** Appends {@code chars[start, start+len)} escaped. */
    public static StringBuilder escape(StringBuilder out, char[] chars, int start, int len) {
        int end = start + len;
        int run = start;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c == '<' || c == '>' || c == '&' || c == '\'' || c == '"' || c == '\r') {
                out.append(chars, run, i - run);
                appendEscaped(out, c);
                run = i + 1;
            }
        }
        return out.append(chars, run, end - run);
    }

    /** Appends {@code  name='value'} escaped, or nothing when {@code value} is null (absent). */
    public static StringBuilder optAttribute(StringBuilder out, String name, String value) {
        return value == null ? out : escape(out.append(' ').append(name).append("='"), value).append('\'');
    }

    /** {@code s} escaped, as a new string. */
    public static String escape(String s) {
        return escape(new StringBuilder(s.length() + 16), s).toString();
    }

    /**
     * Whether {@code s}, whose characters the parser already accepted as name characters, also
     * starts with a name start character (XML 1.0 §2.3: NameChar minus NameStartChar is
     * "-", ".", digits, U+00B7, U+0300-U+036F, U+203F-U+2040).
     */
    public static boolean isName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return !(c == '-' || c == '.' || c >= '0' && c <= '9' || c == '\u00B7' || c >= '\u0300' && c <= '\u036F'
                || c == '\u203F' || c == '\u2040');
    }

    /** {@link #isName} for an optional prefix: null or "" is fine. */
    public static boolean isNameOrEmpty(String s) {
        return s == null || s.isEmpty() || isName(s);
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '\'' -> out.append("&apos;");
            case '"' -> out.append("&quot;");
            // A literal CR would be normalised away by the next parser (XML 1.0 §2.11).
            case '\r' -> out.append("&#13;");
            default -> out.append(c);
        }
    }
}
