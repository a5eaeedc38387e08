package org.stoxgw.sipadapter;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a request goes next, before resolution: a host (name or IP literal), an optional port, an
 * optional transport and whether the target is a {@code sips:} URI. RFC 3263 section 4 turns it into
 * addresses: an IP literal or an explicit port skip NAPTR and SRV; an explicit transport skips NAPTR.
 *
 * @param host      DNS name (lower case) or IP literal (IPv6 without brackets)
 * @param port      0 when not given
 * @param transport empty when not given
 * @param secure    the URI was {@code sips:} (only TLS may be used)
 */
public record NextHop(String host, int port, Optional<SipTransport> transport, boolean secure) {

    public NextHop {
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (secure && transport.isPresent() && transport.get() != SipTransport.TLS) {
            throw new IllegalArgumentException("a sips: target needs transport tls");
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, either followed by {@code ;transport=tcp}, or a
     * {@code sip:}/{@code sips:} URI with those parts (user part and other parameters are ignored).
     *
     * @throws IllegalArgumentException with an operator-readable reason
     */
    public static NextHop parse(String text) {
        String s = text.trim();
        boolean sips = false;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sips:")) {
            sips = true;
            s = s.substring(5);
        } else if (lower.startsWith("sip:")) {
            s = s.substring(4);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        Optional<SipTransport> transport = Optional.empty();
        String[] parts = s.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                SipTransport t = SipTransport.byName(p.substring("transport=".length()));
                if (t == null) {
                    throw new IllegalArgumentException("unknown transport in \"" + text + "\" (udp, tcp or tls)");
                }
                transport = Optional.of(t);
            }
        }
        if (sips && transport.isEmpty()) {
            transport = Optional.of(SipTransport.TLS);
        }
        try {
            HostAndPort hp = HostAndPort.split(parts[0]);
            return new NextHop(hp.host, hp.port, transport, sips);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad next hop \"" + text + "\": " + e.getMessage());
        }
    }

    /** The transports this hop allows: the explicit one, TLS for sips:, else any. */
    public boolean allows(SipTransport t) {
        if (transport.isPresent()) {
            return transport.get() == t;
        }
        return !secure || t == SipTransport.TLS;
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (secure ? "sips:" : "sip:") + h + (port > 0 ? ":" + port : "")
                + transport.map(t -> ";transport=" + t.wireName()).orElse("");
    }

    private record HostAndPort(String host, int port) {
        static HostAndPort split(String s) {
            String host;
            String port = null;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '['");
                }
                host = s.substring(1, close);
                if (close + 1 < s.length()) {
                    if (s.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("expected ':' after ']'");
                    }
                    port = s.substring(close + 2);
                }
            } else {
                int colon = s.lastIndexOf(':');
                if (colon >= 0 && s.indexOf(':') != colon) {
                    host = s;
                } else {
                    host = colon < 0 ? s : s.substring(0, colon);
                    port = colon < 0 ? null : s.substring(colon + 1);
                }
            }
            int p = 0;
            if (port != null) {
                try {
                    p = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("port is not a number");
                }
            }
            return new HostAndPort(host, p);
        }
    }
}
