package org.stoxgw.mapping.media;

import java.util.Objects;

/**
 * A transport address: an SDP {@code c=} connection address with the {@code m=} (or {@code a=rtcp})
 * port; for Raw UDP the Jingle candidate's {@code ip}/{@code port} (MEDIA-14). Port 0 in a media
 * description means the stream is rejected or removed (RFC 3264 §6, §8.2).
 */
public record Address(String ip, int port) {
    /** The address of a stream whose candidates are still to come (RFC 8840 §4.2: {@code IN IP4 0.0.0.0}, port 9). */
    public static final Address UNKNOWN = new Address("0.0.0.0", 9);

    public Address {
        Objects.requireNonNull(ip, "ip");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of 0..65535: " + port);
        }
    }

    /** Whether the address is IPv6 (SDP address type {@code IP6}). */
    public boolean ipv6() {
        return ip.indexOf(':') >= 0;
    }

    public Address withPort(int p) {
        return new Address(ip, p);
    }
}
