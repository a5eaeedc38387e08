package org.stoxgw.sipadapter.msrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.mapping.sip.MsrpUri;
import org.stoxgw.testfixtures.msrp.MsrpTestPeer;
import org.stoxgw.testfixtures.msrp.MsrpWireFrame;
import org.stoxgw.testfixtures.peers.kamailio.KamailioMsrpRelay;

/**
 * The gateway's MSRP endpoint through a real RFC 4976 relay, Kamailio's msrp module: digest AUTH
 * with the configured credentials, the Use-Path in the advertised path and To-Path, messages both
 * ways between the gateway and the independent test peer, intact.
 */
class MsrpKamailioRelayTest {
    static final Duration T = Duration.ofSeconds(10);
    static final String REALM = "relay.stoxgw.test";
    static final String PASSWORD = "relay-secret-42";

    private EventLoopGroup group;
    private KamailioMsrpRelay relay;
    private MsrpEndpoint endpoint;
    private MsrpTestPeer peer;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        relay = KamailioMsrpRelay.start(Path.of("target"), REALM, PASSWORD);
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        peer = new MsrpTestPeer();
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private MsrpSettings.Relay credentials(String password) {
        return new MsrpSettings.Relay(MsrpUri.parse(relay.uri()).orElseThrow(), "gateway", password, Duration.ZERO);
    }

    @Test
    @DisplayName("MSRP-19, RFC 4976: AUTH with digest gives a Use-Path; messages (non-ASCII, 64 KiB) cross the Kamailio relay both ways intact")
    void bothWaysThroughKamailio() throws Exception {
        endpoint = new MsrpEndpoint(MsrpSettings.loopback().withRelay(credentials(PASSWORD)), group, null).start();
        MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
        MsrpPath advertised = s.localPath();
        assertEquals(2, advertised.uris().size(), "a=path: the relay's Use-Path, then the gateway");
        assertEquals(relay.port(), advertised.first().effectivePort());
        assertEquals(s.ownUri(), advertised.last());
        MsrpMedia peerMedia = new MsrpMedia(MsrpPath.parse(peer.uri()).orElseThrow(), List.of("text/plain"), List.of(), -1,
                MsrpMedia.Setup.NONE);
        // The gateway answers (passive); the SIP user's side sends first, to the relay.
        s.start(peerMedia, false);
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", relay.port());
        String text = "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich ✓ 😀";
        c.send(advertised.toString(), peer.uri(), List.of("Message-ID: k1", "Byte-Range: 1-*/*"), "text/plain",
                text.getBytes(StandardCharsets.UTF_8), '$');
        RecordingListener.Message m = listener.messages.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "the relay delivered the SEND; log:\n" + relay.process().tail(30));
        assertEquals(text, m.text());
        byte[] big = ("€".repeat(21_845) + "x").getBytes(StandardCharsets.UTF_8);
        assertEquals(65_536, big.length);
        // In 4 KiB chunks, as MSRP clients chunk: Kamailio 5.6 drops a 16 KiB frame (TCP read buffer overrun).
        for (int off = 0; off < big.length; off += 4096) {
            c.send(advertised.toString(), peer.uri(), List.of("Message-ID: k2", "Byte-Range: " + (off + 1) + "-" + (off + 4096)
                    + "/65536"), "text/plain", java.util.Arrays.copyOfRange(big, off, off + 4096), off + 4096 == big.length ? '$' : '+');
        }
        assertArrayEquals(big, listener.messages.poll(10, TimeUnit.SECONDS).content());

        // Gateway → peer, through the relay: To-Path = Use-Path + the peer's path.
        SendOutcome out = s.send("text/plain", big, false).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertTrue(out.ok(), out.toString());
        byte[] got = new byte[big.length];
        int filled = 0;
        while (filled < big.length) {
            MsrpTestPeer.Received r = peer.nextRequest(T);
            assertNotNull(r, "chunks relayed to the peer; log:\n" + relay.process().tail(30));
            MsrpWireFrame f = r.frame();
            if (!"SEND".equals(f.method()) || f.body() == null) {
                continue;
            }
            String[] br = f.header("Byte-Range").split("[-/]");
            System.arraycopy(f.body(), 0, got, Integer.parseInt(br[0]) - 1, f.body().length);
            filled += f.body().length;
            assertTrue(f.header("From-Path").endsWith(s.ownUri().toString()), f.header("From-Path"));
        }
        assertArrayEquals(big, got);
    }

    @Test
    @DisplayName("RFC 4976 §5: a wrong relay password fails the endpoint's start with the relay's answer, not silently")
    void wrongPassword() {
        MsrpEndpoint e = new MsrpEndpoint(MsrpSettings.loopback().withRelay(credentials("wrong")), group, null);
        IllegalStateException ex = assertThrows(IllegalStateException.class, e::start);
        assertTrue(ex.getMessage().contains(relay.uri().replace(";tcp", "")), ex.getMessage());
    }
}
