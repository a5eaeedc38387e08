package org.stoxgw.sipadapter;

import io.netty.util.NetUtil;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.HostPort;

/**
 * {@code gateway.sip}: the SIP adapter's settings, read once at start-up. Every key, its default and
 * its meaning are in the module's {@code reference.conf}.
 *
 * @param udp            UDP listening points
 * @param tcp            TCP listening points
 * @param tls            TLS listening points (need {@code gateway.tls.key-store})
 * @param advertisedHost host for Via sent-by and Contact; empty = the listening point's IP
 * @param maxForwards    Max-Forwards of requests the gateway originates
 * @param capabilities   accepted methods, body types and event packages
 * @param tlsOptions     client certificates, server domain checks, handshake timeout
 * @param trust          who may send requests, for which domains
 * @param routing        outbound proxy, static routes, transport preference
 * @param dns            RFC 3263 resolver settings
 * @param timeouts       T1, connect, core answer
 * @param limits         sizes, rates, threads and queues
 * @param invite         the INVITE dialog layer's bounds
 */
public record SipSettings(List<HostPort> udp, List<HostPort> tcp, List<HostPort> tls, Optional<String> advertisedHost,
                          int maxForwards, SipCapabilities capabilities, SipTlsOptions tlsOptions, SipTrust trust,
                          SipRouting routing, SipDnsSettings dns, SipTimeouts timeouts, SipLimits limits,
                          org.stoxgw.sipadapter.invite.InviteSettings invite) {

    public SipSettings {
        udp = List.copyOf(udp);
        tcp = List.copyOf(tcp);
        tls = List.copyOf(tls);
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(tlsOptions, "tlsOptions");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(invite, "invite");
    }

    /** The same settings with other capabilities. */
    public SipSettings withCapabilities(SipCapabilities caps) {
        return new SipSettings(udp, tcp, tls, advertisedHost, maxForwards, caps, tlsOptions, trust, routing, dns, timeouts,
                limits, invite);
    }

    /** Reads {@code sip} under the {@code gateway} reader. */
    public static SipSettings read(ConfigReader gateway) {
        ConfigReader sip = gateway.section("sip");
        ConfigReader listen = sip.section("listen");
        List<HostPort> udp = hostPorts(listen, "udp", 5060);
        List<HostPort> tcp = hostPorts(listen, "tcp", 5060);
        List<HostPort> tls = hostPorts(listen, "tls", 5061);
        if (!tls.isEmpty() && gateway.section("tls").optionalString("key-store").isEmpty()) {
            listen.problem("tls", "TLS listening points need gateway.tls.key-store");
        }
        if (udp.isEmpty() && tcp.isEmpty() && tls.isEmpty()) {
            sip.problem("listen", "at least one SIP listening point is required");
        }
        Optional<String> advertised = sip.optionalString("advertised-host");
        boolean wildcard = java.util.stream.Stream.of(udp, tcp, tls).flatMap(List::stream)
                .anyMatch(hp -> hp.host().equals("0.0.0.0") || hp.host().equals("::"));
        if (wildcard && advertised.isEmpty()) {
            sip.problem("advertised-host", "listening on a wildcard address needs advertised-host (peers cannot reach 0.0.0.0)");
        }
        return new SipSettings(udp, tcp, tls, advertised, sip.integer("max-forwards", 1, 255),
                SipCapabilities.read(sip), SipTlsOptions.read(sip), SipTrust.read(sip), SipRouting.read(sip),
                SipDnsSettings.read(sip), SipTimeouts.read(sip), SipLimits.read(sip),
                org.stoxgw.sipadapter.invite.InviteSettings.read(sip));
    }

    private static List<HostPort> hostPorts(ConfigReader r, String key, int defaultPort) {
        return r.strings(key).stream().map(s -> {
            try {
                HostPort hp = HostPort.parse(s, defaultPort);
                if (NetUtil.createByteArrayFromIpAddressString(hp.host()) == null) {
                    r.problem(key, "\"" + s + "\": a listening point needs an IP address, not a name");
                    return null;
                }
                return hp;
            } catch (IllegalArgumentException e) {
                r.problem(key, e.getMessage());
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }
}
