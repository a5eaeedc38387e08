package org.stoxgw.mapping.media;

import java.util.Objects;

/**
 * One ICE (RFC 8839 §5.1 {@code a=candidate} ↔ XEP-0176 {@code <candidate/>}) or Raw UDP (XEP-0177)
 * candidate. Foundations are strings and pass through unchanged (AMB-V04). {@code id} and
 * {@code network} exist only in Jingle: {@code id} is null for a candidate read from SDP (the Jingle
 * translator generates one, MEDIA-17) and {@code network} is never written to SDP (MEDIA-18).
 * {@code relAddr}/{@code relPort} are null/0 when absent; {@code tcpType} is null unless
 * {@code protocol} is tcp.
 */
public record Candidate(String foundation, int component, String protocol, long priority, String ip, int port,
                        String type, String relAddr, int relPort, int generation, String id, Integer network,
                        String tcpType) {
    public Candidate {
        Objects.requireNonNull(ip, "ip");
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component out of 1..256: " + component);
        }
        if (port < 0 || port > 65535 || relPort < 0 || relPort > 65535) {
            throw new IllegalArgumentException("port out of 0..65535");
        }
        if (generation < 0) {
            throw new IllegalArgumentException("generation < 0");
        }
        foundation = foundation == null ? "" : foundation;
        protocol = protocol == null ? "udp" : protocol;
        type = type == null ? "host" : type;
    }

    /** A Raw UDP candidate (XEP-0177 §4.2: component, generation, id, ip, port). */
    public static Candidate raw(int component, String ip, int port, int generation, String id) {
        return new Candidate("", component, "udp", 0, ip, port, "host", null, 0, generation, id, null, null);
    }

    public Candidate withId(String newId) {
        return new Candidate(foundation, component, protocol, priority, ip, port, type, relAddr, relPort, generation,
                newId, network, tcpType);
    }

    public Candidate withGeneration(int g) {
        return new Candidate(foundation, component, protocol, priority, ip, port, type, relAddr, relPort, g, id,
                network, tcpType);
    }
}
