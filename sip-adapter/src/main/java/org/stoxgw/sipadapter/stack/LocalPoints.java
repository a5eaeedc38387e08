package org.stoxgw.sipadapter.stack;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sip.SipProvider;
import org.stoxgw.sipadapter.SipTransport;

/**
 * The adapter's bound listening points and the JAIN-SIP provider serving each: which one sends a
 * request over a given transport and address family, which hosts name the gateway itself
 * (Request-URI checks, loop guard), what a Via or Contact of ours says. Immutable after start.
 */
public final class LocalPoints {
    /** One bound listening point. */
    public record Point(SipTransport transport, InetAddress ip, int port, SipProvider provider) {
        public boolean isV6() {
            return ip instanceof Inet6Address;
        }

        @Override
        public String toString() {
            return "sip " + transport.wireName() + " " + hostForUri(NetUtil.toAddressString(ip)) + ":" + port;
        }
    }

    private final List<Point> points;
    private final String advertisedHost;

    LocalPoints(List<Point> points, String advertisedHost) {
        this.points = List.copyOf(points);
        this.advertisedHost = advertisedHost;
    }

    public List<Point> all() {
        return points;
    }

    /** The point sending over {@code t}, preferring the family of {@code target}; null if none. */
    public Point pick(SipTransport t, InetAddress target) {
        Point any = null;
        for (Point p : points) {
            if (p.transport() == t) {
                if (p.isV6() == (target instanceof Inet6Address)) {
                    return p;
                }
                if (any == null) {
                    any = p;
                }
            }
        }
        return any;
    }

    /** Transports with a listening point, in the order given (unavailable ones left out). */
    public List<SipTransport> available(List<SipTransport> preference) {
        List<SipTransport> out = new ArrayList<>();
        for (SipTransport t : preference) {
            if (points.stream().anyMatch(p -> p.transport() == t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether {@code target} over {@code t} would reach this gateway itself. */
    public boolean isOwn(InetSocketAddress target, SipTransport t) {
        for (Point p : points) {
            if (p.transport() == t && p.port() == target.getPort()
                    && (p.ip().equals(target.getAddress()) || p.ip().isAnyLocalAddress())) {
                return true;
            }
        }
        return false;
    }

    /** Hosts that name this gateway: listening point addresses and the advertised host, lower case. */
    public Set<String> ownHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        points.forEach(p -> hosts.add(NetUtil.toAddressString(p.ip()).toLowerCase(java.util.Locale.ROOT)));
        if (!advertisedHost.isEmpty()) {
            hosts.add(advertisedHost.toLowerCase(java.util.Locale.ROOT));
        }
        return hosts;
    }

    /** The host for our Via sent-by and Contact when sending from {@code p}. */
    public String sentBy(Point p) {
        return advertisedHost.isEmpty() ? NetUtil.toAddressString(p.ip()) : advertisedHost;
    }

    /** {@code [v6]} or the host itself, for URIs. */
    public static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
