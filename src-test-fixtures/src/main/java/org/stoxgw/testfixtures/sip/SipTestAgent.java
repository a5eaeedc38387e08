package org.stoxgw.testfixtures.sip;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.testfixtures.FreePorts;

/**
 * An in-JVM SIP user agent for contract and end-to-end tests, on JAIN-SIP (its own stack, in the
 * same JVM as the gateway's). It listens on UDP, TCP and optionally TLS at one address; sends
 * requests the test describes to an explicit address (no DNS); records what it receives and
 * answers it (by default 200, or as {@link Builder#answer} says, or not at all so that the test
 * answers); and can act as a stateful proxy that forwards everything to one place (to build a
 * loop through the gateway).
 *
 * <p>Like the gateway it runs without automatic dialogs: tests build in-dialog requests from the
 * tags and Contact they saw. {@link #close()} stops the stack without leaving threads behind.
 * JAIN-SIP callbacks run on the agent's event thread; the queue and futures are thread-safe.
 */
public final class SipTestAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipTestAgent.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final String address;
    private final Map<String, Integer> ports;
    private final Function<ReceivedRequest, Integer> answer;
    private final BlockingQueue<ReceivedRequest> received = new LinkedBlockingQueue<>();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private volatile String[] forwardTo;

    private SipTestAgent(Builder b) throws Exception {
        this.address = b.address;
        this.answer = b.answer;
        int port = b.port > 0 ? b.port : FreePorts.tcpAndUdp(address);
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", b.name + "-" + COUNTER.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "false");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        // JAIN-SIP's default loggers, through log4j-over-slf4j: the agent needs no wire log of its own.
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("javax.sip.ROUTER_PATH", FixedHopRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        p.setProperty("gov.nist.javax.sip.MIN_KEEPALIVE_TIME_SECONDS", "-1");
        if (b.keyStore != null) {
            p.setProperty("javax.net.ssl.keyStore", b.keyStore.toString());
            p.setProperty("javax.net.ssl.keyStorePassword", TestCertificates.PASSWORD);
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            p.setProperty("javax.net.ssl.trustStore", b.trustStore.toString());
            p.setProperty("javax.net.ssl.trustStorePassword", TestCertificates.PASSWORD);
            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,"
                    + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        }
        b.properties.forEach(p::setProperty);
        // JAIN-SIP keeps one JVM-wide stack logger (CommonLogger.legacyLogger), replaced by every new
        // stack; it decides for all stacks whether messages are logged. An agent sharing the JVM with a
        // gateway must not switch off the gateway's wire log: the logger of the stack before stays.
        gov.nist.core.StackLogger before = gov.nist.core.CommonLogger.legacyLogger;
        stack = new SipStackImpl(p);
        if (before != null) {
            gov.nist.core.CommonLogger.legacyLogger = before;
        }
        Map<String, Integer> bound = new LinkedHashMap<>();
        SipProvider prov = null;
        for (String t : b.keyStore != null ? new String[] {"udp", "tcp", "tls"} : new String[] {"udp", "tcp"}) {
            int tp = t.equals("tls") ? FreePorts.tcp(address) : port;
            ListeningPoint lp = stack.createListeningPoint(address, tp, t);
            if (prov == null) {
                prov = stack.createSipProvider(lp);
            } else {
                prov.addListeningPoint(lp);
            }
            bound.put(t, tp);
        }
        this.provider = prov;
        this.ports = bound;
        provider.addSipListener(new Listener());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a test agent. */
    public static final class Builder {
        private String name = "agent";
        private String address = "127.0.0.1";
        private int port;
        private Path keyStore;
        private Path trustStore;
        private Function<ReceivedRequest, Integer> answer = r -> 200;
        private final Map<String, String> properties = new LinkedHashMap<>();

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The IP address to listen on (e.g. a {@code TestNet} address). */
        public Builder address(String ip) {
            this.address = ip;
            return this;
        }

        /** The UDP and TCP port (default: a free one), e.g. 5060 to be found by an A record alone. */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        /** Adds a TLS listening point with this PKCS#12 key store and trust store. */
        public Builder tls(Path keyStore, Path trustStore) {
            this.keyStore = keyStore;
            this.trustStore = trustStore;
            return this;
        }

        /** The status to answer each received request with; null from the function = the test answers. */
        public Builder answer(Function<ReceivedRequest, Integer> a) {
            this.answer = a;
            return this;
        }

        /** Leaves every received request to the test to answer. */
        public Builder manualAnswers() {
            this.answer = r -> null;
            return this;
        }

        /** A JAIN-SIP stack property. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public SipTestAgent start() {
            try {
                return new SipTestAgent(this);
            } catch (Exception e) {
                throw new IllegalStateException("test agent failed to start: " + e, e);
            }
        }
    }

    public String address() {
        return address;
    }

    /** The port of transport {@code t} ("udp", "tcp", "tls"). */
    public int port(String t) {
        Integer p = ports.get(t);
        if (p == null) {
            throw new IllegalArgumentException("agent has no " + t + " listening point");
        }
        return p;
    }

    /** {@code sip:user@address:port;transport=t}. */
    public String uri(String user, String t) {
        return (t.equals("tls") ? "sips:" : "sip:") + user + "@" + address + ":" + port(t) + ";transport=" + t;
    }

    /** A request to describe, then {@link #send}. */
    public OutgoingRequest request(String method, String requestUri) {
        return new OutgoingRequest(method, requestUri);
    }

    /**
     * Sends {@code r} over {@code transport} to {@code host:port}; the future completes with the
     * final response, or exceptionally on timeout or transport error.
     */
    public CompletableFuture<SIPResponse> send(OutgoingRequest r, String transport, String host, int port) {
        CompletableFuture<SIPResponse> result = new CompletableFuture<>();
        try {
            SIPRequest req = build(r, transport);
            req.setApplicationData(new HopImpl(host, port, transport));
            ClientTransaction ct = provider.getNewClientTransaction(req);
            ct.setApplicationData(result);
            ct.sendRequest();
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** {@link #send} and wait up to 10 s. */
    public SIPResponse sendAndWait(OutgoingRequest r, String transport, String host, int port) {
        try {
            return send(r, transport, host, port).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no final response to " + r.method + ": " + e, e);
        }
    }

    private SIPRequest build(OutgoingRequest r, String transport) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(r.method).append(' ').append(r.requestUri).append(" SIP/2.0\r\n");
        sb.append("Via: SIP/2.0/").append(transport.toUpperCase()).append(' ').append(address).append(':').append(port(transport))
                .append(";branch=z9hG4bK").append(Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)).append(";rport\r\n");
        sb.append("From: <").append(r.from).append(">;tag=").append(r.fromTag).append("\r\n");
        sb.append("To: <").append(r.to).append('>').append(r.toTag != null ? ";tag=" + r.toTag : "").append("\r\n");
        sb.append("Call-ID: ").append(r.callId).append("\r\n");
        sb.append("CSeq: ").append(r.cseq).append(' ').append(r.method).append("\r\n");
        boolean maxForwards = false;
        boolean contact = false;
        for (String[] h : r.headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            maxForwards |= h[0].equalsIgnoreCase("Max-Forwards");
            contact |= h[0].equalsIgnoreCase("Contact");
        }
        if (!maxForwards) {
            sb.append("Max-Forwards: 70\r\n");
        }
        if (!contact) {
            sb.append("Contact: <").append(uri("agent", transport)).append(">\r\n");
        }
        if (r.body != null) {
            sb.append("Content-Type: ").append(r.contentType).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        SIPRequest req = (SIPRequest) new gov.nist.javax.sip.message.MessageFactoryImpl().createRequest(sb.toString());
        if (r.body != null) {
            req.setMessageContent(r.body); // the bytes as they are (a compressed body is no UTF-8); Content-Length follows
        }
        return req;
    }

    /** The next request received within {@code timeout}, or null. */
    public ReceivedRequest next(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next request, failing the test after 10 s. */
    public ReceivedRequest expectRequest() {
        ReceivedRequest r = next(Duration.ofSeconds(10));
        if (r == null) {
            throw new AssertionError("the test agent received no request within 10 s");
        }
        return r;
    }

    /**
     * Turns the agent into a stateful proxy: every request it receives (keeping its Via stack and
     * Request-URI, Max-Forwards decremented) goes to {@code host:port} over {@code transport},
     * and responses come back the same way.
     */
    public void forwardTo(String transport, String host, int port) {
        this.forwardTo = new String[] {transport, host, Integer.toString(port)};
    }

    /** Stops forwarding and forgets what was received (between tests sharing an agent). */
    public void reset() {
        forwardTo = null;
        received.clear();
    }

    private void forward(SIPRequest in, ServerTransaction st, String[] to) throws Exception {
        SIPRequest out = (SIPRequest) in.clone();
        if (out.getMaxForwards() != null) {
            out.getMaxForwards().decrementMaxForwards();
        }
        Via via = (Via) headers.createViaHeader(address, port(to[0]), to[0], "z9hG4bKfwd"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
        out.addFirst(via);
        out.setApplicationData(new HopImpl(to[1], Integer.parseInt(to[2]), to[0]));
        ClientTransaction ct = provider.getNewClientTransaction(out);
        ct.setApplicationData(st);
        ct.sendRequest();
    }

    @Override
    public void close() {
        EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null) {
            // JAIN-SIP 1.3 leaves its event thread waiting on an empty queue: wake it to exit
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(provider, null), null));
        }
    }

    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent e) {
            SIPRequest r = (SIPRequest) e.getRequest();
            if (r.getMethod().equals(Request.ACK)) {
                return;
            }
            try {
                ServerTransaction st = e.getServerTransaction() != null ? e.getServerTransaction()
                        : provider.getNewServerTransaction(r);
                String[] to = forwardTo;
                if (to != null) {
                    forward(r, st, to);
                    return;
                }
                String tag = r.getToTag() != null ? r.getToTag() : "ag" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
                ReceivedRequest rr = new ReceivedRequest(r, st, tag);
                received.add(rr);
                Integer status = answer.apply(rr);
                if (status != null) {
                    rr.respond(status);
                }
            } catch (Exception ex) {
                log.warn("agent could not handle " + r.getFirstLine().trim() + ": " + ex);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void processResponse(ResponseEvent e) {
            ClientTransaction ct = e.getClientTransaction();
            SIPResponse resp = (SIPResponse) e.getResponse();
            if (ct == null) {
                return;
            }
            if (ct.getApplicationData() instanceof ServerTransaction st) {
                try {
                    SIPResponse back = (SIPResponse) resp.clone();
                    back.removeFirst(Via.NAME);
                    st.sendResponse(back);
                } catch (Exception ex) {
                    log.warn("agent could not relay " + resp.getFirstLine().trim() + ": " + ex);
                }
                return;
            }
            if (resp.getStatusCode() >= 200 && ct.getApplicationData() instanceof CompletableFuture<?> f) {
                ((CompletableFuture<SIPResponse>) f).complete(resp);
            }
        }

        @Override
        public void processTimeout(TimeoutEvent e) {
            if (!e.isServerTransaction() && e.getClientTransaction().getApplicationData() instanceof CompletableFuture<?> f) {
                f.completeExceptionally(new IllegalStateException("timeout (or transport error)"));
            }
        }

        @Override
        public void processIOException(IOExceptionEvent e) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent e) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent e) {
        }
    }

    /** Header value helper for tests: every value of {@code name} in a response joined by ", ", or null. */
    public static String header(SIPResponse r, String name) {
        java.util.List<String> values = new java.util.ArrayList<>();
        for (java.util.ListIterator<?> it = r.getHeaders(name); it.hasNext();) {
            values.add(((gov.nist.javax.sip.header.SIPHeader) it.next()).getHeaderValue().trim());
        }
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
