package org.stoxgw.xmppadapter.s2s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stoxgw.config.limits.KeyedCounter;
import org.stoxgw.xmppadapter.LinkInfo;

/**
 * The live inbound S2S streams, for the stream limits (in total and per claimed remote domain),
 * JMX and a graceful stop. Thread-safe.
 */
public final class InboundStreams {
    private final Set<InboundS2sHandler> streams = ConcurrentHashMap.newKeySet();
    private final KeyedCounter perDomain;
    private final int maxTotal;

    InboundStreams(int maxTotal, int maxPerDomain) {
        this.maxTotal = maxTotal;
        this.perDomain = new KeyedCounter(maxPerDomain);
    }

    /** Registers a new connection; false when the total limit is reached. */
    boolean add(InboundS2sHandler h) {
        if (streams.size() >= maxTotal) {
            return false;
        }
        streams.add(h);
        return true;
    }

    /** Counts a stream claiming {@code domain}; false (and not counted) when over the per-domain limit. */
    boolean claim(String domain) {
        return perDomain.tryAcquire(domain);
    }

    void remove(InboundS2sHandler h, String claimedDomain) {
        streams.remove(h);
        if (claimedDomain != null) {
            perDomain.release(claimedDomain);
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
