package org.stoxgw.sipadapter.rtpengine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.HostPort;

/**
 * {@link MediaAnchor} over one rtpengine (ng protocol, {@link NgClient}) with the two profiles of
 * {@link AnchorProfiles}. A ping every {@code ping-interval} tracks whether rtpengine is up: while
 * it is not, offers fail at once with {@link NgException.Kind#UNAVAILABLE} (no call waits for
 * retries that cannot succeed), and when it stops answering, the calls it carried are reported to
 * {@link #onLost} listeners, once. The first pong after that makes it available again, without a
 * restart. A call counts as anchored from its first successful offer until {@link #delete}.
 *
 * <p>Limits: rtpengine 10.5 writes no BUNDLE groups (added here for one m-line, see
 * {@link AnchorProfiles#withBundleGroup}); a restart of rtpengine between two pings loses its calls
 * without being noticed here (the engine keeps no state a ping could show). Threading: as
 * {@link MediaAnchor}; the ping runs on the client's loop.
 */
public final class RtpEngineAnchor implements MediaAnchor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtpEngineAnchor.class);

    /** What the last ping showed. */
    public enum State { STARTING, UP, DOWN }

    private final RtpEngineSettings settings;
    private final NgClient client;
    private final EventLoop loop;
    private final Set<String> calls = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Set<String>>> lostListeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.STARTING;
    private volatile long stateSince = System.currentTimeMillis();
    private volatile ScheduledFuture<?> pinger;
    final LongAdder offers = new LongAdder();
    final LongAdder refusedWhileDown = new LongAdder();
    final LongAdder lostCalls = new LongAdder();

    /** @throws IllegalArgumentException when {@code settings} has no address */
    public RtpEngineAnchor(RtpEngineSettings settings, EventLoop loop) {
        HostPort hp = settings.address().orElseThrow(() -> new IllegalArgumentException("gateway.sip.rtpengine.address is empty"));
        this.settings = settings;
        this.loop = loop;
        this.client = new NgClient(new InetSocketAddress(hp.host(), hp.port()), loop, settings.timeout(), settings.retries(),
                settings.maxPending());
    }

    /** Opens the ng socket and starts pinging; returns without waiting for the first pong. */
    public void start() throws InterruptedException {
        client.start();
        ping();
        long every = settings.pingInterval().toNanos();
        pinger = loop.scheduleAtFixedRate(this::ping, every, every, TimeUnit.NANOSECONDS);
    }

    private void ping() {
        client.command(Map.of("command", "ping")).whenComplete((r, e) -> {
            if (e == null) {
                transition(State.UP, null);
            } else {
                transition(State.DOWN, e.getMessage());
            }
        });
    }

    private void transition(State next, String why) {
        State before = state;
        if (before == next) {
            return;
        }
        state = next;
        stateSince = System.currentTimeMillis();
        if (next == State.UP) {
            log.info("rtpengine at {} is up: calls are anchored", client.server());
            return;
        }
        log.error("rtpengine at {} does not answer ({}): anchored calls fail until it is back", client.server(), why);
        Set<String> gone = Set.copyOf(calls);
        calls.removeAll(gone);
        if (!gone.isEmpty()) {
            lostCalls.add(gone.size());
            for (Consumer<Set<String>> l : lostListeners) {
                try {
                    l.accept(gone);
                } catch (RuntimeException ex) {
                    log.error("a lost-calls listener failed", ex);
                }
            }
        }
    }

    @Override
    public boolean anchors(String trustedPeer, String sipDomain) {
        return settings.anchors(trustedPeer, sipDomain);
    }

    @Override
    public boolean available() {
        return state == State.UP;
    }

    public State state() {
        return state;
    }

    @Override
    public CompletionStage<String> offer(String callId, String fromTag, String sdp, Side towards) {
        if (state == State.DOWN) {
            refusedWhileDown.increment();
            return CompletableFuture.failedFuture(new NgException(NgException.Kind.UNAVAILABLE,
                    "rtpengine at " + client.server() + " is down (no answer to its last ping)"));
        }
        offers.increment();
        List<String> codecs = towards == Side.SIP ? settings.sipCodecs() : settings.xmppCodecs();
        return client.command(AnchorProfiles.offer(callId, fromTag, sdp, towards, codecs)).thenApply(r -> {
            calls.add(callId);
            return rewritten(r, towards);
        });
    }

    @Override
    public CompletionStage<String> answer(String callId, String fromTag, String toTag, String sdp, Side towards) {
        return client.command(AnchorProfiles.answer(callId, fromTag, toTag, sdp, towards)).thenApply(r -> rewritten(r, towards));
    }

    private static String rewritten(Map<String, Object> reply, Side towards) {
        Object sdp = reply.get("sdp");
        if (!(sdp instanceof String s)) {
            throw new NgException(NgException.Kind.BAD_REPLY, "rtpengine's reply has no SDP");
        }
        return towards == Side.XMPP ? AnchorProfiles.withBundleGroup(s) : s;
    }

    @Override
    public CompletionStage<Void> delete(String callId) {
        calls.remove(callId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "delete");
        m.put("call-id", callId);
        return client.command(m).handle((r, e) -> {
            if (e != null && !(unwrap(e) instanceof NgException ng && ng.kind() == NgException.Kind.REFUSED)) {
                // REFUSED = "Call-ID not found": already gone, which is what delete wants
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<Map<String, Long>> packetsReceived(String callId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "query");
        m.put("call-id", callId);
        return client.command(m).thenApply(r -> {
            Map<String, Long> out = new LinkedHashMap<>();
            if (r.get("tags") instanceof Map<?, ?> tags) {
                tags.forEach((tag, v) -> out.put(String.valueOf(tag), packets((Map<String, Object>) v)));
            }
            return out;
        });
    }

    /** RTP packets received from one party: the first stream (RTP) of each of its media. */
    @SuppressWarnings("unchecked")
    private static long packets(Map<String, Object> tag) {
        long n = 0;
        if (tag.get("medias") instanceof List<?> medias) {
            for (Object media : medias) {
                if (((Map<String, Object>) media).get("streams") instanceof List<?> streams && !streams.isEmpty()
                        && ((Map<String, Object>) streams.get(0)).get("stats") instanceof Map<?, ?> stats
                        && stats.get("packets") instanceof Number p) {
                    n += p.longValue();
                }
            }
        }
        return n;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public void onLost(Consumer<Set<String>> listener) {
        lostListeners.add(listener);
    }

    /** Calls anchored now (offered and not deleted). */
    public int calls() {
        return calls.size();
    }

    /** The JMX view ({@code type=RtpEngine}). */
    public RtpEngineMXBean bean() {
        return new RtpEngineMXBean() {
            @Override
            public String getAddress() {
                return client.server().getHostString() + ":" + client.server().getPort();
            }

            @Override
            public String getState() {
                return state.name();
            }

            @Override
            public long getStateSinceMillis() {
                return stateSince;
            }

            @Override
            public int getAnchoredCalls() {
                return calls.size();
            }

            @Override
            public long getOffers() {
                return offers.sum();
            }

            @Override
            public long getRefusedWhileDown() {
                return refusedWhileDown.sum();
            }

            @Override
            public long getLostCalls() {
                return lostCalls.sum();
            }

            @Override
            public long getCommands() {
                return client.sent.sum();
            }

            @Override
            public long getRetransmissions() {
                return client.retransmissions.sum();
            }

            @Override
            public long getTimeouts() {
                return client.timeouts.sum();
            }

            @Override
            public long getErrors() {
                return client.errors.sum();
            }

            @Override
            public int getPending() {
                return client.pending();
            }
        };
    }

    @Override
    public void close() {
        ScheduledFuture<?> p = pinger;
        if (p != null) {
            p.cancel(false);
        }
        client.close();
    }
}
