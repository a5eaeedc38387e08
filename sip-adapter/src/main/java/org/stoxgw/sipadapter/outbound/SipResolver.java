package org.stoxgw.sipadapter.outbound;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.stoxgw.sipadapter.NextHop;
import org.stoxgw.sipadapter.SipDnsSettings;
import org.stoxgw.sipadapter.SipTransport;

/**
 * RFC 3263 section 4 ("Locating a SIP server") on Netty's DNS resolver: transport from the URI,
 * else NAPTR (services SIP+D2U, SIP+D2T, SIPS+D2T), else SRV for each transport in the configured
 * order, else A/AAAA with UDP (TLS for sips:) and the default port; an IP literal or an explicit
 * port skips NAPTR and SRV. Only transports with a listening point are used. SRV targets are
 * ordered by priority and, within one, by weighted random choice (RFC 2782).
 *
 * <p>Results are cached for the lowest record TTL (at most {@code max-cache-ttl}); domains without
 * any usable record for {@code negative-cache-ttl}. All DNS work runs on one event loop; the
 * returned futures complete there. Thread-safe.
 */
public final class SipResolver implements AutoCloseable {
    /** The outcome: targets in order of preference, or none with the reason. */
    public record Resolution(List<Target> targets, String detail) {
    }

    private record Cached(Resolution resolution, long expiresNanos) {
    }

    private final DnsNameResolver dns;
    private final List<SipTransport> preference;
    private final long maxTtlNanos;
    private final long negativeTtlNanos;
    private final int cacheSize;
    private final Map<NextHop, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param available transports with a listening point, in order of preference
     */
    public SipResolver(EventLoop loop, SipDnsSettings settings, List<SipTransport> available) {
        DnsNameResolverBuilder b = new DnsNameResolverBuilder(loop).datagramChannelType(NioDatagramChannel.class)
                .queryTimeoutMillis(settings.queryTimeout().toMillis()).searchDomains(List.of()).ndots(1)
                .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED).recursionDesired(true);
        if (!settings.servers().isEmpty()) {
            b.nameServerProvider(new SequentialDnsServerAddressStreamProvider(settings.servers()));
        }
        this.dns = b.build();
        this.preference = List.copyOf(available);
        this.maxTtlNanos = settings.maxCacheTtl().toNanos();
        this.negativeTtlNanos = settings.negativeCacheTtl().toNanos();
        this.cacheSize = settings.cacheSize();
    }

    /** The targets for {@code hop}, best first. Never fails: problems give an empty resolution. */
    public CompletableFuture<Resolution> resolve(NextHop hop) {
        Cached c = cache.get(hop);
        if (c != null && c.expiresNanos - System.nanoTime() > 0) {
            return CompletableFuture.completedFuture(c.resolution);
        }
        Ttl ttl = new Ttl(maxTtlNanos);
        return lookup(hop, ttl).handle((targets, error) -> {
            Resolution r = error != null ? new Resolution(List.of(), "DNS lookup failed: " + error.getMessage())
                    : targets.isEmpty() ? new Resolution(List.of(), "no NAPTR, SRV or A/AAAA record usable for " + hop.host())
                    : new Resolution(List.copyOf(targets), "");
            if (cache.size() >= cacheSize) {
                cache.clear();
            }
            cache.put(hop, new Cached(r, System.nanoTime() + (r.targets().isEmpty() ? negativeTtlNanos : ttl.nanos)));
            return r;
        });
    }

    private CompletableFuture<List<Target>> lookup(NextHop hop, Ttl ttl) {
        boolean literal = NetUtil.isValidIpV4Address(hop.host()) || NetUtil.isValidIpV6Address(hop.host());
        if (literal || hop.port() > 0) {
            // RFC 3263 section 4.1/4.2: no NAPTR or SRV for a numeric address or an explicit port
            SipTransport t = hop.transport().orElse(defaultTransport(hop));
            if (t == null) {
                return CompletableFuture.completedFuture(List.of());
            }
            int port = hop.port() > 0 ? hop.port() : t.defaultPort();
            if (literal) {
                byte[] ip = NetUtil.createByteArrayFromIpAddressString(hop.host());
                try {
                    return CompletableFuture.completedFuture(List.of(new Target(new InetSocketAddress(InetAddress.getByAddress(ip), port), t)));
                } catch (UnknownHostException e) {
                    return CompletableFuture.completedFuture(List.of());
                }
            }
            return addresses(hop.host(), port, t);
        }
        if (hop.transport().isPresent()) {
            SipTransport t = hop.transport().get();
            return preference.contains(t) ? srvOrAddresses(hop.host(), List.of(t), ttl, hop) : CompletableFuture.completedFuture(List.of());
        }
        return records(hop.host(), DnsRecordType.NAPTR, DnsRecords::naptr).thenCompose(naptrs -> {
            List<DnsRecords.Naptr> usable = new ArrayList<>();
            for (DnsRecords.Naptr n : naptrs) {
                SipTransport t = byService(n.service());
                if (n.flags().equals("s") && t != null && preference.contains(t) && hop.allows(t) && !n.replacement().isEmpty()) {
                    usable.add(n);
                    ttl.seen(n.ttl());
                }
            }
            if (usable.isEmpty()) {
                List<SipTransport> ts = preference.stream().filter(hop::allows).toList();
                return srvOrAddresses(hop.host(), ts, ttl, hop);
            }
            usable.sort(Comparator.comparingInt(DnsRecords.Naptr::order).thenComparingInt(DnsRecords.Naptr::preference));
            List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
            for (DnsRecords.Naptr n : usable) {
                parts.add(srvTargets(n.replacement(), byService(n.service()), ttl));
            }
            return concat(parts);
        });
    }

    /** SRV for each transport in order; when none has records, A/AAAA with the default transport. */
    private CompletableFuture<List<Target>> srvOrAddresses(String host, List<SipTransport> transports, Ttl ttl, NextHop hop) {
        List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
        for (SipTransport t : transports) {
            parts.add(srvTargets(t.srvPrefix() + host, t, ttl));
        }
        return concat(parts).thenCompose(found -> {
            if (!found.isEmpty()) {
                return CompletableFuture.completedFuture(found);
            }
            SipTransport t = hop.transport().orElse(defaultTransport(hop));
            return t == null ? CompletableFuture.completedFuture(List.of()) : addresses(host, t.defaultPort(), t);
        });
    }

    private CompletableFuture<List<Target>> srvTargets(String name, SipTransport t, Ttl ttl) {
        return records(name, DnsRecordType.SRV, DnsRecords::srv).thenCompose(srvs -> {
            List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
            for (DnsRecords.Srv s : order(srvs)) {
                if (!s.target().isEmpty() && s.port() > 0) {
                    ttl.seen(s.ttl());
                    parts.add(addresses(s.target(), s.port(), t));
                }
            }
            return concat(parts);
        });
    }

    /** RFC 2782: ascending priority; within one priority a weighted random order. */
    static List<DnsRecords.Srv> order(List<DnsRecords.Srv> srvs) {
        List<DnsRecords.Srv> sorted = new ArrayList<>(srvs);
        sorted.sort(Comparator.comparingInt(DnsRecords.Srv::priority));
        List<DnsRecords.Srv> out = new ArrayList<>(sorted.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
                j++;
            }
            List<DnsRecords.Srv> group = new ArrayList<>(sorted.subList(i, j));
            while (!group.isEmpty()) {
                int total = group.stream().mapToInt(s -> s.weight() + 1).sum();
                int pick = random.nextInt(total);
                int k = 0;
                while (pick >= group.get(k).weight() + 1) {
                    pick -= group.get(k).weight() + 1;
                    k++;
                }
                out.add(group.remove(k));
            }
            i = j;
        }
        return out;
    }

    private CompletableFuture<List<Target>> addresses(String host, int port, SipTransport t) {
        return cf(dns.resolveAll(host)).handle((ips, e) -> {
            List<Target> out = new ArrayList<>();
            if (e == null) {
                for (InetAddress ip : ips) {
                    out.add(new Target(new InetSocketAddress(ip, port), t));
                }
            }
            return out;
        });
    }

    private <T> CompletableFuture<List<T>> records(String name, DnsRecordType type, Function<DnsRecord, T> decode) {
        return cf(dns.resolveAll(new DefaultDnsQuestion(name, type))).handle((records, e) -> {
            List<T> out = new ArrayList<>();
            if (e != null) {
                return out;
            }
            try {
                for (DnsRecord r : records) {
                    if (r.type().equals(type)) {
                        try {
                            out.add(decode.apply(r));
                        } catch (RuntimeException bad) {
                            // a malformed record is skipped, the others still count
                        }
                    }
                }
            } finally {
                records.forEach(ReferenceCountUtil::release);
            }
            return out;
        });
    }

    /** UDP for sip: (TCP when there is no UDP listening point), TLS for sips: (RFC 3263 section 4.1). */
    private SipTransport defaultTransport(NextHop hop) {
        if (hop.secure()) {
            return preference.contains(SipTransport.TLS) ? SipTransport.TLS : null;
        }
        if (preference.contains(SipTransport.UDP)) {
            return SipTransport.UDP;
        }
        return preference.contains(SipTransport.TCP) ? SipTransport.TCP : null;
    }

    private static SipTransport byService(String service) {
        for (SipTransport t : SipTransport.values()) {
            if (t.naptrService().equals(service)) {
                return t;
            }
        }
        return null;
    }

    private static CompletableFuture<List<Target>> concat(List<CompletableFuture<List<Target>>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Target> out = new ArrayList<>();
            for (CompletableFuture<List<Target>> p : parts) {
                for (Target t : p.join()) {
                    if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
            return out;
        });
    }

    private static <T> CompletableFuture<T> cf(Future<T> f) {
        CompletableFuture<T> c = new CompletableFuture<>();
        f.addListener(done -> {
            if (done.isSuccess()) {
                c.complete(f.getNow());
            } else {
                c.completeExceptionally(done.cause());
            }
        });
        return c;
    }

    /** The shortest TTL seen while resolving, bounded by the configured maximum. */
    private static final class Ttl {
        volatile long nanos;

        Ttl(long max) {
            this.nanos = max;
        }

        void seen(long seconds) {
            nanos = Math.min(nanos, seconds * 1_000_000_000L);
        }
    }

    @Override
    public void close() {
        dns.close();
    }
}
