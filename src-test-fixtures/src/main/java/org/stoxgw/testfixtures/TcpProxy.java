package org.stoxgw.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between a client under test and a server, that a test can cut at any moment: every
 * relayed connection is reset (RST, data in flight is lost) as a broken network would. New
 * connections are accepted again afterwards. It also keeps what the client sent ({@link #upstreamText()}),
 * so that a test can read the bytes on the wire rather than a model of them (at most the first 4 MiB).
 * Blocking I/O on daemon threads; for tests only.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean closed;
    private volatile int upstreamBytesPerSecond;
    private final java.io.ByteArrayOutputStream upstreamBytes = new java.io.ByteArrayOutputStream();
    private static final int KEPT = 4 << 20;

    /** Listens on {@code listenHost}, port chosen by the system, relaying to {@code target}. */
    public TcpProxy(String listenHost, InetSocketAddress target) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(listenHost, 0));
        this.target = target;
        Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Bytes relayed so far, both directions. */
    public long relayed() {
        return relayed.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                accepted.incrementAndGet();
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /**
     * From now on reads what the client sends at most {@code bytesPerSecond} (0 = as fast as it
     * comes): a server that reads slowly, so that TCP backpressure reaches the client under test.
     */
    public TcpProxy throttleUpstream(int bytesPerSecond) {
        this.upstreamBytesPerSecond = bytesPerSecond;
        return this;
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf, 0, upstream && upstreamBytesPerSecond > 0 ? Math.min(buf.length, 256) : buf.length)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                    relayed.addAndGet(n);
                    if (upstream) {
                        keep(buf, n);
                    }
                    int rate = upstream ? upstreamBytesPerSecond : 0;
                    if (rate > 0) {
                        Thread.sleep(Math.max(1, n * 1000L / rate));
                    }
                }
                to.shutdownOutput();
            } catch (IOException e) {
                reset(to);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void keep(byte[] buf, int n) {
        synchronized (upstreamBytes) {
            upstreamBytes.write(buf, 0, Math.max(0, Math.min(n, KEPT - upstreamBytes.size())));
        }
    }

    /** What clients sent through the proxy so far, all connections in arrival order, as UTF-8. */
    public String upstreamText() {
        synchronized (upstreamBytes) {
            return upstreamBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Resets every relayed connection (both sides) now. */
    public void cutAll() {
        for (Socket s : sockets) {
            reset(s);
        }
        sockets.clear();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (SocketException e) {
            // already closed
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closed = true;
        cutAll();
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }
}
