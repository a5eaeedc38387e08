package org.stoxgw.testfixtures.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal, fast XMPP client (RFC 6120/6121) for load tests against a real server such as Prosody:
 * plain TCP, SASL PLAIN (the test server allows it without TLS), resource binding, initial presence;
 * then it counts the {@link Deliveries} markers of messages it receives and sends messages in
 * batches. Not a general client: no TLS, no roster, no error handling beyond reporting.
 *
 * <p>Threads: one reader; {@link #send} and {@link #flush} from one sender thread.
 */
public final class C2sClient implements AutoCloseable {
    private static final String STREAM = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='%s'>";
    private final String jid;
    private final String domain;
    private final String password;
    private final XmppWire wire;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong errors = new AtomicLong();
    private volatile Deliveries deliveries;
    private int step;
    private long sent;

    private C2sClient(String ip, int port, String user, String domain, String password) throws IOException {
        this.jid = user + "@" + domain;
        this.domain = domain;
        this.password = password;
        Socket s = new Socket();
        s.connect(new InetSocketAddress(ip, port), 5000);
        this.wire = new XmppWire(s, "c2s-" + user, this::frame);
    }

    /** Connects, authenticates and sends initial presence; returns once messages can flow. */
    public static C2sClient login(String ip, int port, String user, String domain, String password, Duration timeout) {
        try {
            C2sClient c = new C2sClient(ip, port, user, domain, password);
            c.wire.start();
            c.wire.send(STREAM.formatted(domain));
            try {
                c.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                c.close();
                throw new IllegalStateException(user + "@" + domain + " could not log in: " + e, e);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jid() {
        return jid;
    }

    public void deliveries(Deliveries d) {
        this.deliveries = d;
    }

    /** Error stanzas received (bounces of messages this client sent). */
    public long errors() {
        return errors.get();
    }

    private void frame(String xml) {
        switch (step) {
            case 0 -> {
                if (xml.contains("<mechanisms")) {
                    String plain = "\0" + jid.substring(0, jid.indexOf('@')) + "\0" + password;
                    wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                            + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)) + "</auth>");
                    step = 1;
                }
            }
            case 1 -> {
                if (xml.startsWith("<success")) {
                    wire.restart();
                    wire.send(STREAM.formatted(domain));
                    step = 2;
                } else if (xml.startsWith("<failure")) {
                    ready.completeExceptionally(new IllegalStateException("SASL failed: " + xml));
                }
            }
            case 2 -> {
                if (xml.contains("<bind")) {
                    wire.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                            + "<resource>load</resource></bind></iq>");
                    step = 3;
                }
            }
            case 3 -> {
                if (xml.startsWith("<iq") && "bind1".equals(XmlFrames.attribute(xml, "id"))) {
                    wire.send("<presence/>");
                    step = 4;
                    ready.complete(null);
                }
            }
            default -> received(xml);
        }
    }

    private void received(String xml) {
        if (!xml.startsWith("<message")) {
            if (xml.startsWith("<iq") && "get".equals(XmlFrames.attribute(xml, "type"))) {
                String id = XmlFrames.attribute(xml, "id");
                String from = XmlFrames.attribute(xml, "from");
                wire.send("<iq type='result' id='" + XmppWire.escape(id == null ? "" : id) + "'"
                        + (from == null ? "" : " to='" + XmppWire.escape(from) + "'") + "/>");
            }
            return;
        }
        if ("error".equals(XmlFrames.attribute(xml, "type"))) {
            errors.incrementAndGet();
            return;
        }
        Deliveries d = deliveries;
        int marker = xml.indexOf("LOAD ");
        if (d != null && marker >= 0) {
            d.arrived(xml, marker);
        }
    }

    /** Writes a chat message (flushed by {@link #flush()}). */
    public void send(String to, String body) {
        wire.write("<message to='" + to + "' type='chat' id='ld" + (sent++) + "'><body>" + XmppWire.escape(body)
                + "</body></message>");
    }

    public void flush() {
        wire.flush();
    }

    @Override
    public void close() {
        if (!wire.isClosed()) {
            try {
                wire.send("</stream:stream>");
            } catch (RuntimeException e) {
                // already gone
            }
        }
        wire.close();
    }
}
