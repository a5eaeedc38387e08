package org.stoxgw.testfixtures.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends SIP text exactly as written (malformed on purpose, if the test wants) over UDP, TCP or TLS
 * and reads what comes back, one message at a time. For TCP and TLS the connection stays open
 * between messages, so a test can show that a bad request did not cost the connection.
 * {@link #close()} closes it. Not thread-safe.
 */
public final class RawSipClient implements AutoCloseable {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:content-length|l)\\s*:\\s*(\\d+)\\s*$");
    private final String transport;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket stream;

    private RawSipClient(String transport, InetSocketAddress server, DatagramSocket udp, Socket stream) {
        this.transport = transport;
        this.server = server;
        this.udp = udp;
        this.stream = stream;
    }

    /**
     * Connects from {@code localIp} to {@code host:port}; for TLS {@code keyStore} (may be null)
     * and {@code trustStore} are PKCS#12 files with {@link TestCertificates#PASSWORD}.
     */
    public static RawSipClient connect(String transport, String localIp, String host, int port, Path keyStore, Path trustStore) {
        try {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(host), port);
            InetAddress local = InetAddress.getByName(localIp);
            switch (transport.toLowerCase(Locale.ROOT)) {
                case "udp" -> {
                    DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, 0));
                    s.setSoTimeout(5000);
                    return new RawSipClient("udp", server, s, null);
                }
                case "tcp" -> {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress(local, 0));
                    s.connect(server, 5000);
                    s.setSoTimeout(5000);
                    return new RawSipClient("tcp", server, null, s);
                }
                case "tls" -> {
                    SSLSocket s = (SSLSocket) tls(keyStore, trustStore).getSocketFactory().createSocket();
                    s.bind(new InetSocketAddress(local, 0));
                    s.connect(server, 5000);
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    return new RawSipClient("tls", server, null, s);
                }
                default -> throw new IllegalArgumentException(transport);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext tls(Path keyStore, Path trustStore) {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(Files.newInputStream(keyStore), TestCertificates.PASSWORD.toCharArray());
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, TestCertificates.PASSWORD.toCharArray());
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(Files.newInputStream(trustStore), TestCertificates.PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local {@code ip:port} to put into a Via. */
    public String localAddress() {
        if (udp != null) {
            return udp.getLocalAddress().getHostAddress() + ":" + udp.getLocalPort();
        }
        return stream.getLocalAddress().getHostAddress() + ":" + stream.getLocalPort();
    }

    public String transport() {
        return transport;
    }

    /** Sends {@code text} (line ends as written; use \r\n). */
    public void send(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (udp != null) {
                udp.send(new DatagramPacket(b, b.length, server));
            } else {
                stream.getOutputStream().write(b);
                stream.getOutputStream().flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message received within 5 s, or null (timeout, or the peer closed the connection). */
    public String receive() {
        try {
            if (udp != null) {
                DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
                udp.receive(p);
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            }
            return readMessage(stream.getInputStream());
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String s = head.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r\n\r\n") && !s.isBlank()) {
                Matcher m = CONTENT_LENGTH.matcher(s);
                int len = m.find() ? Integer.parseInt(m.group(1)) : 0;
                byte[] body = in.readNBytes(len);
                return s + new String(body, StandardCharsets.UTF_8);
            }
            if (s.equals("\r\n")) {
                head.reset();
            }
        }
        return null;
    }

    /** Whether the peer closed the stream (always false for UDP). */
    public boolean closedByPeer() {
        return closedByPeer(Duration.ofSeconds(2));
    }

    /** True once the peer closed the stream connection within {@code wait}; false for UDP or on timeout. */
    public boolean closedByPeer(Duration wait) {
        if (stream == null) {
            return false;
        }
        try {
            stream.setSoTimeout((int) wait.toMillis());
            return stream.getInputStream().read() < 0;
        } catch (IOException e) {
            return e instanceof SocketTimeoutException ? false : true;
        }
    }

    @Override
    public void close() {
        try {
            if (udp != null) {
                udp.close();
            } else {
                stream.close();
            }
        } catch (IOException e) {
            // closing
        }
    }
}
