package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The "Completed" state of the gateway's non-INVITE server transactions over UDP, kept small (P-08).
 * RFC 3261 §17.2.2: after its final response such a transaction must answer every retransmission of the
 * request with that response until Timer J (64*T1, 32 s) fires. JAIN-SIP keeps the whole transaction for
 * that long (about 1.6 KB and 40 objects each: at 5,000 messages a second, 160,000 of them that live
 * long enough to reach the old generation of the heap). Here only the answer's bytes, where it goes and
 * the request's identity are kept; the adapter ends JAIN-SIP's transaction a moment after the answer, and
 * {@link UdpRetransmissions} answers retransmissions from this table before any parsing.
 *
 * <p>Retransmissions are matched twice: from the raw bytes ({@link UdpRetransmissions}, the common
 * case, no parse) and, for what that cheap reading does not recognise (a Via with spaces around
 * {@code ;} or {@code =}, a tab, a folded line: all legal), from the parsed request by the adapter's
 * valve ({@link #keyOf}), so a retransmission never reaches the core a second time.
 *
 * <p>Entries expire in the order they were added (one lifetime for all), so expiry is a queue drained
 * by {@link #sweep} (every second, by the adapter's timer: adding takes no lock, and {@link #lookup}
 * checks the expiry itself). Thread-safe.
 */
public final class CompletedTransactions {
    private final long lifetimeNanos;
    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> byAge = new ConcurrentLinkedQueue<>();
    private final LongAdder answered = new LongAdder();

    /** What a retransmission gets: the final response's bytes and where responses of the request go. */
    public record Entry(String key, byte[] response, InetSocketAddress destination, long expiresNanos) { }

    /** @param lifetimeNanos how long a completed transaction answers retransmissions (Timer J, 64*T1) */
    public CompletedTransactions(long lifetimeNanos) {
        this.lifetimeNanos = lifetimeNanos;
    }

    /** The key of a request: RFC 3261 §17.2.3 matching by branch (lower case), sent-by and method. */
    public static String key(String branch, String sentBy, String method) {
        return branch + '|' + sentBy + '|' + method;
    }

    /**
     * The key of a parsed request whose completed state this table can keep: non-INVITE with an RFC 3261
     * branch and no {@code maddr} (responses then go to the Via's received and rport, RFC 3261 §18.2.2 and
     * RFC 3581); null for the rest, whose transactions JAIN-SIP keeps. The caller checks the transport (UDP).
     */
    public static String keyOf(SIPRequest r) {
        if (r.getMethod().equals("INVITE")) {
            return null;
        }
        Via top = r.getTopmostVia();
        String branch = top == null ? null : top.getBranch();
        if (branch == null || top.getMAddr() != null || !branch.regionMatches(true, 0, "z9hG4bK", 0, 7)) {
            return null;
        }
        return key(branch.toLowerCase(Locale.ROOT), top.getSentBy().encode().toLowerCase(Locale.ROOT), r.getMethod());
    }

    /** Remembers the final response {@code response} to the request of {@code key}. */
    public void remember(String key, byte[] response, InetSocketAddress destination) {
        long now = System.nanoTime();
        Entry e = new Entry(key, response, destination, now + lifetimeNanos);
        byKey.put(key, e);
        byAge.add(e);
    }

    /** The response to answer a retransmission of {@code key} with, or null (counted when found). */
    public Entry lookup(String key) {
        Entry e = byKey.get(key);
        if (e == null || e.expiresNanos - System.nanoTime() < 0) {
            return null;
        }
        answered.increment();
        return e;
    }

    /** Lets go of the expired entries; called every second. */
    public void sweep() {
        expire(System.nanoTime());
    }

    private void expire(long now) {
        synchronized (byAge) {
            Entry oldest;
            while ((oldest = byAge.peek()) != null && oldest.expiresNanos - now < 0) {
                byAge.poll();
                byKey.remove(oldest.key, oldest);
            }
        }
    }

    /** Completed transactions remembered now. */
    public int size() {
        return byKey.size();
    }

    /** Retransmissions answered from this table. */
    public long answered() {
        return answered.sum();
    }
}
