package org.stoxgw.testfixtures.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal, fast XMPP server peer for load tests (RFC 6120 server-to-server, plain TCP, Server
 * Dialback XEP-0220): the far side of the gateway's S2S traffic, so that the gateway, not a real
 * server, is the bottleneck.
 * <ul>
 *   <li>Inbound streams (the gateway's links to this domain): header and dialback feature; every
 *       {@code db:result} is accepted at once (a test peer trusts the gateway), every {@code db:verify}
 *       is checked against the keys this peer issued on its outbound stream. Messages are counted
 *       ({@link Deliveries}); pings (the gateway's delivery confirmations) are answered on the
 *       outbound stream, since S2S streams are unidirectional.</li>
 *   <li>One outbound stream to the gateway ({@link #connect}), authenticated by dialback (the
 *       gateway verifies the key by calling back this peer's listener), carrying ping answers and the
 *       messages this peer sends ({@link #send}).</li>
 * </ul>
 * Threads: an acceptor and one reader per connection; {@link #send} from one sender thread.
 */
public final class FastS2sPeer implements AutoCloseable {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0'";
    private final String domain;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<XmppWire> inbound = new CopyOnWriteArrayList<>();
    private final Set<String> issuedKeys = ConcurrentHashMap.newKeySet();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong stanzas = new AtomicLong();
    private volatile XmppWire outbound;
    private volatile String outboundTo;
    private volatile Deliveries deliveries;
    private volatile boolean holdPings;
    private volatile boolean closed;
    private long sent;

    /** Serves {@code domain}, listening on {@code ip} (a free port). */
    public FastS2sPeer(String domain, String ip) {
        this.domain = domain;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(ip, 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "s2s-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void deliveries(Deliveries d) {
        this.deliveries = d;
    }

    /** While true, the gateway's pings are not answered (its stanzas stay unconfirmed). */
    public void holdPings(boolean hold) {
        this.holdPings = hold;
    }

    public long pingsAnswered() {
        return pings.get();
    }

    /** Error stanzas received. */
    public long errors() {
        return errors.get();
    }

    /** Every stanza received on inbound streams. */
    public long stanzas() {
        return stanzas.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Inbound in = new Inbound();
                XmppWire w = new XmppWire(s, "s2s-peer-in", in::frame);
                in.wire = w;
                inbound.add(w);
                w.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("s2s peer accept: " + e);
                }
            }
        }
    }

    /** One stream from the gateway: a link or a dialback verification. */
    private final class Inbound {
        XmppWire wire;

        void frame(String xml) {
            if (xml.startsWith("<stream:stream")) {
                String from = XmlFrames.attribute(xml, "from");
                wire.send(HEADER + " id='" + UUID.randomUUID() + "' from='" + domain + "'"
                        + (from == null ? "" : " to='" + from + "'")
                        + "><stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
                return;
            }
            stanzas.incrementAndGet();
            String name = XmlFrames.name(xml);
            switch (name) {
                case "message" -> message(xml);
                case "iq" -> iq(xml);
                case "db:result" -> wire.send("<db:result from='" + domain + "' to='" + XmlFrames.attribute(xml, "from")
                        + "' type='valid'/>");
                case "db:verify" -> {
                    String key = xml.substring(xml.indexOf('>') + 1, xml.lastIndexOf('<'));
                    wire.send("<db:verify from='" + domain + "' to='" + XmlFrames.attribute(xml, "from") + "' id='"
                            + XmlFrames.attribute(xml, "id") + "' type='" + (issuedKeys.contains(key) ? "valid" : "invalid")
                            + "'/>");
                }
                case "/stream:stream" -> wire.close();
                default -> { }
            }
        }

        private void message(String xml) {
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

        private void iq(String xml) {
            if (!"get".equals(XmlFrames.attribute(xml, "type")) || holdPings) {
                return;
            }
            XmppWire out = outbound;
            if (out != null) {
                pings.incrementAndGet();
                out.send("<iq type='result' id='" + XmlFrames.attribute(xml, "id") + "' from='" + XmlFrames.attribute(xml, "to")
                        + "' to='" + XmlFrames.attribute(xml, "from") + "'/>");
            }
        }
    }

    /**
     * Opens the outbound stream to {@code gatewayDomain} at {@code ip}:{@code port} and waits until
     * the gateway accepted its dialback key.
     */
    public void connect(String gatewayDomain, String ip, int port, Duration timeout) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(ip, port), 5000);
            XmppWire[] holder = new XmppWire[1];
            XmppWire w = new XmppWire(s, "s2s-peer-out", xml -> {
                if (xml.startsWith("<stream:stream")) {
                    String key = UUID.randomUUID().toString();
                    issuedKeys.add(key);
                    holder[0].send("<db:result from='" + domain + "' to='" + gatewayDomain + "'>" + key + "</db:result>");
                } else if (xml.startsWith("<db:result")) {
                    if ("valid".equals(XmlFrames.attribute(xml, "type"))) {
                        ready.complete(null);
                    } else {
                        ready.completeExceptionally(new IllegalStateException("dialback refused: " + xml));
                    }
                }
            });
            holder[0] = w;
            w.start();
            w.send(HEADER + " from='" + domain + "' to='" + gatewayDomain + "'>");
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            outbound = w;
            outboundTo = gatewayDomain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("S2S stream to " + gatewayDomain + " not authenticated: " + e, e);
        }
    }

    /** Writes a message from {@code fromUser}@this domain (flushed by {@link #flush()}). */
    public void send(String fromUser, String to, String body) {
        outbound.write("<message from='" + fromUser + "@" + domain + "/load' to='" + to + "' type='chat' id='fs"
                + (sent++) + "'><body>" + XmppWire.escape(body) + "</body></message>");
    }

    public void flush() {
        outbound.flush();
    }

    public String outboundTo() {
        return outboundTo;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        XmppWire out = outbound;
        if (out != null) {
            try {
                out.send("</stream:stream>");
            } catch (RuntimeException e) {
                // gone
            }
            out.close();
        }
        inbound.forEach(XmppWire::close);
    }
}
