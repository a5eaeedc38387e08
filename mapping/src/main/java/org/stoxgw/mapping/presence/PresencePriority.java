package org.stoxgw.mapping.presence;

/**
 * Priority scaling between XMPP {@code <priority/>} (−128..127) and the PIDF contact priority
 * (a q-value 0..1 with at most three decimals, RFC 3863 §4.1.5). Values are handled as integer
 * thousandths, which is exact and allocation-free.
 *
 * <p>X2S (PRES-34/35, spec table 2.6): negative priorities are not mapped; 0 ≤ n ≤ 127 gives
 * p(n) = floor(n × 1000 / 127) thousandths, so 0→0, 1→0.007, 2→0.015, 126→0.992, 127→1, all 128
 * values distinct. S2X (PRES-42): n = round(p × 127), clamped to 0..127 — the exact inverse on
 * every value p(n) produces.
 */
public final class PresencePriority {

    private PresencePriority() {
    }

    /** PIDF priority in thousandths for an XMPP priority, or {@link PidfTuple#NO_PRIORITY} if negative. */
    public static int toPidf(int xmppPriority) {
        if (xmppPriority < 0) {
            return PidfTuple.NO_PRIORITY;
        }
        int n = Math.min(xmppPriority, 127);
        return n * 1000 / 127;
    }

    /** XMPP priority (0..127) for a PIDF priority in thousandths (0..1000). */
    public static int toXmpp(int pidfThousandths) {
        int m = Math.max(0, Math.min(1000, pidfThousandths));
        int n = (m * 127 + 500) / 1000;
        return Math.min(127, n);
    }

    /** The q-value text: {@code 0}, {@code 1}, {@code 0.5}, {@code 0.015}. */
    public static String format(int thousandths) {
        if (thousandths < 0 || thousandths > 1000) {
            throw new IllegalArgumentException("priority out of range: " + thousandths);
        }
        if (thousandths == 0) {
            return "0";
        }
        if (thousandths == 1000) {
            return "1";
        }
        char[] digits = {'0', '.', (char) ('0' + thousandths / 100), (char) ('0' + thousandths / 10 % 10),
            (char) ('0' + thousandths % 10)};
        int len = digits.length;
        while (digits[len - 1] == '0') {
            len--;
        }
        return new String(digits, 0, len);
    }

    /**
     * Parses a received q-value into thousandths; {@link PidfTuple#NO_PRIORITY} if absent, not a
     * number, or outside 0..1 (PIDF-06: out-of-range values are ignored). More than three decimals
     * are tolerated and rounded half up.
     */
    public static int parse(String value) {
        if (value == null) {
            return PidfTuple.NO_PRIORITY;
        }
        String s = value.trim();
        int n = s.length();
        if (n == 0) {
            return PidfTuple.NO_PRIORITY;
        }
        int i = 0;
        long whole = 0;
        int wholeDigits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
            whole = Math.min(whole * 10 + (s.charAt(i) - '0'), 10);
            wholeDigits++;
            i++;
        }
        int frac = 0;
        int fracDigits = 0;
        boolean roundUp = false;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                int d = s.charAt(i) - '0';
                if (fracDigits < 3) {
                    frac = frac * 10 + d;
                } else if (fracDigits == 3) {
                    roundUp = d >= 5;
                }
                fracDigits++;
                i++;
            }
        }
        if (i != n || wholeDigits + fracDigits == 0) {
            return PidfTuple.NO_PRIORITY;
        }
        for (int k = Math.min(fracDigits, 3); k < 3; k++) {
            frac *= 10;
        }
        long thousandths = whole * 1000 + frac + (roundUp ? 1 : 0);
        return thousandths > 1000 ? PidfTuple.NO_PRIORITY : (int) thousandths;
    }
}
