package org.stoxgw.mapping.media;

import java.util.Locale;

/**
 * The value of an {@code a=candidate} attribute (RFC 8839 §5.1):
 * {@code <foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <a>] [rport <p>] *(<ext-name> <ext-value>)}.
 * Extensions {@code generation} and {@code tcptype} are read; others (WebRTC's {@code network-id} and
 * {@code network-cost} included: the Jingle {@code network} is another thing, MEDIA-18) are skipped. Writing omits {@code network} (MEDIA-18) and {@code id}. Pure.
 */
public final class CandidateLine {
    private CandidateLine() {
    }

    /**
     * Parses a candidate value.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Candidate parse(String value) {
        String[] t = Words.split(value.trim(), 0);
        if (t.length < 8 || !t[6].equals("typ")) {
            throw new IllegalArgumentException("candidate needs '<foundation> <component> <transport> <priority> <address> <port> typ <type>'");
        }
        String foundation = t[0];
        if (foundation.isEmpty() || foundation.length() > 32 || !foundation.chars().allMatch(CandidateLine::iceChar)) {
            throw new IllegalArgumentException("candidate foundation is not 1*32ice-char: " + foundation);
        }
        int component = number(t[1], 256, "component");
        String protocol = t[2].toLowerCase(Locale.ROOT);
        long priority = Long.parseLong(checkDigits(t[3], "priority"));
        if (priority < 1 || priority > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("candidate priority out of range: " + t[3]);
        }
        String ip = t[4];
        int port = number(t[5], 65535, "port");
        String type = t[7];
        String relAddr = null;
        int relPort = 0;
        int generation = 0;
        String tcpType = null;
        for (int i = 8; i + 1 < t.length; i += 2) {
            String v = t[i + 1];
            switch (t[i]) {
                case "raddr" -> relAddr = v;
                case "rport" -> relPort = number(v, 65535, "rport");
                case "generation" -> generation = number(v, Integer.MAX_VALUE, "generation");
                case "tcptype" -> tcpType = v;
                default -> {
                    // an extension with no Jingle attribute (e.g. network-cost, ufrag): not carried
                }
            }
        }
        if ((t.length - 8) % 2 != 0) {
            throw new IllegalArgumentException("candidate extension without a value: " + t[t.length - 1]);
        }
        return new Candidate(foundation, component, protocol, priority, ip, port, type, relAddr, relPort, generation,
                null, null, tcpType);
    }

    /** The attribute value for {@code c}; {@code withGeneration} adds {@code generation <n>} (not in RFC 8840 sdpfrags). */
    public static String format(Candidate c, boolean withGeneration) {
        StringBuilder b = new StringBuilder(96);
        b.append(c.foundation().isEmpty() ? "1" : c.foundation()).append(' ').append(c.component()).append(' ')
                .append(c.protocol()).append(' ').append(c.priority()).append(' ').append(c.ip()).append(' ')
                .append(c.port()).append(" typ ").append(c.type());
        if (c.relAddr() != null) {
            b.append(" raddr ").append(c.relAddr()).append(" rport ").append(c.relPort());
        }
        if (c.tcpType() != null) {
            b.append(" tcptype ").append(c.tcpType());
        }
        if (withGeneration) {
            b.append(" generation ").append(c.generation());
        }
        return b.toString();
    }

    private static boolean iceChar(int ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '+' || ch == '/';
    }

    static int number(String s, int max, String what) {
        long v = Long.parseLong(checkDigits(s, what));
        if (v > max) {
            throw new IllegalArgumentException(what + " out of range: " + s);
        }
        return (int) v;
    }

    private static String checkDigits(String s, String what) {
        if (s.isEmpty() || s.length() > 10) {
            throw new IllegalArgumentException(what + " is not a number: " + s);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new IllegalArgumentException(what + " is not a number: " + s);
            }
        }
        return s;
    }
}
