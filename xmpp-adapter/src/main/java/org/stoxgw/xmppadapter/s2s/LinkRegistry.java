package org.stoxgw.xmppadapter.s2s;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.packet.StanzaError;
import org.stoxgw.xmppadapter.LinkInfo;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * All outbound links, one per {@link LinkKey}, created on first use on an event loop of the shared
 * group. {@link #send} may be called from any thread; it hands the stanza to the link's loop (the one
 * thread hop of the outbound path). Thread-safe.
 */
public final class LinkRegistry {
    /** Ids of acknowledgement probes start with this; answers to them never reach the core. */
    static final String PROBE_PREFIX = "stoxgw-ack-";

    private final XmppRuntime rt;
    private final ConcurrentHashMap<LinkKey, OutboundLink> links = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    LinkRegistry(XmppRuntime rt) {
        this.rt = rt;
    }

    CompletionStage<XmppOutcome> send(String local, String remote, String xml) {
        Pending p = new Pending(xml, System.nanoTime() + rt.settings.timeouts().delivery().toNanos(), rt.counters);
        if (stopping) {
            p.fail(StanzaError.Condition.remote_server_timeout, "the gateway is stopping");
            return p.future;
        }
        OutboundLink link = links.computeIfAbsent(new LinkKey(local, remote), k -> new OutboundLink(rt, k, rt.loops.next()));
        if (link.loop.inEventLoop()) {
            link.enqueue(p);
        } else {
            link.loop.execute(() -> link.enqueue(p));
        }
        return p.future;
    }

    /** Creates and connects the link for {@code local} now (component mode: one per gateway domain). */
    public void connectComponent(String local) {
        OutboundLink link = links.computeIfAbsent(new LinkKey(local, LinkKey.COMPONENT), k -> new OutboundLink(rt, k, rt.loops.next()));
        link.loop.execute(link::start);
    }

    /** An answer to probe {@code id} arrived from {@code remote} for {@code local}. */
    void acknowledge(String local, String remote, String id) {
        OutboundLink link = links.get(new LinkKey(local, remote));
        if (link != null) {
            if (link.loop.inEventLoop()) {
                link.acknowledged(id);
            } else {
                link.loop.execute(() -> link.acknowledged(id));
            }
        }
    }

    /** New sends fail from now on; queued stanzas keep going out. */
    public void beginStop() {
        stopping = true;
    }

    /** Stanzas queued or unacknowledged on all links. */
    public int waiting() {
        int n = 0;
        for (OutboundLink l : links.values()) {
            n += l.info().getQueued();
        }
        return n;
    }

    /** Fails what is left on every link and closes them (each on its own loop). */
    public void stopAll() {
        for (OutboundLink l : links.values()) {
            l.loop.execute(l::stop);
        }
    }

    public int size() {
        return links.size();
    }

    public List<LinkInfo> infos() {
        return links.values().stream().map(OutboundLink::info).toList();
    }
}
