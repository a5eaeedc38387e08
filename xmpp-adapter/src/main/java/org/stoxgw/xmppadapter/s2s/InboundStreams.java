package org.stoxgw.xmppadapter.s2s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stoxgw.xmppadapter.LinkInfo;

/**
 * The live inbound S2S streams, for the stream limits (in total and per claimed remote domain),
 * JMX and a graceful stop. Thread-safe.
 */
public final class InboundStreams {
    private final Set<InboundS2sHandler> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perDomain = new ConcurrentHashMap<>();
    private final int maxTotal;
    private final int maxPerDomain;

    InboundStreams(int maxTotal, int maxPerDomain) {
        this.maxTotal = maxTotal;
        this.maxPerDomain = maxPerDomain;
    }

    /** Registers a new connection; false when the total limit is reached. */
    boolean add(InboundS2sHandler h) {
        if (streams.size() >= maxTotal) {
            return false;
        }
        streams.add(h);
        return true;
    }

    /**
     * Counts a stream claiming {@code domain}; false (and not counted) when over the per-domain limit.
     * Counting and removal are atomic per domain (a counter removed at zero by one stream could
     * otherwise be incremented by another and lost, letting more streams in than the limit).
     */
    boolean claim(String domain) {
        boolean[] counted = new boolean[1];
        perDomain.compute(domain, (d, n) -> {
            int current = n == null ? 0 : n;
            counted[0] = current < maxPerDomain;
            return counted[0] ? Integer.valueOf(current + 1) : n;
        });
        return counted[0];
    }

    void remove(InboundS2sHandler h, String claimedDomain) {
        streams.remove(h);
        if (claimedDomain != null) {
            perDomain.computeIfPresent(claimedDomain, (d, n) -> n <= 1 ? null : n - 1);
        }
    }

    public int size() {
        return streams.size();
    }

    public List<LinkInfo> infos() {
        List<LinkInfo> out = new ArrayList<>();
        for (InboundS2sHandler h : streams) {
            out.addAll(h.infos());
        }
        return out;
    }

    /** Closes every stream gracefully (on each stream's own loop). */
    public void closeAll() {
        for (InboundS2sHandler h : streams) {
            h.closeFromOutside();
        }
    }
}
