package org.stoxgw.sipadapter.rtpengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ng client against a scripted UDP responder in the test JVM (a contract test of the wire
 * format; the real rtpengine is in {@link RtpEngineAnchorTest}): cookies, retransmission with the
 * same cookie, error replies, replies that cannot be read, and no reply at all.
 */
class NgClientTest {
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final List<String> seen = new CopyOnWriteArrayList<>();
    DatagramSocket server;
    Thread serverThread;
    NgClient client;

    /** A responder that records every datagram and answers with {@code reply(datagram)} (null = silence). */
    NgClient start(Function<String, String> reply) throws Exception {
        server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        serverThread = new Thread(() -> {
            byte[] b = new byte[65536];
            while (!server.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(b, b.length);
                    server.receive(p);
                    String in = new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
                    seen.add(in);
                    String out = reply.apply(in);
                    if (out != null) {
                        byte[] o = out.getBytes(StandardCharsets.UTF_8);
                        server.send(new DatagramPacket(o, o.length, p.getSocketAddress()));
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "ng-responder");
        serverThread.start();
        client = new NgClient((InetSocketAddress) server.getLocalSocketAddress(), group.next(), Duration.ofMillis(150), 2, 100);
        client.start();
        return client;
    }

    static String cookie(String datagram) {
        return datagram.substring(0, datagram.indexOf(' '));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static Throwable failure(java.util.concurrent.CompletionStage<?> s) throws Exception {
        try {
            s.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    @DisplayName("a command is '<cookie> <bencoded dictionary>' and the reply with that cookie completes it")
    void roundTrip() throws Exception {
        start(in -> cookie(in) + " d6:result4:ponge");
        Map<String, Object> r = client.command(Map.of("command", "ping")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("pong", r.get("result"));
        assertTrue(seen.get(0).endsWith(" d7:command4:pinge"), seen.toString());
        client.command(Map.of("command", "ping")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(!cookie(seen.get(0)).equals(cookie(seen.get(1))), "every command has its own cookie: " + seen);
    }

    @Test
    @DisplayName("a lost command is sent again with the same cookie (rtpengine then answers it once), and the reply completes it")
    void retransmission() throws Exception {
        start(in -> seen.size() < 2 ? null : cookie(in) + " d6:result2:oke");
        Map<String, Object> r = client.command(Map.of("command", "offer", "sdp", "v=0")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("ok", r.get("result"));
        assertEquals(2, seen.size(), seen.toString());
        assertEquals(seen.get(0), seen.get(1));
        assertEquals(1, client.retransmissions.sum());
    }

    @Test
    @DisplayName("no reply after every retransmission: UNAVAILABLE, and nothing stays pending")
    void noReply() throws Exception {
        start(in -> null);
        Throwable t = failure(client.command(Map.of("command", "ping")));
        assertEquals(NgException.Kind.UNAVAILABLE, assertInstanceOf(NgException.class, t).kind());
        assertEquals(3, seen.size(), "first send and 2 retries: " + seen);
        assertEquals(0, client.pending());
    }

    @Test
    @DisplayName("result=error: REFUSED with rtpengine's error-reason")
    void errorReply() throws Exception {
        start(in -> cookie(in) + " d6:result5:error12:error-reason18:Call-ID not found.e");
        Throwable t = failure(client.command(Map.of("command", "delete", "call-id", "x")));
        NgException e = assertInstanceOf(NgException.class, t);
        assertEquals(NgException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("Call-ID not found"), e.getMessage());
    }

    @Test
    @DisplayName("a reply that is not bencode: BAD_REPLY; a reply with another cookie is ignored")
    void badReplies() throws Exception {
        start(in -> in.contains("query") ? "someone-else d6:result2:oke" : cookie(in) + " not bencode");
        Throwable t = failure(client.command(Map.of("command", "offer")));
        assertEquals(NgException.Kind.BAD_REPLY, assertInstanceOf(NgException.class, t).kind());
        Throwable q = failure(client.command(Map.of("command", "query")));
        assertEquals(NgException.Kind.UNAVAILABLE, assertInstanceOf(NgException.class, q).kind());
    }

    @Test
    @DisplayName("nobody listening (ICMP port unreachable): the command fails UNAVAILABLE after its retries")
    void nobodyListening() throws Exception {
        start(in -> null);
        server.close();
        Throwable t = failure(client.command(Map.of("command", "ping")));
        assertEquals(NgException.Kind.UNAVAILABLE, assertInstanceOf(NgException.class, t).kind());
    }
}
