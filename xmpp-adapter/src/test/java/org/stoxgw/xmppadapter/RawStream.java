package org.stoxgw.xmppadapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A hand-driven S2S peer for tests that need to misbehave (spoofing, wrong keys, wrong certificates):
 * blocking socket, raw XML strings out, regular expressions over everything received.
 */
public final class RawStream implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder received = new StringBuilder();
    private int cursor;

    public RawStream(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawStream send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Waits for {@code regex} in what arrives after the previous match; returns the match. */
    public Matcher await(String regex, Duration timeout) throws IOException {
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        while (true) {
            Matcher m = p.matcher(received);
            if (m.find(cursor)) {
                cursor = m.end();
                return m;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no /" + regex + "/ within " + timeout + "; received: " + received.substring(cursor));
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                int n = in.read(buf);
                if (n < 0) {
                    throw new AssertionError("connection closed before /" + regex + "/; received: " + received.substring(cursor));
                }
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                // loop and check the deadline
            }
        }
    }

    /** Whether the peer closes the connection within {@code timeout}. */
    public boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout(100);
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                // keep waiting
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** Everything received so far. */
    public String received() {
        return received.toString();
    }

    /** Upgrades the connection to TLS as client (after {@code <proceed/>}). */
    public void startTls(SSLContext ctx, String host) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        socket = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        cursor = received.length();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
