package org.stoxgw.sipadapter;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.HostPort;

/**
 * {@code gateway.sip.dns}: the resolver used for RFC 3263 (NAPTR, SRV, A/AAAA).
 *
 * @param servers          DNS servers; empty = the system's
 * @param queryTimeout     timeout of one query
 * @param maxCacheTtl      longest reuse of a resolved target list
 * @param negativeCacheTtl how long "no usable record" is remembered
 * @param cacheSize        resolved targets remembered at most (the cache starts afresh beyond)
 */
public record SipDnsSettings(List<InetSocketAddress> servers, Duration queryTimeout, Duration maxCacheTtl,
                             Duration negativeCacheTtl, int cacheSize) {

    public SipDnsSettings {
        servers = List.copyOf(servers);
    }

    static SipDnsSettings read(ConfigReader sip) {
        ConfigReader r = sip.section("dns");
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String s : r.strings("servers")) {
            try {
                HostPort hp = HostPort.parse(s, 53);
                byte[] ip = NetUtil.createByteArrayFromIpAddressString(hp.host());
                if (ip == null) {
                    r.problem("servers", "\"" + s + "\": a DNS server must be an IP address");
                    continue;
                }
                servers.add(new InetSocketAddress(InetAddress.getByAddress(ip), hp.port()));
            } catch (IllegalArgumentException | UnknownHostException e) {
                r.problem("servers", e.getMessage());
            }
        }
        return new SipDnsSettings(servers, r.duration("query-timeout", Duration.ofMillis(100), Duration.ofSeconds(60)),
                r.duration("max-cache-ttl", Duration.ZERO, Duration.ofDays(1)),
                r.duration("negative-cache-ttl", Duration.ZERO, Duration.ofHours(1)), r.integer("cache-size", 1, 10_000_000));
    }
}
