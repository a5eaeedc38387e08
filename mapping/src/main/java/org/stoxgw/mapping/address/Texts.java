package org.stoxgw.mapping.address;

/**
 * Makes untrusted text safe to put into a refusal reason, which ends up in a SIP Reason-Phrase and
 * an XMPP {@code <text/>}: control characters (a percent-decoded {@code %0D%0A} would otherwise
 * split a SIP status line, and XML 1.0 forbids most of them) become {@code ?}, and the text is
 * cut to {@value #MAX} characters so a reason stays a short phrase. Pure, any thread.
 */
final class Texts {
    /** Longest piece of foreign text quoted in a reason. */
    static final int MAX = 64;

    private Texts() {
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        int n = Math.min(s.length(), MAX);
        StringBuilder sb = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' ? '?' : c);
        }
        if (s.length() > MAX) {
            sb.append('\u2026');
        }
        return sb.toString();
    }
}
