package org.stoxgw.sipadapter.msrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.msrp.MsrpTestPeer;
import org.stoxgw.testfixtures.msrp.MsrpWireFrame;

/**
 * The gateway's MSRP endpoint against the independent test peer ({@link MsrpTestPeer}, written
 * from RFC 4975): binding, SEND both ways, chunking, reports, limits, failures.
 */
class MsrpEndpointTest {
    static final Duration T = Duration.ofSeconds(10);

    private EventLoopGroup group;
    private MsrpEndpoint endpoint;
    private MsrpTestPeer peer;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        peer = new MsrpTestPeer();
    }

    private MsrpEndpoint endpoint(MsrpSettings s) throws InterruptedException {
        endpoint = new MsrpEndpoint(s, group, null).start();
        return endpoint;
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        peer.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private MsrpMedia peerMedia(long maxSize) {
        return new MsrpMedia(MsrpPath.parse(peer.uri()).orElseThrow(), List.of("text/plain"), List.of(), maxSize,
                MsrpMedia.Setup.NONE);
    }

    /** An active session bound to the peer: returns it after the binding SEND was answered. */
    private MsrpSession activeSession() throws Exception {
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        s.start(peerMedia(-1), true).toCompletableFuture().get(10, TimeUnit.SECONDS);
        MsrpWireFrame bind = peer.nextRequest(T).frame();
        assertEquals("SEND", bind.method());
        assertNull(bind.body(), "MSRP-16, AMB-C10: the binding SEND is bodiless");
        assertEquals("1-0/0", bind.header("Byte-Range"));
        return s;
    }

    @Test
    @DisplayName("MSRP-16, C2, MSRP-02, CHAT-23: the active side binds with an empty SEND, then a SEND with To-Path first, Byte-Range 1-35/35")
    void activeSendsMessage() throws Exception {
        endpoint(MsrpSettings.loopback().withFailureReport("no"));
        MsrpSession s = activeSession();
        CompletableFuture<SendOutcome> out = s.send("text/plain", "Art thou not Romeo, and a Montague?".getBytes(StandardCharsets.UTF_8), false)
                .toCompletableFuture();
        MsrpWireFrame f = peer.nextRequest(T).frame();
        assertEquals(List.of("To-Path", "From-Path", "Message-ID", "Byte-Range", "Failure-Report", "Content-Type"), f.headerNames());
        assertEquals(peer.uri(), f.header("To-Path"));
        assertEquals(s.ownUri().toString(), f.header("From-Path"));
        assertEquals("1-35/35", f.header("Byte-Range"));
        assertEquals("no", f.header("Failure-Report"));
        assertEquals("Art thou not Romeo, and a Montague?", f.bodyText());
        assertEquals('$', f.flag());
        assertTrue(out.get(10, TimeUnit.SECONDS).ok());
    }

    @Test
    @DisplayName("MSRP-17, CHAT-11, C3, MSRP-08: the passive side is bound by the peer's first SEND; Failure-Report no gets no response")
    void passiveReceives() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        s.start(peerMedia(-1), false);
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", endpoint.port());
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: 6480C096", "Byte-Range: 1-25/25", "Failure-Report: no"),
                "text/plain", "Neither, fair saint, if either thee dislike.".getBytes(StandardCharsets.UTF_8), '$');
        RecordingListener.Message m = listener.messages.poll(10, TimeUnit.SECONDS);
        assertEquals("Neither, fair saint, if either thee dislike.", m.text(), "MSRP-15: length from the payload");
        s.bound().toCompletableFuture().get(1, TimeUnit.SECONDS);
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: second"), "text/plain", "x".getBytes(), '$');
        MsrpTestPeer.Received r = peer.next(T);
        assertEquals(200, r.frame().status(), "only the second SEND (Failure-Report absent = yes, MSRP-07) is answered");
        assertEquals(peer.uri(), r.frame().header("To-Path"), "MSRP-12: To-Path = the request's From-Path");
    }

    @Test
    @DisplayName("C15, CHAT-24: two chunks get two 200s and become one message abcdEFGH")
    void c15() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        s.start(peerMedia(-1), false);
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", endpoint.port());
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: 4564dpWd", "Byte-Range: 1-*/8"), "text/plain", "abcd".getBytes(), '+');
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: 4564dpWd", "Byte-Range: 5-8/8"), "text/plain", "EFGH".getBytes(), '$');
        assertEquals(200, peer.next(T).frame().status());
        assertEquals(200, peer.next(T).frame().status());
        assertEquals("abcdEFGH", listener.messages.poll(10, TimeUnit.SECONDS).text());
        assertNull(listener.messages.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("C14, CHAT-26/27: a first chunk whose total passes max-size gets 413 (To-Path = sender); no message; the next chunk is refused too")
    void c14() throws Exception {
        endpoint(MsrpSettings.loopback().withLimits(8000, 2048, MsrpDecoderLimits.DEFAULT));
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        assertEquals(8000, s.localMedia(MsrpMedia.Setup.NONE).maxSize(), "a=max-size advertised");
        s.start(peerMedia(-1), false);
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", endpoint.port());
        String tid = c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: big", "Byte-Range: 1-2048/50000"), "text/plain",
                new byte[2048], '+');
        MsrpWireFrame r = peer.next(T).frame();
        assertEquals(413, r.status());
        assertEquals(tid, r.tid());
        assertEquals(peer.uri(), r.header("To-Path"));
        assertEquals(s.ownUri().toString(), r.header("From-Path"));
        assertEquals('$', r.flag());
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: big", "Byte-Range: 2049-4096/50000"), "text/plain", new byte[2048], '+');
        assertEquals(413, peer.next(T).frame().status());
        assertNull(listener.messages.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("CHAT-27: a single chunk body over the decoder limit gets 413 while it is still arriving")
    void oversizeChunkAnsweredEarly() throws Exception {
        endpoint(MsrpSettings.loopback().withLimits(8000, 2048, new MsrpDecoderLimits(4096, 32, 8000)));
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        s.start(peerMedia(-1), false);
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", endpoint.port());
        String tid = "ab12cd34ef";
        c.write("MSRP " + tid + " SEND\r\nTo-Path: " + s.ownUri() + "\r\nFrom-Path: " + peer.uri()
                + "\r\nMessage-ID: huge\r\nByte-Range: 1-*/*\r\nContent-Type: text/plain\r\n\r\n" + "y".repeat(9000));
        MsrpWireFrame r = peer.next(T).frame();
        assertEquals(413, r.status(), "answered before the chunk ended, so the sender can interrupt it");
        c.write("\r\n-------" + tid + "#\r\n");
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: after"), "text/plain", "ok".getBytes(), '$');
        assertEquals("ok", listener.messages.poll(10, TimeUnit.SECONDS).text(), "framing continues after the interrupted chunk");
    }

    @Test
    @DisplayName("MSRP-13, MSRP-17, MSRP-14: unknown session 481; a session bound to another connection 506; unknown media type 415")
    void errors() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        s.start(peerMedia(-1), false);
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", endpoint.port());
        String bad = s.ownUri().withSessionId("nosuchsession").toString();
        c.send(bad, peer.uri(), List.of("Message-ID: a"), "text/plain", "x".getBytes(), '$');
        assertEquals(481, peer.next(T).frame().status());
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: b"), "image/png", "x".getBytes(), '$');
        assertEquals(415, peer.next(T).frame().status());
        MsrpTestPeer.Conn other = peer.connect("127.0.0.1", endpoint.port());
        other.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: c"), "text/plain", "x".getBytes(), '$');
        assertEquals(506, peer.next(T).frame().status());
    }

    @Test
    @DisplayName("MSRP-10, MSRP-11, CHAT-21/22: Success-Report yes reaches the owner, report() sends REPORT 000 200; an incoming REPORT is not answered")
    void reports() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = activeSession();
        MsrpTestPeer.Conn c = peer.connections().get(0);
        c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: 6187CF9B", "Success-Report: yes"), "text/plain",
                "What man art thou ...?".getBytes(), '$');
        assertEquals(200, peer.next(T).frame().status());
        RecordingListener.Message m = listener.messages.poll(10, TimeUnit.SECONDS);
        assertTrue(m.successReport());
        s.report(m.messageId(), m.content().length, 200, "OK");
        MsrpWireFrame rep = peer.nextRequest(T).frame();
        assertEquals("REPORT", rep.method());
        assertEquals("6187CF9B", rep.header("Message-ID"));
        assertEquals("1-22/22", rep.header("Byte-Range"));
        assertEquals("000 200 OK", rep.header("Status"));
        assertNull(rep.header("Success-Report"));
        assertNull(rep.header("Failure-Report"));
        c.report(s.ownUri().toString(), peer.uri(), "m-1", 10, "000 200 OK");
        RecordingListener.Report in = listener.reports.poll(10, TimeUnit.SECONDS);
        assertEquals("m-1", in.messageId());
        assertEquals(200, in.status());
        assertNull(peer.next(Duration.ofMillis(300)), "MSRP-11: no response to a REPORT");
    }

    @Test
    @DisplayName("CHAT-24, MSRP-04, MSRP-05, MSRP-06: a 1 MiB message goes out in 2048-octet chunks, each with the same Message-ID and Success-Report, and the peer's bytes match")
    void oneMebibyteOut() throws Exception {
        endpoint(MsrpSettings.loopback().withLimits(2 * 1024 * 1024, 2048, MsrpDecoderLimits.DEFAULT));
        MsrpSession s = activeSession();
        byte[] msg = new byte[1024 * 1024];
        new Random(1).nextBytes(msg);
        CompletableFuture<SendOutcome> out = s.send("application/octet-stream", msg, true).toCompletableFuture();
        java.util.Set<String> ids = new java.util.HashSet<>();
        byte[] got = new byte[msg.length];
        int chunks = 0;
        while (true) {
            MsrpWireFrame f = peer.nextRequest(T).frame();
            String[] br = f.header("Byte-Range").split("[-/]");
            System.arraycopy(f.body(), 0, got, Integer.parseInt(br[0]) - 1, f.body().length);
            ids.add(f.header("Message-ID"));
            assertEquals("yes", f.header("Success-Report"), "MSRP-04: the same Success-Report on every chunk");
            chunks++;
            if (f.flag() == '$') {
                break;
            }
        }
        assertEquals(512, chunks);
        assertEquals(1, ids.size(), "MSRP-04: one Message-ID for all chunks");
        assertArrayEquals(msg, got);
        assertTrue(out.get(20, TimeUnit.SECONDS).ok());
    }

    @Test
    @DisplayName("MSRP-22: a 413 from the peer stops the rest of the message and fails its send")
    void peer413StopsMessage() throws Exception {
        endpoint(MsrpSettings.loopback().withLimits(2 * 1024 * 1024, 2048, MsrpDecoderLimits.DEFAULT));
        MsrpSession s = activeSession();
        peer.autoRespond(true, 413);
        SendOutcome out = s.send("text/plain", new byte[200_000], false).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(413, out.status());
        Thread.sleep(300);
        int seen = peer.frames().size();
        assertTrue(seen < 98, "chunks after the 413 are not sent (saw " + seen + " of 98)");
    }

    @Test
    @DisplayName("MSRP-09, MSRP-23: no response within the timeout fails the send with 408")
    void noResponse() throws Exception {
        endpoint(MsrpSettings.loopback().withTimers(Duration.ofMillis(300), Duration.ZERO));
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        peer.autoRespond(false, 200);
        s.start(peerMedia(-1), true);
        SendOutcome out = s.send("text/plain", "hello".getBytes(), false).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(408, out.status());
    }

    @Test
    @DisplayName("MSRP-18: the connection cut in mid-flow: every message was either answered 200 or failed (delivered + errors = sent)")
    void connectionCut() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = activeSession();
        List<CompletableFuture<SendOutcome>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(s.send("text/plain", ("message " + i).getBytes(), false).toCompletableFuture());
            if (i == 100) {
                peer.connections().get(0).close();
            }
        }
        int ok = 0;
        int failed = 0;
        for (CompletableFuture<SendOutcome> f : sent) {
            SendOutcome o = f.get(10, TimeUnit.SECONDS);
            if (o.ok()) {
                ok++;
            } else {
                failed++;
            }
        }
        assertEquals(200, ok + failed);
        assertTrue(failed > 0);
        assertNotNull(listener.closed.poll(10, TimeUnit.SECONDS), "the owner hears the session ended");
        assertTrue(s.isClosed());
    }

    @Test
    @DisplayName("MSRP-16, RFC 4975 §5.4: a second session to the same peer host and port reuses the connection")
    void connectionReuse() throws Exception {
        endpoint(MsrpSettings.loopback());
        activeSession();
        MsrpSession second = endpoint.newSession(group.next(), listener).orElseThrow();
        second.start(peerMedia(-1), true).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertNotNull(peer.nextRequest(T));
        assertEquals(1, peer.connections().size());
        assertEquals(1, endpoint.stats().connectionsReused.sum());
    }

    @Test
    @DisplayName("Keep-alive: a silent session sends an empty SEND (1-0/0)")
    void keepAlive() throws Exception {
        endpoint(MsrpSettings.loopback().withTimers(Duration.ofSeconds(5), Duration.ofMillis(200)));
        activeSession();
        MsrpWireFrame ka = peer.nextRequest(T).frame();
        assertEquals("SEND", ka.method());
        assertEquals("1-0/0", ka.header("Byte-Range"));
    }

    @Test
    @DisplayName("MSRP-02: garbage on a connection closes it; sessions on it end")
    void garbageCloses() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = activeSession();
        MsrpTestPeer.Conn c = peer.connections().get(0);
        c.write("HELLO THERE\r\n\r\n");
        assertTrue(Eventually.holds(() -> !c.isOpen(), T));
        assertNotNull(listener.closed.poll(10, TimeUnit.SECONDS));
        assertTrue(s.isClosed());
        assertFalse(s.send("text/plain", "x".getBytes(), false).toCompletableFuture().get(5, TimeUnit.SECONDS).ok());
    }

    @Test
    @DisplayName("The peer's a=max-size is honoured: a larger message is not sent and fails with 413")
    void peerMaxSize() throws Exception {
        endpoint(MsrpSettings.loopback());
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        s.start(peerMedia(10), true).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(413, s.send("text/plain", "more than ten".getBytes(), false).toCompletableFuture().get(5, TimeUnit.SECONDS).status());
    }
}
