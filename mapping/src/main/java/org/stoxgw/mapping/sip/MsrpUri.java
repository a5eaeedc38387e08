package org.stoxgw.mapping.sip;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP URI (RFC 4975 §6, §9): {@code msrp[s]://[userinfo@]host[:port][/session-id];transport}.
 * Parsing is strict about the parts RFC 4975 requires (scheme, authority, transport) and refuses
 * anything else with an empty result; URI parameters after the transport are kept verbatim.
 *
 * <p>Comparison ({@link #sameAs}) follows RFC 4975 §6.1: scheme, host and transport compare
 * case-insensitively, the session-id case-sensitively, the port numerically (absent = 2855), and
 * userinfo and parameters are ignored.
 *
 * @param secure     {@code msrps} (TLS) rather than {@code msrp}
 * @param userinfo   the userinfo part, or empty
 * @param host       the host (an IPv6 literal keeps its brackets)
 * @param port       the port, or -1 when absent
 * @param sessionId  the session-id, or empty (a relay's URI may have none, RFC 4976 §5)
 * @param transport  the transport token, lower case ({@code tcp})
 * @param params     further URI parameters (without the leading ';'), or empty
 */
public record MsrpUri(boolean secure, String userinfo, String host, int port, String sessionId, String transport,
                      String params) {

    /** The port an MSRP URI without one means (RFC 4975 §15.4). */
    public static final int DEFAULT_PORT = 2855;
    /** Longest URI accepted; a header line holds a few of them. */
    public static final int MAX_LENGTH = 512;

    public MsrpUri {
        Objects.requireNonNull(host, "host");
        userinfo = userinfo == null ? "" : userinfo;
        sessionId = sessionId == null ? "" : sessionId;
        transport = transport == null ? "tcp" : transport.toLowerCase(Locale.ROOT);
        params = params == null ? "" : params;
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** A gateway URI: {@code msrp[s]://host:port/sessionId;tcp}. */
    public static MsrpUri of(boolean secure, String host, int port, String sessionId) {
        return new MsrpUri(secure, "", host, port, sessionId, "tcp", "");
    }

    /** Parses one URI; empty if it is not an MSRP URI. */
    public static Optional<MsrpUri> parse(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        boolean secure;
        String rest;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("msrps://")) {
            secure = true;
            rest = s.substring(8);
        } else if (lower.startsWith("msrp://")) {
            secure = false;
            rest = s.substring(7);
        } else {
            return Optional.empty();
        }
        int semi = rest.indexOf(';');
        if (semi < 0) {
            return Optional.empty(); // transport is mandatory (RFC 4975 §9: "; transport")
        }
        String hierarchical = rest.substring(0, semi);
        String afterSemi = rest.substring(semi + 1);
        int nextSemi = afterSemi.indexOf(';');
        String transport = nextSemi < 0 ? afterSemi : afterSemi.substring(0, nextSemi);
        String params = nextSemi < 0 ? "" : afterSemi.substring(nextSemi + 1);
        if (!isToken(transport)) {
            return Optional.empty();
        }
        int slash = hierarchical.indexOf('/');
        String authority = slash < 0 ? hierarchical : hierarchical.substring(0, slash);
        String sessionId = slash < 0 ? "" : hierarchical.substring(slash + 1);
        if (!sessionId.chars().allMatch(MsrpUri::isUnreserved)) {
            return Optional.empty();
        }
        String userinfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userinfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        String host;
        int port = -1;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(0, close + 1);
            String tail = authority.substring(close + 1);
            if (!tail.isEmpty()) {
                if (!tail.startsWith(":")) {
                    return Optional.empty();
                }
                port = parsePort(tail.substring(1));
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            if (colon >= 0) {
                port = parsePort(authority.substring(colon + 1));
            }
        }
        if (host.isEmpty() || port == -2 || !host.chars().allMatch(c -> isUnreserved(c) || c == '[' || c == ']' || c == ':')) {
            return Optional.empty();
        }
        return Optional.of(new MsrpUri(secure, userinfo, host, port, sessionId, transport, params));
    }

    /** The port to connect to: the explicit one, or 2855. */
    public int effectivePort() {
        return port < 0 ? DEFAULT_PORT : port;
    }

    /** The same URI with another session-id. */
    public MsrpUri withSessionId(String id) {
        return new MsrpUri(secure, userinfo, host, port, id, transport, params);
    }

    /** RFC 4975 §6.1 equality. */
    public boolean sameAs(MsrpUri o) {
        return o != null && secure == o.secure && host.equalsIgnoreCase(o.host) && effectivePort() == o.effectivePort()
                && sessionId.equals(o.sessionId) && transport.equals(o.transport);
    }

    /** The host without IPv6 brackets, for a socket address. */
    public String socketHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(secure ? "msrps://" : "msrp://");
        if (!userinfo.isEmpty()) {
            sb.append(userinfo).append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        if (!sessionId.isEmpty()) {
            sb.append('/').append(sessionId);
        }
        sb.append(';').append(transport);
        if (!params.isEmpty()) {
            sb.append(';').append(params);
        }
        return sb.toString();
    }

    private static int parsePort(String p) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
            return -2;
        }
        int v = Integer.parseInt(p);
        return v > 65535 ? -2 : v;
    }

    private static boolean isToken(String t) {
        return !t.isEmpty() && t.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
    }

    // RFC 3986 unreserved plus pct-encoded and sub-delims, as session-id and host allow.
    private static boolean isUnreserved(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-._~%!$&'()*+,=".indexOf(c) >= 0);
    }
}
