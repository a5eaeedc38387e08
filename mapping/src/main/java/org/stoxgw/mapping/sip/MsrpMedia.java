package org.stoxgw.mapping.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SDP of an MSRP session (RFC 4975 §8; RFC 6135 {@code a=setup}): the first
 * {@code m=message} section of an offer or answer, read with {@link #parse} and written as a
 * complete SDP body (RFC 4566: v, o, s, c, t, m) with {@link #toSdp}.
 *
 * <p>MSRP-19: {@code m=message <port> TCP/MSRP *} (or {@code TCP/TLS/MSRP}), port and {@code c=}
 * address taken from the own (last) path URI, {@code a=path} and {@code a=accept-types}
 * mandatory, {@code a=accept-wrapped-types} and {@code a=max-size} optional. A section whose port
 * is 0 is a refused stream; {@link #parse} reports it as {@link Problem#REJECTED}.
 *
 * @param path           the a=path (the sender's relays first, its own URI last)
 * @param acceptTypes    a=accept-types, in order ({@code *} allowed)
 * @param wrappedTypes   a=accept-wrapped-types, or empty
 * @param maxSize        a=max-size in octets, or -1 when absent
 * @param setup          a=setup (RFC 6135), or {@link Setup#NONE} when absent
 */
public record MsrpMedia(MsrpPath path, List<String> acceptTypes, List<String> wrappedTypes, long maxSize, Setup setup) {

    /** RFC 4145/6135 connection roles. */
    public enum Setup {
        ACTIVE, PASSIVE, ACTPASS, NONE;

        static Setup of(String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "active" -> ACTIVE;
                case "passive" -> PASSIVE;
                case "actpass" -> ACTPASS;
                default -> NONE;
            };
        }
    }

    /** Why an SDP body has no usable MSRP section. */
    public enum Problem {
        /** No {@code m=message} section with an MSRP protocol. */
        NO_MSRP,
        /** The section's port is 0 (RFC 3264 §6: stream refused). */
        REJECTED,
        /** a=path or a=accept-types missing or malformed (MSRP-19). */
        MALFORMED
    }

    /** The outcome of {@link #parse}. */
    public record Parsed(MsrpMedia media, Problem problem, String detail) {
        public boolean ok() {
            return media != null;
        }
    }

    public MsrpMedia {
        acceptTypes = List.copyOf(acceptTypes);
        wrappedTypes = List.copyOf(wrappedTypes);
        if (acceptTypes.isEmpty()) {
            throw new IllegalArgumentException("a=accept-types is mandatory (RFC 4975 §8.2)");
        }
    }

    /** The gateway's default media: text/plain and CPIM, isComposing allowed (AMB-C07). */
    public static MsrpMedia of(MsrpUri own) {
        return new MsrpMedia(MsrpPath.of(own), List.of("text/plain", "message/cpim", "application/im-iscomposing+xml"),
                List.of(), -1, Setup.NONE);
    }

    /** Whether a body of {@code type} may be sent to whoever advertised this media (MSRP-20). */
    public boolean accepts(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return matches(acceptTypes, t) || matches(wrappedTypes, t);
    }

    /** Whether {@code type} may be sent directly, not only inside message/cpim (RFC 4975 §8.6). */
    public boolean acceptsDirectly(String type) {
        return matches(acceptTypes, type.toLowerCase(Locale.ROOT));
    }

    private static boolean matches(List<String> types, String t) {
        for (String a : types) {
            String x = a.toLowerCase(Locale.ROOT);
            if (x.equals("*") || x.equals(t) || (x.endsWith("/*") && t.startsWith(x.substring(0, x.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Reads the first {@code m=message} MSRP section of an SDP body. */
    public static Parsed parse(byte[] sdp) {
        String text = new String(sdp, StandardCharsets.UTF_8);
        boolean inMsrp = false;
        boolean seen = false;
        String port = null;
        String pathValue = null;
        String accept = null;
        String wrapped = null;
        long maxSize = -1;
        Setup setup = Setup.NONE;
        for (String raw : text.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                if (seen) {
                    break; // only the first message section counts
                }
                String[] f = line.substring(2).split(" +");
                inMsrp = f.length >= 3 && f[0].equals("message") && f[2].toUpperCase(Locale.ROOT).endsWith("/MSRP");
                if (inMsrp) {
                    seen = true;
                    port = f[1];
                }
                continue;
            }
            if (!inMsrp || !line.startsWith("a=")) {
                continue;
            }
            String a = line.substring(2);
            int colon = a.indexOf(':');
            String name = (colon < 0 ? a : a.substring(0, colon)).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : a.substring(colon + 1).trim();
            switch (name) {
                case "path" -> pathValue = value;
                case "accept-types" -> accept = value;
                case "accept-wrapped-types" -> wrapped = value;
                case "max-size" -> {
                    try {
                        maxSize = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return new Parsed(null, Problem.MALFORMED, "a=max-size " + value);
                    }
                }
                case "setup" -> setup = Setup.of(value);
                default -> { }
            }
        }
        if (!seen) {
            return new Parsed(null, Problem.NO_MSRP, "no m=message TCP/MSRP section");
        }
        if ("0".equals(port)) {
            return new Parsed(null, Problem.REJECTED, "m=message port 0");
        }
        Optional<MsrpPath> path = MsrpPath.parse(pathValue);
        if (path.isEmpty()) {
            return new Parsed(null, Problem.MALFORMED, "a=path missing or malformed");
        }
        if (accept == null || accept.isBlank()) {
            return new Parsed(null, Problem.MALFORMED, "a=accept-types missing");
        }
        return new Parsed(new MsrpMedia(path.get(), split(accept), wrapped == null ? List.of() : split(wrapped), maxSize,
                setup), null, "");
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.trim().split(" +")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * A complete SDP body (RFC 4566) carrying this media. The port and {@code c=} address come
     * from the last path URI (MSRP-19); {@code sessionVersion} is the o= version.
     */
    public String toSdp(String originUser, long sessionId, long sessionVersion) {
        MsrpUri own = path.last();
        String host = own.socketHost();
        String ipver = host.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder(256);
        sb.append("v=0\r\n");
        sb.append("o=").append(originUser).append(' ').append(sessionId).append(' ').append(sessionVersion)
                .append(" IN ").append(ipver).append(' ').append(host).append("\r\n");
        sb.append("s=-\r\n");
        sb.append("c=IN ").append(ipver).append(' ').append(host).append("\r\n");
        sb.append("t=0 0\r\n");
        sb.append("m=message ").append(own.effectivePort()).append(own.secure() ? " TCP/TLS/MSRP *" : " TCP/MSRP *")
                .append("\r\n");
        sb.append("a=accept-types:").append(String.join(" ", acceptTypes)).append("\r\n");
        if (!wrappedTypes.isEmpty()) {
            sb.append("a=accept-wrapped-types:").append(String.join(" ", wrappedTypes)).append("\r\n");
        }
        sb.append("a=path:").append(path).append("\r\n");
        if (maxSize >= 0) {
            sb.append("a=max-size:").append(maxSize).append("\r\n");
        }
        if (setup != Setup.NONE) {
            sb.append("a=setup:").append(setup.name().toLowerCase(Locale.ROOT)).append("\r\n");
        }
        return sb.toString();
    }

    /**
     * Who opens the TCP connection, seen from the side that wrote {@code local} after reading
     * {@code remote}: RFC 4975 §5.4 makes the offerer active; RFC 6135 lets a=setup say otherwise.
     *
     * @param localIsOfferer whether this side sent the offer
     */
    public static boolean localConnects(boolean localIsOfferer, Setup local, Setup remote) {
        if (local == Setup.ACTIVE) {
            return true;
        }
        if (local == Setup.PASSIVE) {
            return false;
        }
        // local is actpass or absent: the other side's answer decides; without one, RFC 4975 holds.
        if (remote == Setup.ACTIVE) {
            return false;
        }
        if (remote == Setup.PASSIVE) {
            return true;
        }
        return localIsOfferer;
    }
}
