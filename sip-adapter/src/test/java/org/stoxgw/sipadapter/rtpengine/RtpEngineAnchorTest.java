package org.stoxgw.sipadapter.rtpengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.config.HostPort;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.rtpengine.RtpEngineProcess;

/**
 * Media anchoring against a real rtpengine (userspace, loopback): the SDP a WebRTC-style XMPP
 * client offers comes out as plain RTP/AVP for a SIP phone and the phone's answer comes back as
 * ICE + DTLS-SRTP; the reverse for a call from the phone; RTP really flows through it; and when it
 * dies, the calls it carried are reported lost, new ones are refused at once, and it works again
 * once it is back.
 */
class RtpEngineAnchorTest {
    static final Path WORK = Path.of("target", "rtpengine");
    static final String FP = "sha-256 " + String.join(":", java.util.Collections.nCopies(32, "AB"));
    /** What a WebRTC stack (werift, a browser) offers: c=0.0.0.0 port 9, the address is in the candidate. */
    static final String WEBRTC_OFFER = String.join("\r\n",
            "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 126", "c=IN IP4 0.0.0.0", "a=mid:0", "a=rtcp-mux",
            "a=ice-ufrag:8hhy", "a=ice-pwd:asd88fgpdd777uzjYhagZg", "a=fingerprint:" + FP, "a=setup:actpass",
            "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:126 telephone-event/8000",
            "a=candidate:1 1 udp 2130706431 %IP% 40000 typ host", "a=sendrecv", "");
    static final String PHONE = String.join("\r\n",
            "v=0", "o=bob 2890844527 2890844527 IN IP4 %IP%", "s=-", "c=IN IP4 %IP%", "t=0 0",
            "m=audio %PORT% RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15", "a=sendrecv", "");

    static RtpEngineProcess rtpengine;
    static EventLoopGroup group;
    static String ip;

    @BeforeAll
    static void start() {
        ip = TestNet.address(60);
        rtpengine = RtpEngineProcess.start(WORK, ip);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        if (rtpengine != null) {
            rtpengine.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static RtpEngineSettings settings(Duration ping) {
        return new RtpEngineSettings(Optional.of(HostPort.parse(rtpengine.ngAddress(), 2223)), List.of("*"), List.of("direct.example"),
                Duration.ofMillis(200), 1, ping, List.of("PCMU", "PCMA"), List.of("opus"), 1000);
    }

    static RtpEngineAnchor anchor(Duration ping) throws Exception {
        RtpEngineAnchor a = new RtpEngineAnchor(settings(ping), group.next());
        a.start();
        assertTrue(Eventually.holds(a::available, Duration.ofSeconds(10)), () -> "rtpengine not available: " + rtpengine.tail(20));
        return a;
    }

    static <T> T get(CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String phone(int port) {
        return PHONE.replace("%IP%", ip).replace("%PORT%", Integer.toString(port));
    }

    static int port(String sdp) {
        Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(sdp);
        assertTrue(m.find(), sdp);
        return Integer.parseInt(m.group(1));
    }

    @Test
    @DisplayName("AMB-V10, MEDIA-36: a WebRTC offer (ICE, DTLS-SRTP, SAVPF, rtcp-mux, Opus) reaches the phone as plain RTP/AVP "
            + "with G.711 added; the phone's PCMU answer reaches the client as Opus (transcoded) with ICE, a fingerprint, setup "
            + "and BUNDLE")
    void xmppCallsPhone() throws Exception {
        try (RtpEngineAnchor a = anchor(Duration.ofSeconds(2))) {
            String toSip = get(a.offer("j2s-1", "xmpp-tag", WEBRTC_OFFER.replace("%IP%", ip), MediaAnchor.Side.SIP));
            assertTrue(toSip.contains(" RTP/AVP "), toSip);
            assertFalse(toSip.contains("a=ice-") || toSip.contains("a=candidate") || toSip.contains("a=fingerprint")
                    || toSip.contains("a=crypto") || toSip.contains("a=rtcp-mux"), toSip);
            assertTrue(toSip.contains("c=IN IP4 " + ip), "rtpengine's address, not 0.0.0.0 (AMB-V06): " + toSip);
            assertTrue(toSip.contains("a=sendrecv") && toSip.contains("a=rtpmap:0 PCMU/8000"), toSip);
            assertTrue(toSip.contains("opus/48000/2"), "the client's codec stays offered: " + toSip);

            String toXmpp = get(a.answer("j2s-1", "xmpp-tag", "sip-tag", phone(42000), MediaAnchor.Side.XMPP));
            // the phone chose the PCMU rtpengine added; the client keeps its Opus, rtpengine transcodes
            assertTrue(toXmpp.contains(" UDP/TLS/RTP/SAVPF 111"), toXmpp);
            assertTrue(toXmpp.contains("a=ice-ufrag:") && toXmpp.contains("a=ice-pwd:") && toXmpp.contains("typ host"), toXmpp);
            assertFalse(toXmpp.contains("a=rtcp:"), "RTCP is muxed; werift cannot parse the short a=rtcp: " + toXmpp);
            assertTrue(toXmpp.contains("a=fingerprint:sha-256 ") && toXmpp.contains("a=setup:active"), toXmpp);
            assertTrue(toXmpp.contains("a=rtcp-mux") && toXmpp.contains("a=group:BUNDLE 0") && toXmpp.contains("a=mid:0"), toXmpp);
            assertEquals(1, a.calls());
            get(a.delete("j2s-1"));
            get(a.delete("j2s-1")); // idempotent
            assertEquals(0, a.calls());
        }
    }

    @Test
    @DisplayName("AMB-V10, DTLS-01, ICE-01: a phone's RTP/AVP offer reaches the client as UDP/TLS/RTP/SAVPF with ICE, "
            + "actpass, rtcp-mux, a mid and BUNDLE, Opus added; the client's answer reaches the phone as plain RTP/AVP")
    void phoneCallsXmpp() throws Exception {
        try (RtpEngineAnchor a = anchor(Duration.ofSeconds(2))) {
            String toXmpp = get(a.offer("s2j-1", "sip-tag", phone(42002), MediaAnchor.Side.XMPP));
            assertTrue(toXmpp.contains(" UDP/TLS/RTP/SAVPF 0 "), "the phone's PCMU stays first: " + toXmpp);
            assertTrue(toXmpp.contains("a=ice-ufrag:") && toXmpp.contains("a=candidate:") && toXmpp.contains("a=setup:actpass")
                    && toXmpp.contains("a=fingerprint:sha-256 "), toXmpp);
            assertTrue(toXmpp.contains("a=rtcp-mux") && toXmpp.contains("a=mid:") && toXmpp.contains("a=group:BUNDLE "), toXmpp);
            assertTrue(toXmpp.contains("opus/48000"), "Opus added for the client (transcoded if chosen): " + toXmpp);
            assertFalse(toXmpp.contains("a=crypto"), "DTLS-SRTP only, no SDES: " + toXmpp);

            String answer = WEBRTC_OFFER.replace("%IP%", ip).replace("a=setup:actpass", "a=setup:active")
                    .replace("SAVPF 111 126", "SAVPF 0 101").replace("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1",
                            "a=rtpmap:0 PCMU/8000").replace("a=rtpmap:126 telephone-event/8000", "a=rtpmap:101 telephone-event/8000")
                    .replace("a=mid:0", "a=mid:" + mid(toXmpp)).replace("a=group:BUNDLE 0", "a=group:BUNDLE " + mid(toXmpp));
            String toSip = get(a.answer("s2j-1", "sip-tag", "xmpp-tag", answer, MediaAnchor.Side.SIP));
            assertTrue(toSip.contains(" RTP/AVP 0"), toSip);
            assertFalse(toSip.contains("a=ice-") || toSip.contains("a=fingerprint") || toSip.contains("a=setup"), toSip);
            get(a.delete("s2j-1"));
        }
    }

    static String mid(String sdp) {
        Matcher m = Pattern.compile("(?m)^a=mid:(\\S+)").matcher(sdp);
        assertTrue(m.find(), sdp);
        return m.group(1);
    }

    @Test
    @DisplayName("MEDIA-01 (anchored variant): RTP sent to rtpengine's ports arrives at the other party, both ways, and "
            + "rtpengine counts it per party")
    void rtpFlows() throws Exception {
        try (RtpEngineAnchor a = anchor(Duration.ofSeconds(2));
             DatagramSocket caller = new DatagramSocket(new InetSocketAddress(ip, 0));
             DatagramSocket callee = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            caller.setSoTimeout(2000);
            callee.setSoTimeout(2000);
            // both parties plain RTP here (no DTLS stack in the JVM); the real WebRTC peer is the Node test client
            int toCallee = port(get(a.offer("rtp-1", "caller", phone(caller.getLocalPort()), MediaAnchor.Side.SIP)));
            int toCaller = port(get(a.answer("rtp-1", "caller", "callee", phone(callee.getLocalPort()), MediaAnchor.Side.SIP)));
            int n = 20;
            int atCallee = 0;
            int atCaller = 0;
            for (int i = 0; i < n; i++) {
                caller.send(rtp(i, 0x1111, toCaller, ip));
                callee.send(rtp(i, 0x2222, toCallee, ip));
                atCallee += receive(callee, 0x1111);
                atCaller += receive(caller, 0x2222);
            }
            assertTrue(atCallee >= n - 2 && atCaller >= n - 2, "received " + atCallee + " and " + atCaller + " of " + n);
            Map<String, Long> counted = get(a.packetsReceived("rtp-1"));
            assertTrue(counted.get("caller") >= n - 2 && counted.get("callee") >= n - 2, counted.toString());
            get(a.delete("rtp-1"));
        }
    }

    /** An RTP packet (RFC 3550 §5.1): version 2, PCMU, 20 ms of silence. */
    static DatagramPacket rtp(int seq, int ssrc, int port, String host) {
        byte[] b = new byte[12 + 160];
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        int ts = seq * 160;
        b[4] = (byte) (ts >> 24);
        b[5] = (byte) (ts >> 16);
        b[6] = (byte) (ts >> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >> 24);
        b[9] = (byte) (ssrc >> 16);
        b[10] = (byte) (ssrc >> 8);
        b[11] = (byte) ssrc;
        java.util.Arrays.fill(b, 12, b.length, (byte) 0xFF);
        return new DatagramPacket(b, b.length, new InetSocketAddress(host, port));
    }

    /** 1 when an RTP packet from {@code ssrc} arrives within the socket timeout. */
    static int receive(DatagramSocket s, int ssrc) throws Exception {
        byte[] b = new byte[2048];
        DatagramPacket p = new DatagramPacket(b, b.length);
        try {
            s.receive(p);
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        }
        int got = (b[8] & 0xFF) << 24 | (b[9] & 0xFF) << 16 | (b[10] & 0xFF) << 8 | b[11] & 0xFF;
        return p.getLength() >= 12 && (b[0] & 0xC0) == 0x80 && got == ssrc ? 1 : 0;
    }

    @Test
    @DisplayName("rtpengine killed: its calls are reported lost, new calls are refused at once with a clear reason, and "
            + "once it is back calls are anchored again without a restart")
    void killedAndBack() throws Exception {
        try (RtpEngineAnchor a = anchor(Duration.ofMillis(200))) {
            List<Set<String>> lost = new CopyOnWriteArrayList<>();
            a.onLost(lost::add);
            get(a.offer("kill-1", "caller", phone(42010), MediaAnchor.Side.SIP));
            rtpengine.kill();
            assertTrue(Eventually.holds(() -> !lost.isEmpty(), Duration.ofSeconds(10)), () -> "no loss reported; state " + a.state());
            assertEquals(List.of(Set.of("kill-1")), lost);
            assertFalse(a.available());
            assertEquals("DOWN", a.bean().getState());
            try {
                get(a.offer("kill-2", "caller", phone(42012), MediaAnchor.Side.SIP));
                throw new AssertionError("an offer while rtpengine is down must fail");
            } catch (ExecutionException e) {
                NgException ng = assertInstanceOf(NgException.class, e.getCause());
                assertEquals(NgException.Kind.UNAVAILABLE, ng.kind());
                assertTrue(ng.getMessage().contains("down"), ng.getMessage());
            }
            assertEquals(1, a.bean().getRefusedWhileDown());
            rtpengine.restart();
            assertTrue(Eventually.holds(a::available, Duration.ofSeconds(10)), () -> "not back: " + a.state());
            String sdp = get(a.offer("kill-3", "caller", phone(42014), MediaAnchor.Side.SIP));
            assertTrue(sdp.contains("RTP/AVP"), sdp);
            get(a.delete("kill-3"));
        }
    }

    @Test
    @DisplayName("which calls are anchored: all once an address is set, except peers or domains listed as direct; none without one")
    void anchorsWhom() {
        RtpEngineSettings s = settings(Duration.ofSeconds(1));
        assertTrue(s.anchors("loopback", "sip.example"));
        assertFalse(s.anchors("loopback", "direct.example"));
        assertFalse(new RtpEngineSettings(Optional.empty(), List.of("*"), List.of(), Duration.ofSeconds(1), 1, Duration.ofSeconds(1),
                List.of(), List.of(), 10).anchors("loopback", "sip.example"));
        RtpEngineSettings some = new RtpEngineSettings(s.address(), List.of("pbx", "*.phones.example"), List.of(), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(1), List.of(), List.of(), 10);
        assertTrue(some.anchors("PBX", "other.example"));
        assertTrue(some.anchors(null, "desk.phones.example"));
        assertFalse(some.anchors("trunk", "other.example"));
    }
}
