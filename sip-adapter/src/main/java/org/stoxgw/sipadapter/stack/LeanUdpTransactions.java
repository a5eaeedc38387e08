package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-INVITE client transactions over UDP kept by the adapter instead of JAIN-SIP (performance,
 * docs/DECISIONS.md P-15): RFC 3261 section 17.1.2 with what a request sent from a UDP listening point
 * needs and nothing else. The request goes out as the bytes the caller encoded; Timer E retransmits it
 * (T1 doubling to T2, T2 once a provisional response came), Timer F (64*T1) ends it; responses are
 * matched before any parsing, by the top Via branch of the datagram (section 17.1.3: the branch is ours
 * and unique; the method is the transaction's), and handed over as bytes. A final response ends the
 * transaction; it stays for Timer K (T4, 5 s) so that a retransmitted final response is dropped
 * before parsing. JAIN-SIP builds, keeps and parses about 25 KB of objects for each such
 * transaction; here it is one entry, one timer and the request's bytes.
 *
 * <p>Thread-safe: sends from any thread, responses on the listening point's event loop, timers on the
 * stack's timer thread; each transaction is guarded by its own lock.
 */
public final class LeanUdpTransactions {
    private static final Logger wire = LoggerFactory.getLogger("stoxgw.wire.sip");
    /** RFC 3261 Timer K over UDP: T4. */
    private static final long T4_MILLIS = 5000;

    /** What happens to a transaction, reported on the thread that saw it. */
    public interface Listener {
        /** A response (provisional or final) in {@code bytes[0..length)} from {@code source}. */
        void onResponse(Object owner, int status, byte[] bytes, int length);

        /** Timer F fired without a final response. */
        void onTimeout(Object owner);

        /** A retransmission could not be written. */
        void onTransportError(Object owner, IOException e);
    }

    private final Map<String, InlineUdpMessageProcessor> points = new ConcurrentHashMap<>();
    private final Map<String, Tx> byBranch = new ConcurrentHashMap<>();
    private final Predicate<String> wireLogFor;
    private volatile SIPTransactionStack stack;

    public LeanUdpTransactions(Predicate<String> wireLogFor) {
        this.wireLogFor = wireLogFor;
    }

    /** Binds to the stack whose timer and listening points serve the transactions. */
    public void start(SIPTransactionStack s) {
        this.stack = s;
    }

    void register(InlineUdpMessageProcessor p) {
        points.put(key(p.getIpAddress(), p.getPort()), p);
    }

    void unregister(InlineUdpMessageProcessor p) {
        points.remove(key(p.getIpAddress(), p.getPort()), p);
    }

    private static String key(InetAddress ip, int port) {
        return ip.getHostAddress() + "|" + port;
    }

    /** Whether requests can leave from the UDP listening point {@code ip:port} this way. */
    public boolean serves(InetAddress ip, int port) {
        return stack != null && points.containsKey(key(ip, port));
    }

    /** Client transactions in flight. */
    public int size() {
        return byBranch.size();
    }

    /**
     * Sends {@code request} (its top Via carrying {@code branch}, lower case) from {@code ip:port} to
     * {@code to} and keeps its transaction until a final response, Timer F or a transport error.
     *
     * @param domain the Request-URI's domain, for the wire log
     * @throws IOException when the first send fails (nothing is kept)
     */
    public void send(InetAddress ip, int port, String branch, byte[] request, InetSocketAddress to, long t1Millis,
                     long t2Millis, String domain, Object owner, Listener listener) throws IOException {
        InlineUdpMessageProcessor p = points.get(key(ip, port));
        SIPTransactionStack s = stack;
        if (p == null || s == null) {
            throw new IOException("no UDP listening point " + ip.getHostAddress() + ":" + port);
        }
        Tx tx = new Tx(branch, request, to, p, s.getTimer(), t1Millis, t2Millis, owner, listener);
        if (byBranch.putIfAbsent(branch, tx) != null) {
            throw new IOException("branch in use: " + branch);
        }
        boolean logged = wire.isInfoEnabled() && (wireLogFor.test(to.getAddress().getHostAddress()) || wireLogFor.test(domain));
        tx.logged = logged;
        if (logged) {
            logWire("sent to", to, request, request.length);
        }
        try {
            p.sendDatagram(request, to);
        } catch (IOException e) {
            byBranch.remove(branch, tx);
            throw e;
        }
        tx.schedule(t1Millis);
    }

    /**
     * Takes a datagram off the reader when it is a response to one of these transactions (true), or a
     * retransmitted response to a transaction of ours that already ended (also true: dropped). False for
     * anything else, which goes to JAIN-SIP.
     */
    boolean response(byte[] b, int length, InetSocketAddress source) {
        if (length < 12 || b[0] != 'S' || b[1] != 'I' || b[2] != 'P' || b[3] != '/' || byBranch.isEmpty()) {
            return false;
        }
        String branch = RawMessages.topViaBranch(b, length);
        if (branch == null) {
            return false;
        }
        Tx tx = byBranch.get(branch);
        if (tx == null) {
            return false;
        }
        int status = RawMessages.status(b, length);
        if (status < 100) {
            return false;
        }
        if (tx.logged) {
            logWire("received from", source, b, length);
        }
        if (status >= 200) {
            if (!tx.finish()) {
                return true; // a retransmitted final response: already reported (Timer K)
            }
        } else {
            tx.proceeding();
        }
        tx.listener.onResponse(tx.owner, status, b, length);
        return true;
    }

    private static void logWire(String direction, InetSocketAddress peer, byte[] b, int length) {
        String text = new String(b, 0, length, StandardCharsets.UTF_8);
        int eol = text.indexOf('\r');
        wire.info("{} {}:{} {}\n{}", direction, peer.getAddress().getHostAddress(), peer.getPort(),
                eol > 0 ? text.substring(0, eol) : text, text);
    }

    /** One client transaction: Timer E and F on one timer task, rescheduled. */
    private final class Tx extends SIPStackTimerTask {
        final String branch;
        final byte[] request;
        final InetSocketAddress to;
        final InlineUdpMessageProcessor point;
        final SipTimer timer;
        final long t2;
        final long timerFAt;
        final Object owner;
        final Listener listener;
        volatile boolean logged;
        private long interval;
        private boolean proceeding;
        private boolean done;
        private boolean completed;

        Tx(String branch, byte[] request, InetSocketAddress to, InlineUdpMessageProcessor point, SipTimer timer, long t1,
           long t2, Object owner, Listener listener) {
            this.branch = branch;
            this.request = request;
            this.to = to;
            this.point = point;
            this.timer = timer;
            this.t2 = t2;
            this.timerFAt = System.nanoTime() + 64 * t1 * 1_000_000L;
            this.owner = owner;
            this.listener = listener;
            this.interval = t1;
        }

        synchronized void schedule(long delayMillis) {
            if (done) {
                return;
            }
            long untilF = (timerFAt - System.nanoTime()) / 1_000_000L;
            try {
                timer.schedule(this, Math.max(1, Math.min(delayMillis, untilF)));
            } catch (IllegalStateException stopped) {
                done = true;
                byBranch.remove(branch, this);
            }
        }

        /** Marks the final response and starts Timer K (T4); false if the transaction had ended already. */
        synchronized boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            completed = true;
            timer.cancel(this);
            try {
                timer.schedule(this, T4_MILLIS);
            } catch (IllegalStateException stopped) {
                byBranch.remove(branch, this);
            }
            return true;
        }

        synchronized void proceeding() {
            // RFC 3261 section 17.1.2.2: in Proceeding, retransmit every T2
            proceeding = true;
        }

        @Override
        public void runTask() {
            boolean timeout;
            synchronized (this) {
                if (completed) {
                    byBranch.remove(branch, this); // Timer K
                    return;
                }
                if (done) {
                    return;
                }
                timeout = System.nanoTime() - timerFAt >= 0;
                if (timeout) {
                    done = true;
                }
            }
            if (timeout) {
                byBranch.remove(branch, this);
                listener.onTimeout(owner);
                return;
            }
            try {
                point.sendDatagram(request, to);
            } catch (IOException e) {
                synchronized (this) {
                    done = true;
                }
                byBranch.remove(branch, this);
                listener.onTransportError(owner, e);
                return;
            }
            long next;
            synchronized (this) {
                interval = proceeding ? t2 : Math.min(interval * 2, t2);
                next = interval;
            }
            schedule(next);
        }

        @Override
        public Object getThreadHash() {
            return branch;
        }
    }

}
