package org.stoxgw.sipadapter;

import java.util.List;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.HostPort;

/**
 * {@code gateway.sip}: the SIP adapter's settings, read once at start-up.
 *
 * @param udp UDP listening points
 * @param tcp TCP listening points
 * @param tls TLS listening points (need {@code gateway.tls.key-store})
 */
public record SipSettings(List<HostPort> udp, List<HostPort> tcp, List<HostPort> tls) {

    public SipSettings {
        udp = List.copyOf(udp);
        tcp = List.copyOf(tcp);
        tls = List.copyOf(tls);
    }

    /** Reads {@code sip} under the {@code gateway} reader. */
    public static SipSettings read(ConfigReader gateway) {
        ConfigReader sip = gateway.section("sip");
        ConfigReader listen = sip.section("listen");
        return new SipSettings(hostPorts(listen, "udp", 5060), hostPorts(listen, "tcp", 5060), hostPorts(listen, "tls", 5061));
    }

    private static List<HostPort> hostPorts(ConfigReader r, String key, int defaultPort) {
        return r.strings(key).stream().map(s -> {
            try {
                return HostPort.parse(s, defaultPort);
            } catch (IllegalArgumentException e) {
                r.problem(key, e.getMessage());
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
    }
}
