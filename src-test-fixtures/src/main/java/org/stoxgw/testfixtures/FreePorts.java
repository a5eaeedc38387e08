package org.stoxgw.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports that are free on an address right now, for tests that must tell a peer the port before the
 * gateway binds it (SIP listening points, Prosody's S2S route). Prefer binding port 0 where the
 * peer can be told afterwards.
 */
public final class FreePorts {
    private static final java.util.Set<Integer> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private FreePorts() {
    }

    /** A port free for both TCP and UDP on {@code host}. */
    public static int tcpAndUdp(String host) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = tcp(host);
            if (udpFree(host, p)) {
                return p;
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on " + host);
    }

    /**
     * A port free for TCP on {@code host}, and not handed out before in this JVM: two ports asked for
     * one after the other (a gateway's SIP and S2S ports) are bound only later and must differ.
     */
    public static int tcp(String host) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                if (ISSUED.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no TCP port on " + host + " that was not handed out already");
    }

    /** Whether TCP {@code host:port} can be bound now. */
    public static boolean tcpFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether UDP {@code host:port} can be bound now. */
    public static boolean udpFree(String host, int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
