package org.stoxgw.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** gateway.core.max-sessions and max-sessions-per-peer (issue 9). */
class SessionTableLimitsTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    static final class Plain extends Session {
        Plain(SessionContext c) {
            super(c);
        }
    }

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static SessionKey key(int n) {
        return new SessionKey(SessionKind.MESSAGE, "m" + n);
    }

    private static void awaitCount(SessionTable t, String peer, int n) throws InterruptedException {
        for (int i = 0; i < 500 && t.sessionsOf(peer) != n; i++) {
            Thread.sleep(10); // close() runs on the session's loop
        }
        assertEquals(n, t.sessionsOf(peer));
    }

    @Test
    @DisplayName("max-sessions-per-peer: a peer at its share is refused with a reason naming the key; other peers and "
            + "existing sessions are not affected; a closed session frees its place")
    void perPeer() throws Exception {
        SessionTable t = new SessionTable(loops, 10, 2);
        Plain a1 = t.getOrCreate(key(1), "sip:192.0.2.1", Plain::new).orElseThrow();
        t.getOrCreate(key(2), "sip:192.0.2.1", Plain::new).orElseThrow();
        assertTrue(t.getOrCreate(key(3), "sip:192.0.2.1", Plain::new).isEmpty());
        assertEquals("2 sessions for sip:192.0.2.1 (gateway.core.max-sessions-per-peer)", t.refusal("sip:192.0.2.1"));
        assertSame(a1, t.getOrCreate(key(1), "sip:192.0.2.1", Plain::new).orElseThrow(), "an existing session is found");
        assertTrue(t.getOrCreate(key(4), "xmpp:remote.example", Plain::new).isPresent(), "another peer is served");
        assertNull(t.refusal("xmpp:remote.example"));
        assertEquals(3, t.size());
        a1.close();
        awaitCount(t, "sip:192.0.2.1", 1);
        assertTrue(t.getOrCreate(key(5), "sip:192.0.2.1", Plain::new).isPresent());
    }

    @Test
    @DisplayName("max-sessions: a full table refuses every peer, naming gateway.core.max-sessions")
    void total() {
        SessionTable t = new SessionTable(loops, 2, 2);
        t.getOrCreate(key(1), "a", Plain::new).orElseThrow();
        t.getOrCreate(key(2), null, Plain::new).orElseThrow();
        assertTrue(t.getOrCreate(key(3), "b", Plain::new).isEmpty());
        assertEquals("2 sessions in the gateway (gateway.core.max-sessions)", t.refusal("b"));
        assertEquals(0, t.sessionsOf("b"), "a refused session holds no place");
    }

    @Test
    @DisplayName("a factory that fails gives the place back")
    void failingFactory() {
        SessionTable t = new SessionTable(loops, 10, 1);
        assertThrows(IllegalStateException.class, () -> t.getOrCreate(key(1), "p", c -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, t.sessionsOf("p"));
        assertTrue(t.getOrCreate(key(1), "p", Plain::new).isPresent());
    }
}
