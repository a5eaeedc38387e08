package org.stoxgw.xmppadapter.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddresses;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.stoxgw.config.HostPort;

/**
 * Finds where a remote XMPP domain's server listens (RFC 6120 §3.2): a static route from config
 * wins; otherwise {@code _xmpp-server._tcp} and {@code _xmpps-server._tcp} (XEP-0368) SRV records,
 * ordered by RFC 2782; a lone target of "." means the domain offers no XMPP service; without SRV
 * records, the domain's A/AAAA records on port 5269 (RFC 6120 §3.2.2).
 *
 * <p>DNS runs on Netty's non-blocking resolver on one event loop; results are delivered on the
 * caller's event loop. Thread-safe. {@link #close()} once, at stop.
 */
public final class RemoteResolver implements AutoCloseable {
    /** The port of RFC 6120 §3.2.2's fallback. */
    public static final int DEFAULT_PORT = 5269;

    private final DnsNameResolver dns;
    private final Map<String, HostPort> routes;

    /**
     * @param resolverLoop the event loop DNS queries run on
     * @param servers      DNS servers, empty = the system's (/etc/resolv.conf)
     * @param queryTimeout time for one query
     * @param routes       static routes, remote domain to host:port
     */
    public RemoteResolver(EventLoop resolverLoop, List<HostPort> servers, Duration queryTimeout,
                          Map<String, HostPort> routes) {
        DnsNameResolverBuilder b = new DnsNameResolverBuilder(resolverLoop)
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class)
                .queryTimeoutMillis(queryTimeout.toMillis())
                .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED);
        if (!servers.isEmpty()) {
            List<InetSocketAddress> addresses = servers.stream()
                    .map(s -> new InetSocketAddress(s.host(), s.port())).toList();
            b.nameServerProvider(new SequentialDnsServerAddressStreamProvider(addresses));
            b.queryServerAddressStream(DnsServerAddresses.sequential(addresses).stream());
        }
        this.dns = b.build();
        this.routes = Map.copyOf(routes);
    }

    /** Resolves {@code domain} (lower case); the future completes on {@code loop} and never fails. */
    public Future<Resolution> resolve(String domain, EventLoop loop) {
        Promise<Resolution> result = loop.newPromise();
        HostPort route = routes.get(domain.toLowerCase(Locale.ROOT));
        if (route != null) {
            return resolve(route, "static route", loop);
        }
        Future<List<SrvRecord>> plain = srv("_xmpp-server._tcp." + domain + ".", false, loop);
        Future<List<SrvRecord>> direct = srv("_xmpps-server._tcp." + domain + ".", true, loop);
        plain.addListener(a -> direct.addListener(b -> {
            List<SrvRecord> records = new ArrayList<>(plain.getNow());
            records.addAll(direct.getNow());
            boolean explicitNone = !records.isEmpty() && records.stream().allMatch(r -> r.target().isEmpty());
            records.removeIf(r -> r.target().isEmpty());
            if (explicitNone) {
                // RFC 2782: a single "." target says the service is decidedly not available.
                result.setSuccess(Resolution.failure(true, domain + " has no XMPP server-to-server service (SRV target \".\")"));
            } else if (records.isEmpty()) {
                fallback(domain, loop, result);
            } else {
                targets(SrvOrdering.order(records, ThreadLocalRandom.current()), loop, result);
            }
        }));
        return result;
    }

    /** Resolves a configured {@code host:port} (static route, component server). */
    public Future<Resolution> resolve(HostPort hostPort, String what, EventLoop loop) {
        Promise<Resolution> result = loop.newPromise();
        addresses(hostPort.host(), loop).addListener((Future<List<InetAddress>> f) -> {
            if (f.isSuccess()) {
                List<Endpoint> out = new ArrayList<>();
                for (InetAddress a : f.getNow()) {
                    out.add(new Endpoint(new InetSocketAddress(a, hostPort.port()), false, what + " " + hostPort));
                }
                result.setSuccess(new Resolution(out, false, what + " " + hostPort));
            } else {
                result.setSuccess(Resolution.failure(definitive(f.cause()),
                        what + " host " + hostPort.host() + " does not resolve: " + f.cause().getMessage()));
            }
        });
        return result;
    }

    private void fallback(String domain, EventLoop loop, Promise<Resolution> result) {
        addresses(domain, loop).addListener((Future<List<InetAddress>> f) -> {
            if (f.isSuccess()) {
                List<Endpoint> out = new ArrayList<>();
                for (InetAddress a : f.getNow()) {
                    out.add(new Endpoint(new InetSocketAddress(a, DEFAULT_PORT), false, "A/AAAA " + domain));
                }
                result.setSuccess(new Resolution(out, false, "no SRV, address records of " + domain));
            } else {
                result.setSuccess(Resolution.failure(definitive(f.cause()),
                        domain + " does not resolve (no SRV, no A/AAAA): " + f.cause().getMessage()));
            }
        });
    }

    private void targets(List<SrvRecord> ordered, EventLoop loop, Promise<Resolution> result) {
        List<Future<List<InetAddress>>> lookups = new ArrayList<>();
        for (SrvRecord r : ordered) {
            lookups.add(addresses(r.target(), loop));
        }
        int[] left = {lookups.size()};
        for (Future<List<InetAddress>> lookup : lookups) {
            lookup.addListener(f -> {
                if (--left[0] > 0) {
                    return;
                }
                List<Endpoint> out = new ArrayList<>();
                StringBuilder failures = new StringBuilder();
                for (int i = 0; i < ordered.size(); i++) {
                    SrvRecord r = ordered.get(i);
                    Future<List<InetAddress>> l = lookups.get(i);
                    String via = (r.directTls() ? "SRV _xmpps-server " : "SRV _xmpp-server ") + r.target() + ":" + r.port();
                    if (l.isSuccess()) {
                        for (InetAddress a : l.getNow()) {
                            out.add(new Endpoint(new InetSocketAddress(a, r.port()), r.directTls(), via));
                        }
                    } else {
                        failures.append(' ').append(r.target()).append(": ").append(l.cause().getMessage());
                    }
                }
                result.setSuccess(out.isEmpty()
                        ? Resolution.failure(false, "no SRV target resolves:" + failures)
                        : new Resolution(out, false, "SRV"));
            });
        }
    }

    private Future<List<SrvRecord>> srv(String name, boolean directTls, EventLoop loop) {
        Promise<List<SrvRecord>> out = loop.newPromise();
        Promise<List<DnsRecord>> answer = loop.newPromise();
        dns.resolveAll(new DefaultDnsQuestion(name, DnsRecordType.SRV), List.of(), answer);
        answer.addListener((Future<List<DnsRecord>> f) -> {
            List<SrvRecord> records = new ArrayList<>();
            if (f.isSuccess()) {
                for (DnsRecord r : f.getNow()) {
                    try {
                        if (r.type() == DnsRecordType.SRV && r instanceof DnsRawRecord raw) {
                            SrvRecord s = decode(raw.content(), directTls);
                            if (s != null) {
                                records.add(s);
                            }
                        }
                    } finally {
                        io.netty.util.ReferenceCountUtil.release(r);
                    }
                }
            }
            out.setSuccess(records);
        });
        return out;
    }

    /** RFC 2782 RDATA: priority, weight, port, target (an uncompressed name; "." = none). */
    static SrvRecord decode(ByteBuf content, boolean directTls) {
        ByteBuf c = content.duplicate();
        if (c.readableBytes() < 7) {
            return null;
        }
        int priority = c.readUnsignedShort();
        int weight = c.readUnsignedShort();
        int port = c.readUnsignedShort();
        String target;
        try {
            target = DefaultDnsRecordDecoder.decodeName(c);
        } catch (RuntimeException e) {
            return null;
        }
        if (target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
        return new SrvRecord(priority, weight, port, target.toLowerCase(Locale.ROOT), directTls);
    }

    private Future<List<InetAddress>> addresses(String host, EventLoop loop) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                return loop.newSucceededFuture(List.of(InetAddress.getByAddress(host, literal)));
            } catch (UnknownHostException e) {
                return loop.newFailedFuture(e);
            }
        }
        return dns.resolveAll(host, loop.<List<InetAddress>>newPromise());
    }

    private static boolean definitive(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DnsNameResolverTimeoutException) {
                return false;
            }
        }
        return t instanceof UnknownHostException;
    }

    @Override
    public void close() {
        dns.close();
    }
}
