package org.stoxgw.sipadapter.jmx;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The adapter's counters, updated on the SIP threads without locks (striped adders, fixed arrays:
 * methods outside the known set count as {@code OTHER}, so no wire input grows a map), and their
 * JMX view. Thread-safe.
 */
public final class SipStats implements SipAdapterMXBean {
    private static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "PRACK",
        "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH", "OTHER"};

    private final AtomicLongArray requestsReceived = new AtomicLongArray(METHODS.length);
    private final AtomicLongArray requestsSent = new AtomicLongArray(METHODS.length);
    private final AtomicLongArray responsesSent = new AtomicLongArray(700);
    private final AtomicLongArray responsesReceived = new AtomicLongArray(700);
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder transportErrors = new LongAdder();
    private final LongAdder responsesNotSent = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder retransmissionsAbsorbed = new LongAdder();
    private final LongAdder unframedBytesDropped = new LongAdder();
    private volatile IntSupplier inboundInFlight = () -> 0;
    private volatile IntSupplier outboundInFlight = () -> 0;
    private volatile Supplier<String[]> listeningPoints = () -> new String[0];

    public void requestReceived(String method) {
        requestsReceived.incrementAndGet(methodIndex(method));
    }

    public void requestSent(String method) {
        requestsSent.incrementAndGet(methodIndex(method));
    }

    public void responseSent(int status) {
        if (status >= 100 && status < 700) {
            responsesSent.incrementAndGet(status);
        }
    }

    /** Takes back a {@link #responseSent} whose sending failed, and counts the failure. */
    public void responseNotSent(int status) {
        if (status >= 100 && status < 700) {
            responsesSent.decrementAndGet(status);
        }
        responsesNotSent.increment();
    }

    public void responseReceived(int status) {
        if (status >= 100 && status < 700) {
            responsesReceived.incrementAndGet(status);
        }
    }

    /** A request answered by the adapter itself; {@code reason} is one of a small fixed set. */
    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public void transportError() {
        transportErrors.increment();
    }

    public void timeout() {
        timeouts.increment();
    }

    /** Counts UDP request retransmissions discarded before parsing (their transaction had not answered yet). */
    public LongAdder retransmissionsAbsorbedCounter() {
        return retransmissionsAbsorbed;
    }

    /** Counts stream bytes that could not be framed as SIP messages and were dropped. */
    public LongAdder unframedBytesDroppedCounter() {
        return unframedBytesDropped;
    }

    public void unansweredByCore() {
        unanswered.increment();
    }

    /** Where the in-flight gauges come from. */
    public void inFlight(IntSupplier inbound, IntSupplier outbound) {
        this.inboundInFlight = inbound;
        this.outboundInFlight = outbound;
    }

    public void listeningPoints(Supplier<String[]> points) {
        this.listeningPoints = points;
    }

    private static int methodIndex(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        for (int i = 0; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(m)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    @Override
    public String[] getListeningPoints() {
        return listeningPoints.get();
    }

    @Override
    public int getTransactionsInFlight() {
        return getInboundTransactionsInFlight() + getOutboundTransactionsInFlight();
    }

    @Override
    public int getInboundTransactionsInFlight() {
        return inboundInFlight.getAsInt();
    }

    @Override
    public int getOutboundTransactionsInFlight() {
        return outboundInFlight.getAsInt();
    }

    @Override
    public Map<String, Long> getRequestsReceived() {
        return byMethod(requestsReceived);
    }

    @Override
    public Map<String, Long> getRequestsSent() {
        return byMethod(requestsSent);
    }

    @Override
    public Map<String, Long> getResponsesSent() {
        return byStatus(responsesSent);
    }

    @Override
    public Map<String, Long> getResponsesReceived() {
        return byStatus(responsesReceived);
    }

    @Override
    public Map<String, Long> getRejected() {
        Map<String, Long> out = new TreeMap<>();
        rejected.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public long getTransportErrors() {
        return transportErrors.sum();
    }

    @Override
    public long getResponsesNotSent() {
        return responsesNotSent.sum();
    }

    @Override
    public long getTimeouts() {
        return timeouts.sum();
    }

    @Override
    public long getRetransmissionsAbsorbed() {
        return retransmissionsAbsorbed.sum();
    }

    @Override
    public long getUnansweredByCore() {
        return unanswered.sum();
    }

    @Override
    public long getUnframedBytesDropped() {
        return unframedBytesDropped.sum();
    }

    private static Map<String, Long> byMethod(AtomicLongArray a) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < METHODS.length; i++) {
            long v = a.get(i);
            if (v > 0) {
                out.put(METHODS[i], v);
            }
        }
        return out;
    }

    private static Map<String, Long> byStatus(AtomicLongArray a) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 100; i < 700; i++) {
            long v = a.get(i);
            if (v > 0) {
                out.put(Integer.toString(i), v);
            }
        }
        return out;
    }
}
