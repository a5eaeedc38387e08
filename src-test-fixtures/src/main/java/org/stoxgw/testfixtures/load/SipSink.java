package org.stoxgw.testfixtures.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast SIP UAS for load tests: answers every request arriving over UDP with 200 OK at once (a
 * retransmission gets the same answer: the transaction layer of a stateless sink) and reports the
 * {@link Deliveries} marker of each MESSAGE body. The response copies Via, From, To (adding a tag),
 * Call-ID and CSeq (RFC 3261 §8.2.6).
 *
 * <p>One reader thread; {@link #deliveries} may be switched between runs.
 */
public final class SipSink implements AutoCloseable {
    private final DatagramChannel channel;
    private final Thread reader;
    private final AtomicLong requests = new AtomicLong();
    private volatile Deliveries deliveries;
    private volatile boolean closed;

    /** Listens on {@code ip}:{@code port} (0 = any free port). */
    public SipSink(String ip, int port) {
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(new InetSocketAddress(ip, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::serve, "sip-sink");
        reader.setDaemon(true);
        reader.start();
    }

    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deliveries(Deliveries d) {
        this.deliveries = d;
    }

    /** Requests received (retransmissions included). */
    public long requests() {
        return requests.get();
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(65536);
        while (!closed) {
            try {
                in.clear();
                SocketAddress from = channel.receive(in);
                String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                if (text.startsWith("SIP/") || text.startsWith("ACK ")) {
                    continue;
                }
                requests.incrementAndGet();
                channel.send(ByteBuffer.wrap(answer(text).getBytes(StandardCharsets.UTF_8)), from);
                Deliveries d = deliveries;
                int body = text.indexOf("\r\n\r\n");
                int marker = body < 0 ? -1 : text.indexOf("LOAD ", body);
                if (d != null && marker >= 0) {
                    d.arrived(text, marker);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static String answer(String request) {
        StringBuilder out = new StringBuilder(512).append("SIP/2.0 200 OK\r\n");
        int end = request.indexOf("\r\n\r\n");
        int i = request.indexOf("\r\n") + 2;
        while (i > 1 && i < end) {
            int eol = request.indexOf("\r\n", i);
            String line = request.substring(i, eol);
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> out.append(line).append("\r\n");
                case "to", "t" -> out.append(line).append(line.contains(";tag=") ? "" : ";tag=sink").append("\r\n");
                default -> { }
            }
            i = eol + 2;
        }
        return out.append("Server: stoxgw-load-sink\r\nContent-Length: 0\r\n\r\n").toString();
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing
        }
    }
}
