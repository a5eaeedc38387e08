package org.stoxgw.mapping.media;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=fmtp} ↔ {@code <parameter/>} list (draft §10, XEP-0167 §6).
 * <ul>
 *   <li>Known formats (MEDIA-26): {@code telephone-event}'s event list is one parameter {@code events}
 *       (RFC 4733 §7), implied {@code 0-15} when absent (MEDIA-29); {@code red}'s {@code a/b} redundancy
 *       list is parameter {@code pt} with commas (MEDIA-30, RFC 2198 §5).</li>
 *   <li>Other formats, SDP → parameters (MEDIA-28, AMB-V15): split on {@code ;} when there is one, else
 *       on {@code ,} only if every piece is {@code name=value} (values such as H.264
 *       {@code sprop-parameter-sets} contain commas); pieces are trimmed; a piece without {@code =} is
 *       a parameter with an empty name.</li>
 *   <li>Parameters → SDP (MEDIA-27): {@code name=value} joined by {@code "; "}; an empty name writes the
 *       value alone.</li>
 * </ul>
 * Pure.
 */
public final class Fmtp {
    /** RFC 4733 §7.1.1: events 0–15 when the fmtp gives none. */
    public static final String DEFAULT_EVENTS = "0-15";

    private Fmtp() {
    }

    /** The parameters of an fmtp value for encoding {@code name} (the part after {@code a=fmtp:<pt> }). */
    public static List<Parameter> parse(String name, String fmtp) {
        String s = fmtp.trim();
        if (s.isEmpty()) {
            return List.of();
        }
        if (name.equalsIgnoreCase("telephone-event") && s.indexOf('=') < 0) {
            return List.of(new Parameter("events", s.replace(" ", "")));
        }
        if (name.equalsIgnoreCase("red") && s.indexOf('=') < 0) {
            return List.of(new Parameter("pt", s.replace('/', ',')));
        }
        List<String> pieces = split(s, ';');
        if (pieces.size() == 1 && s.indexOf(',') >= 0) {
            List<String> byComma = split(s, ',');
            if (byComma.stream().allMatch(Fmtp::isPair)) {
                pieces = byComma;
            }
        }
        List<Parameter> out = new ArrayList<>(pieces.size());
        for (String p : pieces) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.add(new Parameter(p.substring(0, eq).trim(), p.substring(eq + 1).trim()));
            } else {
                out.add(new Parameter("", p));
            }
        }
        return out;
    }

    /** The parameters of codec {@code c} after SDP knowledge: telephone-event gets its implied events (MEDIA-29). */
    public static List<Parameter> withDefaults(Codec c, List<Parameter> parsed) {
        if (c.telephoneEvent() && parsed.stream().noneMatch(p -> p.name().equals("events"))) {
            List<Parameter> out = new ArrayList<>(parsed);
            out.add(new Parameter("events", DEFAULT_EVENTS));
            return out;
        }
        return parsed;
    }

    /** The fmtp value for codec {@code c}, or null when it has no parameters. */
    public static String format(Codec c) {
        List<Parameter> ps = c.parameters();
        if (ps.isEmpty()) {
            return null;
        }
        if (ps.size() == 1) {
            Parameter p = ps.get(0);
            if (c.telephoneEvent() && p.name().equals("events")) {
                return p.value();
            }
            if (c.name().equalsIgnoreCase("red") && p.name().equals("pt")) {
                return p.value().replace(',', '/');
            }
        }
        StringBuilder b = new StringBuilder();
        for (Parameter p : ps) {
            if (b.length() > 0) {
                b.append("; ");
            }
            if (p.name().isEmpty()) {
                b.append(p.value());
            } else {
                b.append(p.name()).append('=').append(p.value());
            }
        }
        return b.toString();
    }

    /** {@code name=value} with a non-empty value that does not start with {@code =} (base64 padding is no pair). */
    private static boolean isPair(String p) {
        int eq = p.indexOf('=');
        return eq > 0 && eq + 1 < p.length() && p.charAt(eq + 1) != '=';
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == sep) {
                String piece = s.substring(start, i).trim();
                if (!piece.isEmpty()) {
                    out.add(piece);
                }
                start = i + 1;
            }
        }
        return out;
    }
}
