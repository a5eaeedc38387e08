package org.stoxgw.mapping.error;

import java.util.Map;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * Reason-Phrase ↔ {@code <text/>} (ERR-03, spec table 2.5). A Reason-Phrase may not contain CR or
 * LF (RFC 3261 §25.1) and XML 1.0 forbids most control characters, so both directions replace
 * control characters by spaces, collapse runs of spaces and trim. The {@code <text/>} is sent without
 * {@code xml:lang} because a Reason-Phrase has no language tag. Pure, any thread.
 */
public final class ReasonText {

    private ReasonText() {
    }

    /** Cleaned text, or null if nothing printable is left. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank = c <= 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0 || c == '\uFFFE' || c == '\uFFFF'
                    || Character.isSurrogate(c) && !validPair(s, i);
            if (blank) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
                if (Character.isHighSurrogate(c)) {
                    sb.append(s.charAt(++i));
                }
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /**
     * The text of an error in a deterministic choice of language: no {@code xml:lang}, then
     * English, then whatever Smack offers.
     */
    static String of(StanzaError error) {
        String t = error.getDescriptiveText("");
        if (t == null) {
            t = error.getDescriptiveText("en");
        }
        if (t == null) {
            t = error.getDescriptiveText();
        }
        return clean(t);
    }

    /** The {@code <text/>} map for a builder: one text without language, or none. */
    static Map<String, String> texts(String reasonPhrase) {
        String t = clean(reasonPhrase);
        return t == null ? Map.of() : Map.of("", t);
    }
}
