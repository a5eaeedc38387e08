package org.stoxgw.core.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.stoxgw.config.limits.KeyedCounter;

/**
 * Key to session, shared by all event loops. A session is created once per key and pinned to one
 * loop of the group, chosen at creation (the creating thread's own loop if it is one of the group's,
 * else round robin), which then runs all of its events.
 *
 * <p>Thread-safe. Limits: the table refuses new sessions beyond {@code maxSessions}, and beyond
 * {@code maxPerPeer} for one peer ({@link #getOrCreate} returns empty; {@link #refusal} says which),
 * so overload cannot exhaust memory and one peer cannot take every place. A peer is whoever the
 * session is there for, as the caller names it: by convention {@code sip:<source IP>} or
 * {@code xmpp:<remote domain>} ({@code org.stoxgw.core.routing.SessionPeers}). Sessions created
 * without a peer count only against {@code maxSessions}.
 */
public final class SessionTable {
    private final ConcurrentHashMap<SessionKey, Session> sessions = new ConcurrentHashMap<>();
    private final KeyedCounter perPeer;
    private final EventLoopGroup loops;
    private volatile int maxSessions;
    private volatile int maxPerPeer;
    private final Map<SessionKind, AtomicInteger> byKind = new EnumMap<>(SessionKind.class);

    public SessionTable(EventLoopGroup loops, int maxSessions) {
        this(loops, maxSessions, maxSessions);
    }

    /**
     * @param maxSessions sessions in the table at most ({@code gateway.core.max-sessions})
     * @param maxPerPeer  sessions of one peer at most ({@code gateway.core.max-sessions-per-peer})
     */
    public SessionTable(EventLoopGroup loops, int maxSessions, int maxPerPeer) {
        this.loops = loops;
        this.maxSessions = maxSessions;
        this.maxPerPeer = maxPerPeer;
        this.perPeer = new KeyedCounter(maxPerPeer);
        for (SessionKind k : SessionKind.values()) {
            byKind.put(k, new AtomicInteger());
        }
    }

    /**
     * The session of {@code key}, created with {@code factory} if absent.
     *
     * @return empty when the table is full and the session did not exist
     */
    public <S extends Session> Optional<S> getOrCreate(SessionKey key, Function<SessionContext, S> factory) {
        return getOrCreate(key, null, factory);
    }

    /**
     * The session of {@code key}, created with {@code factory} for {@code peer} if absent.
     *
     * @param peer who the session is there for (see the class comment), or null for none
     * @return empty when the session did not exist and the table, or {@code peer}'s share of it, is full
     */
    @SuppressWarnings("unchecked")
    public <S extends Session> Optional<S> getOrCreate(SessionKey key, String peer, Function<SessionContext, S> factory) {
        Session existing = sessions.get(key);
        if (existing != null) {
            return Optional.of((S) existing);
        }
        if (sessions.size() >= maxSessions || peer != null && !perPeer.tryAcquire(peer)) {
            return Optional.empty();
        }
        boolean[] created = new boolean[1];
        Session s;
        try {
            s = sessions.computeIfAbsent(key, k -> {
                S made = factory.apply(new SessionContext(k, peer, loopFor(), this));
                created[0] = true;
                byKind.get(k.kind()).incrementAndGet();
                return made;
            });
        } finally {
            if (!created[0] && peer != null) {
                perPeer.release(peer); // another thread created it first, or the factory failed
            }
        }
        return Optional.of((S) s);
    }

    /**
     * Why {@link #getOrCreate} refuses a new session for {@code peer} now, naming the setting, or
     * null if it would not. For the error text to the sender and the log.
     */
    public String refusal(String peer) {
        if (sessions.size() >= maxSessions) {
            return maxSessions + " sessions in the gateway (gateway.core.max-sessions)";
        }
        if (peer != null && perPeer.full(peer)) {
            return maxPerPeer + " sessions for " + peer + " (gateway.core.max-sessions-per-peer)";
        }
        return null;
    }

    /** Sessions now held for {@code peer}. */
    public int sessionsOf(String peer) {
        return perPeer.count(peer);
    }

    /**
     * The loop of the calling thread when it is one of the group's (a stanza read by a stream's loop
     * keeps its session on that loop: no hand-off), else the next loop in turn.
     */
    private EventLoop loopFor() {
        for (EventExecutor e : loops) {
            if (e.inEventLoop()) {
                return (EventLoop) e;
            }
        }
        return loops.next();
    }

    /** The session of {@code key}, if present. */
    @SuppressWarnings("unchecked")
    public <S extends Session> Optional<S> get(SessionKey key) {
        return Optional.ofNullable((S) sessions.get(key));
    }

    /** Called by {@link Session#close()}. */
    void remove(Session s) {
        if (sessions.remove(s.key(), s)) {
            byKind.get(s.key().kind()).decrementAndGet();
            if (s.peer() != null) {
                perPeer.release(s.peer());
            }
        }
    }

    public int size() {
        return sessions.size();
    }

    /** Number of sessions of each kind. */
    public Map<SessionKind, Integer> countsByKind() {
        Map<SessionKind, Integer> out = new EnumMap<>(SessionKind.class);
        byKind.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * Up to {@code limit} sessions of {@code kind} (key id and peer), for the admin endpoint's read-only
     * view; a weakly consistent snapshot, no locks.
     */
    public List<Map<String, String>> list(SessionKind kind, int limit) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (out.size() >= limit) {
                break;
            }
            if (s.key().kind() == kind) {
                out.add(s.peer() == null ? Map.of("id", s.key().id()) : Map.of("id", s.key().id(), "peer", s.peer()));
            }
        }
        return out;
    }

    /** New limits (reload) for sessions created from now on; sessions held are never closed for it. */
    public void limits(int newMaxSessions, int newMaxPerPeer) {
        maxSessions = newMaxSessions;
        maxPerPeer = newMaxPerPeer;
        perPeer.max(newMaxPerPeer);
    }

    /** Closes every session (at shutdown). */
    public void closeAll() {
        sessions.values().forEach(Session::close);
    }
}
