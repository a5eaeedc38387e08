package org.stoxgw.sipadapter;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR form ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a plain
 * address is a network of one. Parsing never touches DNS. Immutable.
 */
public final class IpNetwork {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private IpNetwork(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address[/prefix]}.
     *
     * @throws IllegalArgumentException with an operator-readable reason
     */
    public static IpNetwork parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not an IP address or network (expected e.g. 192.0.2.0/24)");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in \"" + cidr + "\" (0.." + bits + ")");
            }
        }
        byte[] masked = mask(bytes, prefix);
        return new IpNetwork(masked, prefix, s);
    }

    /** Whether {@code address} lies in this network (IPv4-mapped IPv6 addresses match IPv4 networks). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (network[full] & 0xff);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            int m = bitsHere == 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff;
            out[i] = (byte) (out[i] & m);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && n.prefix == prefix && Arrays.equals(n.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
