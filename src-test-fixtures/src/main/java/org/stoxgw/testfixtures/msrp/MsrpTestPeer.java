package org.stoxgw.testfixtures.msrp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * The SIP user's MSRP side in tests: an MSRP endpoint written from RFC 4975 alone (blocking
 * sockets, a reader thread per connection, a byte-wise end-line search), so that it cannot share a
 * framing mistake with the gateway's Netty codec. It listens on a loopback port and can also
 * connect; every frame it reads lands in {@link #frames()}; with {@link #autoRespond} it answers
 * SENDs with 200 as RFC 4975 §7.2 asks (none when Failure-Report is no).
 *
 * <p>Thread-safe for a test: writes are synchronized per connection.
 */
public final class MsrpTestPeer implements AutoCloseable {
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSocket server;
    private final String sessionId = random(12);
    private final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private volatile boolean autoRespond = true;
    private volatile int respondStatus = 200;
    private volatile boolean closed;

    /** A frame and the connection it came on. */
    public record Received(MsrpWireFrame frame, Conn conn) {
    }

    public MsrpTestPeer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread t = new Thread(this::acceptLoop, "msrp-test-peer-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The peer's own URI: {@code msrp://127.0.0.1:<port>/<session-id>;tcp}. */
    public String uri() {
        return "msrp://127.0.0.1:" + server.getLocalPort() + "/" + sessionId + ";tcp";
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answer every SEND with {@code status} (200 by default) unless Failure-Report says otherwise. */
    public MsrpTestPeer autoRespond(boolean on, int status) {
        autoRespond = on;
        respondStatus = status;
        return this;
    }

    /** Opens a connection of the peer's own (the peer as the active party). */
    public Conn connect(String host, int port) throws IOException {
        return start(new Socket(host, port));
    }

    /** Opens a TLS connection trusting the JVM's default trust (set javax.net.ssl.trustStore) or the factory given. */
    public Conn connectTls(SSLSocketFactory f, String host, int port) throws IOException {
        Socket s = f.createSocket(host, port);
        ((javax.net.ssl.SSLSocket) s).startHandshake();
        return start(s);
    }

    /** The next frame read on any connection, or null after {@code timeout}. */
    public Received next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next request (responses skipped) within {@code timeout}, or null. */
    public Received nextRequest(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (r == null || r.frame.isRequest()) {
                return r;
            }
        }
    }

    public BlockingQueue<Received> frames() {
        return frames;
    }

    public List<Conn> connections() {
        return conns;
    }

    public static String random(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALNUM[RANDOM.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                start(server.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    private Conn start(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        Conn c = new Conn(s);
        conns.add(c);
        Thread t = new Thread(c::readLoop, "msrp-test-peer-read");
        t.setDaemon(true);
        t.start();
        return c;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Conn c : conns) {
            c.close();
        }
    }

    /** One TCP connection of the peer. */
    public final class Conn {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean open = true;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        public boolean isOpen() {
            return open;
        }

        /** Writes raw bytes (a whole frame, or a piece of one). */
        public synchronized void write(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        public void write(String s) throws IOException {
            write(s.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Writes a SEND: {@code headers} are "Name: value" lines placed after To-Path and From-Path
         * (RFC 4975 §9 order); {@code body} null means no content-stuff. Returns the tid.
         */
        public String send(String toPath, String fromPath, List<String> headers, String contentType, byte[] body, char flag)
                throws IOException {
            String tid = random(10);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            StringBuilder sb = new StringBuilder("MSRP ").append(tid).append(" SEND\r\n");
            sb.append("To-Path: ").append(toPath).append("\r\n").append("From-Path: ").append(fromPath).append("\r\n");
            for (String h : headers) {
                sb.append(h).append("\r\n");
            }
            if (body != null) {
                sb.append("Content-Type: ").append(contentType).append("\r\n\r\n");
            }
            b.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                b.writeBytes(body);
                b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            b.writeBytes(("-------" + tid + flag + "\r\n").getBytes(StandardCharsets.US_ASCII));
            write(b.toByteArray());
            return tid;
        }

        /** Writes the response to {@code req} (RFC 4975 §7.2: To-Path = the request's From-Path's first URI). */
        public void respond(MsrpWireFrame req, int status, String comment) throws IOException {
            String to = req.header("From-Path").trim().split(" ")[0];
            String from = req.header("To-Path").trim().split(" ")[0];
            write("MSRP " + req.tid() + " " + status + " " + comment + "\r\nTo-Path: " + to + "\r\nFrom-Path: " + from
                    + "\r\n-------" + req.tid() + "$\r\n");
        }

        /** Writes a REPORT for {@code messageId} (RFC 4975 §7.1.2). */
        public void report(String toPath, String fromPath, String messageId, long total, String status) throws IOException {
            String tid = random(10);
            write("MSRP " + tid + " REPORT\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + fromPath + "\r\nMessage-ID: "
                    + messageId + "\r\nByte-Range: 1-" + total + "/" + total + "\r\nStatus: " + status + "\r\n-------" + tid
                    + "$\r\n");
        }

        /** Closes the TCP connection abruptly. */
        public void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        void readLoop() {
            try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
                while (true) {
                    MsrpWireFrame f = read(in);
                    if (f == null) {
                        break;
                    }
                    frames.add(new Received(f, this));
                    if (autoRespond && f.isRequest() && f.method().equals("SEND")) {
                        String fr = f.header("Failure-Report");
                        boolean no = fr != null && fr.trim().equalsIgnoreCase("no");
                        boolean partial = fr != null && fr.trim().equalsIgnoreCase("partial");
                        if (!no && !(partial && respondStatus == 200)) {
                            respond(f, respondStatus, respondStatus == 200 ? "OK" : "Refused");
                        }
                    }
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                open = false;
            }
        }
    }

    /** Reads one frame per RFC 4975 §9, or null at end of stream. */
    static MsrpWireFrame read(InputStream in) throws IOException {
        String start = line(in);
        if (start == null) {
            return null;
        }
        while (start.isEmpty()) {
            start = line(in);
            if (start == null) {
                return null;
            }
        }
        String[] w = start.split(" ", 4);
        if (w.length < 3 || !w[0].equals("MSRP")) {
            throw new IOException("not MSRP: " + start);
        }
        String tid = w[1];
        boolean response = w[2].length() == 3 && w[2].chars().allMatch(Character::isDigit);
        String endPrefix = "-------" + tid;
        List<String[]> headers = new ArrayList<>();
        while (true) {
            String l = line(in);
            if (l == null) {
                throw new IOException("end of stream inside headers");
            }
            if (l.startsWith(endPrefix) && l.length() == endPrefix.length() + 1) {
                return new MsrpWireFrame(tid, response ? null : w[2], response ? Integer.parseInt(w[2]) : 0, headers, null,
                        l.charAt(l.length() - 1));
            }
            if (l.isEmpty()) {
                break;
            }
            int colon = l.indexOf(':');
            headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).trim()});
        }
        // The body ends at CRLF + end-line; search byte by byte (RFC 4975 §7.1).
        byte[] marker = ("\r\n" + endPrefix).getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream inside a body");
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) b;
            if (b == '\n' && n >= marker.length + 3 && buf[n - 2] == '\r') {
                char flag = (char) buf[n - 3];
                int at = n - 3 - marker.length;
                if ((flag == '$' || flag == '+' || flag == '#') && regionEquals(buf, at, marker)) {
                    byte[] content = java.util.Arrays.copyOf(buf, at);
                    return new MsrpWireFrame(tid, response ? null : w[2], response ? Integer.parseInt(w[2]) : 0, headers,
                            content, flag);
                }
            }
        }
    }

    private static boolean regionEquals(byte[] buf, int at, byte[] marker) {
        if (at < 0) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if (buf[at + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 && prev < 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n' && prev == '\r') {
                byte[] a = b.toByteArray();
                return new String(a, 0, a.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
            prev = c;
        }
    }
}
