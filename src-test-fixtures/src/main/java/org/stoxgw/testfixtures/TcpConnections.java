package org.stoxgw.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What Linux's {@code /proc/net/tcp} says of one IPv4 connection, for tests that must know the far end
 * has noticed a close before they go on (e.g. that a server closed its side after the client left).
 */
public final class TcpConnections {
    private static final String ESTABLISHED = "01";
    private static final String CLOSE_WAIT = "08";

    private TcpConnections() {
    }

    /**
     * Waits until the socket {@code local} (as seen by its owner) connected to {@code remote} is
     * closed by its owner: gone from the table or past CLOSE_WAIT. False after {@code timeout}.
     * Addresses are "ip:port".
     */
    public static boolean awaitClosedBy(String local, String remote, Duration timeout) {
        String key = hex(local) + " " + hex(remote);
        return Eventually.holds(() -> {
            String state = state(key);
            return state == null || !(state.equals(ESTABLISHED) || state.equals(CLOSE_WAIT));
        }, timeout);
    }

    /** The state column (hex, e.g. 01 ESTABLISHED, 08 CLOSE_WAIT) of the row "local remote", or null. */
    private static String state(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && (f[1] + " " + f[2]).equals(key)) {
                    return f[3];
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "127.0.0.1:5060" as /proc/net/tcp prints it: "0100007F:13C4" (address in host byte order, little-endian). */
    static String hex(String address) {
        int colon = address.lastIndexOf(':');
        try {
            byte[] a = InetAddress.getByName(address.substring(0, colon)).getAddress();
            int port = Integer.parseInt(address.substring(colon + 1));
            return String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", a[3], a[2], a[1], a[0], port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
