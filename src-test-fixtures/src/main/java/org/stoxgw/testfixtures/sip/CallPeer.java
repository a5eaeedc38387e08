package org.stoxgw.testfixtures.sip;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
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
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import org.stoxgw.testfixtures.FreePorts;

/**
 * An in-JVM SIP phone for INVITE contract tests: its own JAIN-SIP stack with automatic dialogs
 * (so its dialog handling is JAIN-SIP's, not the gateway's), UDP and TCP on one address, every
 * request sent to one next hop (the gateway). It places calls ({@link #invite}) and takes them
 * ({@link #nextCall}); what it receives is queued for the test to assert on. BYE and in-dialog
 * requests the test does not answer get 200 automatically. Thread-safe queues; JAIN-SIP callbacks
 * on the stack's threads. {@link #close()} stops the stack.
 */
public final class CallPeer implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final String address;
    private final int port;
    private final String transport;
    private final HopImpl next;
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final BlockingQueue<Incoming> calls = new LinkedBlockingQueue<>();
    private final Map<String, Outgoing> byCallId = new ConcurrentHashMap<>();
    private final Map<String, Incoming> incomingByCallId = new ConcurrentHashMap<>();
    /** How in-dialog requests from the gateway are answered: status, SDP body for re-INVITE/UPDATE, extra headers. */
    private final BlockingQueue<int[]> nextStatuses = new LinkedBlockingQueue<>();
    private volatile String offerAnswer;
    private volatile boolean holdOffers;
    /** In-dialog requests held unanswered ({@link #holdOffers}): the test answers them. */
    public final BlockingQueue<Held> held = new LinkedBlockingQueue<>();

    /** A request from the gateway the test answers itself. */
    public record Held(SIPRequest request, ServerTransaction st, String contact) {
        public void respond(int status, String sdp) {
            try {
                SIPResponse r = request.createResponse(status);
                r.setHeader(new HeaderFactoryImpl().createHeader("Contact", "<" + contact + ">"));
                if (sdp != null) {
                    r.setContent(sdp.getBytes(StandardCharsets.UTF_8), new HeaderFactoryImpl().createContentTypeHeader("application", "sdp"));
                }
                st.sendResponse(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private CallPeer(String address, String transport, String nextHost, int nextPort) throws Exception {
        this.address = address;
        this.transport = transport;
        this.port = FreePorts.tcpAndUdp(address);
        this.next = new HopImpl(nextHost, nextPort, transport);
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "callpeer-" + COUNTER.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("javax.sip.ROUTER_PATH", FixedHopRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        p.setProperty("gov.nist.javax.sip.MIN_KEEPALIVE_TIME_SECONDS", "-1");
        gov.nist.core.StackLogger before = gov.nist.core.CommonLogger.legacyLogger;
        stack = new SipStackImpl(p);
        if (before != null) {
            gov.nist.core.CommonLogger.legacyLogger = before;
        }
        ListeningPoint udp = stack.createListeningPoint(address, port, "udp");
        ListeningPoint tcp = stack.createListeningPoint(address, port, "tcp");
        provider = stack.createSipProvider(udp);
        provider.addListeningPoint(tcp);
        provider.addSipListener(new Listener());
    }

    /** A phone on {@code address} sending everything over {@code transport} to {@code host:port}. */
    public static CallPeer start(String address, String transport, String host, int port) {
        try {
            return new CallPeer(address, transport, host, port);
        } catch (Exception e) {
            throw new IllegalStateException("call peer failed to start: " + e, e);
        }
    }

    /** Re-INVITEs and UPDATEs from the gateway are answered 200 with {@code sdp} (null: no body). */
    public void answerOffersWith(String sdp) {
        this.offerAnswer = sdp;
    }

    /** The next in-dialog request from the gateway is answered {@code status} (e.g. 491), then as usual. */
    public void answerNextWith(int status) {
        nextStatuses.add(new int[] {status});
    }

    /** Re-INVITEs and UPDATEs from the gateway are held in {@link #held} for the test to answer. */
    public void holdOffers(boolean hold) {
        this.holdOffers = hold;
    }

    /** {@code sip:user@address:port;transport=t}: where the gateway reaches this phone. */
    public String uri(String user) {
        return "sip:" + user + "@" + address + ":" + port + ";transport=" + transport;
    }

    /** A call this phone places; every response (100 included) is queued. */
    public final class Outgoing {
        public final SIPRequest invite;
        public final BlockingQueue<SIPResponse> responses = new LinkedBlockingQueue<>();
        /** Requests the gateway sent inside this call (BYE, re-INVITE, ...). */
        public final BlockingQueue<SIPRequest> requests = new LinkedBlockingQueue<>();
        final ClientTransaction ct;
        volatile boolean autoAck;
        /** Responses to the PRACKs this phone sent. */
        public final BlockingQueue<SIPResponse> pracks = new LinkedBlockingQueue<>();

        Outgoing(SIPRequest invite, ClientTransaction ct) {
            this.invite = invite;
            this.ct = ct;
        }

        private String lastSeen;

        /**
         * The next response other than 100, failing after 10 s; a provisional response repeated
         * (the gateway resends its last one when the INVITE is retransmitted) is skipped.
         */
        public SIPResponse next() {
            while (true) {
                SIPResponse r = poll(responses, "a response to the INVITE");
                String seen = r.getStatusCode() + " " + r.getToTag();
                if (r.getStatusCode() == 100 || (r.getStatusCode() < 200 && seen.equals(lastSeen))) {
                    continue;
                }
                lastSeen = seen;
                return r;
            }
        }

        /** The final response (skipping provisionals). */
        public SIPResponse awaitFinal() {
            while (true) {
                SIPResponse r = next();
                if (r.getStatusCode() >= 200) {
                    return r;
                }
            }
        }

        /** ACKs the 2xx with {@code sdp} (delayed offer); only when the INVITE had no body. */
        public void ack(SIPResponse ok, String sdp) {
            try {
                Dialog d = ct.getDialog();
                Request ack = d.createAck(ok.getCSeq().getSeqNumber());
                if (sdp != null) {
                    ack.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
                }
                ((SIPRequest) ack).setApplicationData(next);
                d.sendAck(ack);
            } catch (Exception e) {
                throw new IllegalStateException("ACK failed: " + e, e);
            }
        }

        /** Sends CANCEL (after a provisional response). */
        public void cancel() {
            try {
                Request c = ct.createCancel();
                ((SIPRequest) c).setApplicationData(next);
                provider.getNewClientTransaction(c).sendRequest();
            } catch (Exception e) {
                throw new IllegalStateException("CANCEL failed: " + e, e);
            }
        }

        /** Sends BYE and waits for its final response. */
        public SIPResponse bye() {
            return inDialog(ct.getDialog(), Request.BYE, null);
        }

        /** Sends a request inside the call ({@code INVITE} is ACKed when answered 2xx) and waits for its final response. */
        public SIPResponse send(String method, String sdp, String... extra) {
            return inDialog(ct.getDialog(), method, sdp, extra);
        }

        /** The next request the gateway sent inside this call. */
        public SIPRequest nextRequest() {
            return poll(requests, "a request inside the call");
        }
    }

    /** A call the gateway placed to this phone; the test answers it. */
    public final class Incoming {
        public final SIPRequest invite;
        public final ServerTransaction st;
        public final BlockingQueue<SIPRequest> requests = new LinkedBlockingQueue<>();
        final String tag = "cp" + Long.toHexString(ThreadLocalRandom.current().nextLong());

        Incoming(SIPRequest invite, ServerTransaction st) {
            this.invite = invite;
            this.st = st;
        }

        /** Answers the INVITE with {@code status} and an optional SDP body (provisional or final). */
        public void respond(int status, String sdp) {
            try {
                SIPResponse r = invite.createResponse(status);
                if (status > 100) {
                    r.getTo().setTag(tag);
                    r.setHeader(headers.createHeader("Contact", "<" + uri("phone") + ">"));
                }
                if (sdp != null) {
                    r.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
                }
                st.sendResponse(r);
            } catch (Exception e) {
                throw new IllegalStateException(status + " failed: " + e, e);
            }
        }

        /** The next request inside this call (ACK, BYE, CANCEL...), failing after 10 s. */
        public SIPRequest nextRequest() {
            return poll(requests, "a request inside the incoming call");
        }

        /** Sends BYE and waits for its final response. */
        public SIPResponse bye() {
            return inDialog(st.getDialog(), Request.BYE, null);
        }

        /** Sends a request inside the call ({@code INVITE} is ACKed when answered 2xx) and waits for its final response. */
        public SIPResponse send(String method, String sdp, String... extra) {
            return inDialog(st.getDialog(), method, sdp, extra);
        }

        /** Answers the INVITE with {@code status} plus header lines "Name: value" and an optional SDP. */
        public void respond(int status, String sdp, String... extra) {
            try {
                SIPResponse r = invite.createResponse(status);
                r.getTo().setTag(tag);
                r.setHeader(headers.createHeader("Contact", "<" + uri("phone") + ">"));
                for (String h : extra) {
                    int c = h.indexOf(':');
                    r.addHeader(headers.createHeader(h.substring(0, c).trim(), h.substring(c + 1).trim()));
                }
                if (sdp != null) {
                    r.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
                }
                st.sendResponse(r);
            } catch (Exception e) {
                throw new IllegalStateException(status + " failed: " + e, e);
            }
        }

        /** Sends {@code status} (101-199) reliably (RFC 3262) with an optional SDP; the gateway must PRACK it. */
        public void respondReliably(int status, String sdp) {
            try {
                Dialog d = st.getDialog();
                SIPResponse r = (SIPResponse) d.createReliableProvisionalResponse(status);
                r.getTo().setTag(tag);
                r.setHeader(headers.createHeader("Contact", "<" + uri("phone") + ">"));
                if (sdp != null) {
                    r.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
                }
                d.sendReliableProvisionalResponse(r);
            } catch (Exception e) {
                throw new IllegalStateException("reliable " + status + " failed: " + e, e);
            }
        }
    }

    /**
     * Places a call from {@code from} to {@code requestUri} with an SDP offer ({@code null}: delayed
     * offer, the test ACKs); extra header lines "Name: value".
     */
    public Outgoing invite(String requestUri, String from, String sdp, String... extraHeaders) {
        String callId = "cp" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + address;
        StringBuilder sb = new StringBuilder();
        sb.append("INVITE ").append(requestUri).append(" SIP/2.0\r\n");
        sb.append("Via: SIP/2.0/").append(transport.toUpperCase()).append(' ').append(address).append(':').append(port)
                .append(";branch=z9hG4bK").append(Long.toHexString(ThreadLocalRandom.current().nextLong())).append(";rport\r\n");
        sb.append("From: <").append(from).append(">;tag=").append(Long.toHexString(ThreadLocalRandom.current().nextLong())).append("\r\n");
        sb.append("To: <").append(requestUri).append(">\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: 1 INVITE\r\nMax-Forwards: 70\r\n");
        sb.append("Contact: <").append(uri("phone")).append(">\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        sb.append("Content-Length: 0\r\n\r\n");
        try {
            SIPRequest r = (SIPRequest) messages.createRequest(sb.toString());
            if (body.length > 0) {
                r.setContent(body, sdpType());
            }
            r.setApplicationData(next);
            ClientTransaction ct = provider.getNewClientTransaction(r);
            Outgoing o = new Outgoing(r, ct);
            o.autoAck = sdp != null;
            byCallId.put(callId, o);
            ct.sendRequest();
            return o;
        } catch (Exception e) {
            throw new IllegalStateException("INVITE failed: " + e, e);
        }
    }

    /** The next call the gateway placed to this phone, failing after 10 s. */
    public Incoming nextCall() {
        return poll(calls, "an INVITE from the gateway");
    }

    private SIPResponse inDialog(Dialog d, String method, String sdp, String... extra) {
        try {
            Request r = d.createRequest(method);
            for (String h : extra) {
                int c = h.indexOf(':');
                r.addHeader(headers.createHeader(h.substring(0, c).trim(), h.substring(c + 1).trim()));
            }
            if (sdp != null) {
                r.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
            }
            ((SIPRequest) r).setApplicationData(next);
            ClientTransaction ct = provider.getNewClientTransaction(r);
            LinkedBlockingQueue<SIPResponse> answer = new LinkedBlockingQueue<>();
            ct.setApplicationData(answer);
            d.sendRequest(ct);
            while (true) {
                SIPResponse resp = poll(answer, "a response to " + method);
                if (resp.getStatusCode() >= 200) {
                    if (method.equals(Request.INVITE) && resp.getStatusCode() / 100 == 2) {
                        Request ack = d.createAck(resp.getCSeq().getSeqNumber());
                        ((SIPRequest) ack).setApplicationData(next);
                        d.sendAck(ack);
                    }
                    return resp;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        }
    }

    private ContentTypeHeader sdpType() throws java.text.ParseException {
        return headers.createContentTypeHeader("application", "sdp");
    }

    private static <T> T poll(BlockingQueue<T> q, String what) {
        try {
            T t = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s");
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what);
        }
    }

    @Override
    public void close() {
        EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(provider, null), null));
        }
    }

    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent e) {
            SIPRequest r = (SIPRequest) e.getRequest();
            String callId = r.getCallId().getCallId();
            try {
                if (r.getMethod().equals(Request.ACK)) {
                    Incoming in = incomingByCallId.get(callId);
                    Outgoing out = byCallId.get(callId);
                    if (in != null) {
                        in.requests.add(r);
                    } else if (out != null) {
                        out.requests.add(r);
                    }
                    return;
                }
                ServerTransaction st = e.getServerTransaction() != null ? e.getServerTransaction()
                        : provider.getNewServerTransaction(r);
                if (r.getMethod().equals(Request.INVITE) && r.getToTag() == null) {
                    Incoming in = new Incoming(r, st);
                    incomingByCallId.put(callId, in);
                    calls.add(in);
                    return;
                }
                Outgoing out = byCallId.get(callId);
                Incoming in = incomingByCallId.get(callId);
                if (out != null) {
                    out.requests.add(r);
                } else if (in != null) {
                    in.requests.add(r);
                }
                boolean offer = r.getMethod().equals(Request.INVITE) || r.getMethod().equals(Request.UPDATE);
                int[] forced = r.getMethod().equals(Request.CANCEL) ? null : nextStatuses.poll();
                if (forced == null && offer && holdOffers) {
                    held.add(new Held(r, st, uri("phone")));
                    return;
                }
                SIPResponse resp = r.createResponse(forced != null ? forced[0] : 200);
                if (offer && resp.getStatusCode() / 100 == 2) {
                    resp.setHeader(headers.createHeader("Contact", "<" + uri("phone") + ">"));
                }
                String sdp = offerAnswer;
                if (offer && resp.getStatusCode() == 200 && sdp != null && r.getRawContent() != null) {
                    resp.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
                }
                st.sendResponse(resp);
            } catch (Exception ex) {
                System.err.println("call peer could not handle " + r.getFirstLine().trim() + ": " + ex);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void processResponse(ResponseEvent e) {
            SIPResponse r = (SIPResponse) e.getResponse();
            ClientTransaction ct = e.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof BlockingQueue<?> q) {
                ((BlockingQueue<SIPResponse>) q).add(r);
                return;
            }
            Outgoing o = byCallId.get(r.getCallId().getCallId());
            if (o == null || !r.getCSeq().getMethod().equals(Request.INVITE)) {
                return;
            }
            if (ct == null && r.getStatusCode() / 100 == 2) {
                return; // a retransmitted 2xx: JAIN-SIP ACKs it again
            }
            o.responses.add(r);
            if (r.getStatusCode() > 100 && r.getStatusCode() < 200 && r.getHeader("RSeq") != null && e.getDialog() != null) {
                try {
                    Request prack = e.getDialog().createPrack(r);
                    ((SIPRequest) prack).setApplicationData(next);
                    ClientTransaction pt = provider.getNewClientTransaction(prack);
                    pt.setApplicationData(o.pracks);
                    e.getDialog().sendRequest(pt);
                } catch (Exception ex) {
                    System.err.println("call peer could not PRACK: " + ex);
                }
            }
            if (r.getStatusCode() / 100 == 2 && o.autoAck) {
                o.ack(r, null);
            }
        }

        @Override
        public void processTimeout(TimeoutEvent e) {
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
}
