package org.stoxgw.xmppadapter.s2s;

import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.packet.StanzaError;
import org.stoxgw.xmppadapter.XmppCounters;
import org.stoxgw.xmppadapter.XmppOutcome;

/** A stanza waiting on an outbound link, with the future its sender holds. Owned by the link's loop. */
final class Pending {
    private static final XmppOutcome SENT = new XmppOutcome.Sent();

    final String xml;
    final long deadlineNanos;
    final CompletableFuture<XmppOutcome> future = new CompletableFuture<>();
    private final XmppCounters counters;
    /**
     * An answer the adapter itself generated (to a ping, a disco query, our probe's peer): it is
     * neither confirmed nor counted. Confirming it would need a probe whose answer, from another
     * gateway like this one, would need confirming in turn, forever.
     */
    final boolean internal;
    /** Written at least once (a later write is a re-send on a new link). */
    boolean written;

    Pending(String xml, long deadlineNanos, XmppCounters counters, boolean internal) {
        this.xml = xml;
        this.deadlineNanos = deadlineNanos;
        this.counters = counters;
        this.internal = internal;
    }

    // Counted before completing: the sender's callbacks may read the counters at once.
    void sent() {
        if (!future.isDone()) {
            if (!internal) {
                counters.delivered.increment();
            }
            future.complete(SENT);
        }
    }

    void fail(StanzaError.Condition condition, String detail) {
        if (!future.isDone()) {
            if (!internal) {
                counters.bounced.increment();
            }
            future.complete(new XmppOutcome.Failed(condition, detail));
        }
    }
}
