package org.stoxgw.core.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Key to session, shared by all event loops. A session is created once per key and pinned to one
 * loop of the group, chosen at creation (the creating thread's own loop if it is one of the group's,
 * else round robin), which then runs all of its events.
 *
 * <p>Thread-safe. Limits: the table refuses new sessions beyond {@code maxSessions}
 * ({@link #getOrCreate} returns empty), so overload cannot exhaust memory.
 */
public final class SessionTable {
    private final ConcurrentHashMap<SessionKey, Session> sessions = new ConcurrentHashMap<>();
    private final EventLoopGroup loops;
    private final int maxSessions;
    private final Map<SessionKind, AtomicInteger> byKind = new EnumMap<>(SessionKind.class);

    public SessionTable(EventLoopGroup loops, int maxSessions) {
        this.loops = loops;
        this.maxSessions = maxSessions;
        for (SessionKind k : SessionKind.values()) {
            byKind.put(k, new AtomicInteger());
        }
    }

    /**
     * The session of {@code key}, created with {@code factory} if absent.
     *
     * @return empty when the table is full and the session did not exist
     */
    @SuppressWarnings("unchecked")
    public <S extends Session> Optional<S> getOrCreate(SessionKey key, Function<SessionContext, S> factory) {
        Session existing = sessions.get(key);
        if (existing != null) {
            return Optional.of((S) existing);
        }
        if (sessions.size() >= maxSessions) {
            return Optional.empty();
        }
        Session s = sessions.computeIfAbsent(key, k -> {
            S created = factory.apply(new SessionContext(k, loopFor(), this));
            byKind.get(k.kind()).incrementAndGet();
            return created;
        });
        return Optional.of((S) s);
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

    /** Closes every session (at shutdown). */
    public void closeAll() {
        sessions.values().forEach(Session::close);
    }
}
