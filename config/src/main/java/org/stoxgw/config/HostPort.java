package org.stoxgw.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A host (name or IP literal, IPv6 in brackets on input) and a port, as written in config
 * ({@code "127.0.0.1:5060"}, {@code "[::1]:5269"}, {@code "xmpp.example.org:5269"}).
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }

    /**
     * Parses {@code host:port}; {@code defaultPort} applies when no port is given (use -1 to make
     * the port mandatory).
     *
     * @throws IllegalArgumentException with an operator-readable reason
     */
    public static HostPort parse(String text, int defaultPort) {
        String s = text.trim();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in \"" + text + "\"");
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("expected ':' after ']' in \"" + text + "\"");
                }
                port = s.substring(close + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("IPv6 literals need brackets: \"" + text + "\"");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        int p;
        if (port == null) {
            if (defaultPort < 0) {
                throw new IllegalArgumentException("missing port in \"" + text + "\" (expected host:port)");
            }
            p = defaultPort;
        } else {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port is not a number in \"" + text + "\"");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("missing host in \"" + text + "\"");
        }
        return new HostPort(host, p);
    }

    /** An unresolved socket address (resolution is the adapters' business, not config's). */
    public InetSocketAddress toUnresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
