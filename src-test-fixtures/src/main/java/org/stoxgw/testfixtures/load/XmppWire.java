package org.stoxgw.testfixtures.load;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One plain TCP XMPP connection of a load-test peer: a reader thread that splits the stream into
 * frames ({@link XmlFrames}) for a handler, and buffered writes from any thread (synchronized;
 * {@link #flush()} after a batch). No TLS: the load test measures the gateway, not the ciphers.
 */
final class XmppWire implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final XmlFrames frames = new XmlFrames();
    private final Thread reader;
    private volatile boolean closed;

    XmppWire(Socket socket, String name, Consumer<String> handler) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = new Thread(() -> read(handler), name);
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    private void read(Consumer<String> handler) {
        byte[] b = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(b)) > 0) {
                frames.feed(b, n, handler);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println(Thread.currentThread().getName() + ": " + e);
            }
        } finally {
            close();
        }
    }

    /** The next bytes start a new stream (called from the handler, after SASL success). */
    void restart() {
        frames.restart();
    }

    synchronized void write(String xml) {
        try {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException(e);
            }
        }
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException(e);
            }
        }
    }

    synchronized void send(String xml) {
        write(xml);
        flush();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    /** {@code s} escaped for XML character data and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
