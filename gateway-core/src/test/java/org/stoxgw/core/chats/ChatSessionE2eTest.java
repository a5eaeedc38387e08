package org.stoxgw.core.chats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.msrp.MsrpTestPeer;
import org.stoxgw.testfixtures.msrp.MsrpWireFrame;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.kamailio.KamailioMsrpRelay;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * End to end (RFC 7573): juliet on a real Prosody chats with romeo on the SIP side; SIPp answers the
 * gateway's INVITE with an MSRP answer whose path is the independent MSRP test peer, which is romeo's
 * chat client. Messages both ways arrive intact and in order; gone ends the session with BYE.
 */
class ChatSessionE2eTest {
    static final String SIPP_IP = TestNet.address(12);
    static final int EACH_WAY = 100;

    final Path work = Path.of("target", "e2e", "chat-session").toAbsolutePath();

    static String text(int i) {
        if (i % 25 == 7) {
            return "groß-" + i + "-" + "✓€ü".repeat(64 * 1024 / 8); // about 64 KiB of non-ASCII UTF-8
        }
        return "message " + i + " — Zwölf Boxkämpfer ✓";
    }

    @Test
    @DisplayName("CHAT-04, CHAT-06, CHAT-07, CHAT-10, CHAT-17, CHAT-24, CHAT-28: XMPP user ↔ SIP user over MSRP through Prosody, 100 messages each way in order, gone ends it with BYE")
    void chatThroughProsody() throws Exception {
        chat(null, 256 * 1024);
    }

    @Test
    @DisplayName("RFC 4976, MSRP-19: the same chat through Kamailio's msrp relay (digest AUTH from gateway.msrp.relay)")
    void chatThroughProsodyAndKamailio() throws Exception {
        try (KamailioMsrpRelay relay = KamailioMsrpRelay.start(work, "relay.test", "relay-pw")) {
            chat(relay, 4096); // Kamailio 5.6 drops frames much above 4 KiB: romeo chunks like an MSRP client
        }
    }

    void chat(KamailioMsrpRelay relay, int romeoChunk) throws Exception {
        Peers.require("sipp", "sip-tester");
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        String relayConf = relay == null ? "" : "\ngateway.msrp.relay { uri = \"" + relay.uri()
                + "\", username = gw, password = relay-pw }";
        try (MsrpTestPeer romeo = new MsrpTestPeer();
             Federation world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + sippPort)
                     .hocon("gateway.chat.mode = session\ngateway.chat.max-queued = 128\ngateway.msrp.bind = \"127.0.0.1\"\ngateway.msrp.port = 0\n"
                             + "gateway.msrp.max-message-size = 256k\ngateway.msrp.max-chunk-body = 256k" + relayConf), "juliet");
             Sipp callee = Sipp.scenario("uas-invite-msrp", work).local(SIPP_IP, sippPort).transport("udp")
                     .key("msrp_port", Integer.toString(romeo.port())).key("msrp_path", romeo.uri()).calls(1, 1).start()) {
            ScriptedXmppClient juliet = world.login("juliet", true);
            world.warmUp(juliet);
            String romeoJid = "romeo@" + GatewayUnderTest.SIP_DOMAIN;
            for (int i = 0; i < EACH_WAY; i++) {
                juliet.message(romeoJid).id("x" + i).type("chat").thread("t-e2e-1").body(text(i)).send();
            }
            List<String> got = new ArrayList<>();
            java.util.Map<String, java.io.ByteArrayOutputStream> partial = new java.util.HashMap<>();
            String gatewayPath = null;
            while (got.size() < EACH_WAY) {
                MsrpTestPeer.Received r = romeo.nextRequest(Duration.ofSeconds(60));
                assertNotNull(r, "SENDs reached romeo's MSRP client (" + got.size() + " so far); SIPp:\n" + callee.scenarioLog());
                MsrpWireFrame f = r.frame();
                if (f.body() == null) {
                    continue; // the bind SEND (AMB-C10)
                }
                // To-Path for romeo's replies: through the relay when there is one (its From-Path names it)
                gatewayPath = relay == null ? f.header("From-Path") : gatewayAdvertised(callee);
                java.io.ByteArrayOutputStream b = partial.computeIfAbsent(f.header("Message-ID"), k -> new java.io.ByteArrayOutputStream());
                b.writeBytes(f.body()); // chunks come in Byte-Range order (MSRP-05)
                if (f.flag() == '$') {
                    got.add(b.toString(StandardCharsets.UTF_8));
                    partial.remove(f.header("Message-ID"));
                }
            }
            for (int i = 0; i < EACH_WAY; i++) {
                assertEquals(text(i), got.get(i), "message " + i + " intact and in order");
            }
            MsrpTestPeer.Conn c = romeo.connections().get(0);
            for (int i = 0; i < EACH_WAY; i++) {
                byte[] body = ("reply " + text(i)).getBytes(StandardCharsets.UTF_8);
                for (int off = 0; off < body.length; off += romeoChunk) {
                    int end = Math.min(body.length, off + romeoChunk);
                    c.send(gatewayPath, romeo.uri(), List.of("Message-ID: s" + i, "Byte-Range: " + (off + 1) + "-" + end + "/"
                            + body.length), "text/plain", java.util.Arrays.copyOfRange(body, off, end), end == body.length ? '$' : '+');
                }
            }
            for (int i = 0; i < EACH_WAY; i++) {
                ScriptedXmppClient.Received m = juliet.awaitMessage(x -> x.body() != null && x.body().startsWith("reply "),
                        Duration.ofSeconds(60));
                assertEquals("reply " + text(i), m.body(), "S2X message " + i);
                assertEquals("chat", m.type());
            }
            juliet.message(romeoJid).type("chat").thread("t-e2e-1").chatState("gone").send();
            assertEquals(0, callee.awaitExit(Duration.ofSeconds(60)), "SIPp got the BYE: " + callee.scenarioLog());
        }
    }

    /** The gateway's a=path from the INVITE, as SIPp logged it (relay's Use-Path, then the gateway). */
    static String gatewayAdvertised(Sipp callee) {
        for (String line : callee.scenarioLog()) {
            int at = line.indexOf("a=path:");
            if (at >= 0) {
                String v = line.substring(at + 7);
                return (v.indexOf(']') >= 0 ? v.substring(0, v.indexOf(']')) : v).trim();
            }
        }
        throw new AssertionError("no a=path in SIPp's log: " + callee.scenarioLog());
    }

    @Test
    @DisplayName("AMB-C01, CHAT-05: session-then-message: a SIP user who refuses MSRP (488) still gets the messages as SIP MESSAGEs, in order")
    void refusedMsrpFallsBackToMessage() throws Exception {
        Peers.require("sipp", "sip-tester");
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (Federation world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + sippPort)
                     .hocon("gateway.chat.mode = session-then-message\ngateway.msrp.bind = \"127.0.0.1\"\ngateway.msrp.port = 0"),
                "juliet");
             Sipp callee = Sipp.scenario("uas-invite-488-message", work).local(SIPP_IP, sippPort).transport("udp").calls(1, 1)
                     .start()) {
            ScriptedXmppClient juliet = world.login("juliet", true);
            world.warmUp(juliet);
            for (int i = 0; i < 3; i++) {
                juliet.message("romeo@" + GatewayUnderTest.SIP_DOMAIN).id("f" + i).type("chat").thread("t-488").body("page " + i).send();
            }
            assertEquals(0, callee.awaitExit(Duration.ofSeconds(60)), "SIPp: 488, then three MESSAGEs: " + callee.scenarioLog());
            List<String> bodies = callee.scenarioLog().stream().filter(l -> l.contains("MESSAGE-BODY")).toList();
            assertEquals(3, bodies.size(), bodies.toString());
            for (int i = 0; i < 3; i++) {
                assertTrue(bodies.get(i).contains("page " + i), bodies.toString());
            }
        }
    }

    @Test
    @DisplayName("CHAT-11, CHAT-13, CHAT-09/18, C5/C6/C10: a SIP user opens the chat (INVITE with MSRP); the gateway answers, romeo's SEND reaches juliet, his BYE gives her gone")
    void sipUserStartsAndHangsUp() throws Exception {
        Peers.require("sipp", "sip-tester");
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (MsrpTestPeer romeo = new MsrpTestPeer();
             Federation world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + sippPort)
                     .hocon("gateway.chat.mode = session\ngateway.msrp.bind = \"127.0.0.1\"\ngateway.msrp.port = 0"), "juliet")) {
            ScriptedXmppClient juliet = world.login("juliet", true);
            world.warmUp(juliet);
            GatewayUnderTest gw = world.gateway();
            try (Sipp caller = Sipp.scenario("uac-invite-msrp", work).local(SIPP_IP, sippPort).remote(gw.ip(), gw.sipPort())
                    .transport("udp").service("juliet").key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                    .key("from_domain", GatewayUnderTest.SIP_DOMAIN).key("msrp_port", Integer.toString(romeo.port()))
                    .key("msrp_path", romeo.uri()).arg("-d", "4000").calls(1, 1).start()) {
                String answerPath = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (answerPath == null && System.nanoTime() < deadline) {
                    for (String l : caller.scenarioLog()) {
                        int at = l.indexOf("MSRP-ANSWER a=path:");
                        if (at >= 0) {
                            answerPath = l.substring(at + 19).replace("]", "").trim();
                        }
                    }
                    Thread.sleep(50);
                }
                assertNotNull(answerPath, "the gateway answered with an MSRP path: " + caller.scenarioLog());
                String first = answerPath.split(" ")[0];
                String hostPort = first.substring(first.indexOf("//") + 2, first.indexOf('/', first.indexOf("//") + 2));
                MsrpTestPeer.Conn c = romeo.connect(hostPort.substring(0, hostPort.lastIndexOf(':')),
                        Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))); // MSRP-16: the offerer connects
                c.send(answerPath, romeo.uri(), List.of("Message-ID: r1", "Byte-Range: 1-*/*"), "text/plain",
                        "I take thee at thy word ✓".getBytes(StandardCharsets.UTF_8), '$');
                ScriptedXmppClient.Received m = juliet.awaitMessage(x -> x.body() != null, Duration.ofSeconds(30));
                assertEquals("I take thee at thy word ✓", m.body());
                assertEquals("chat", m.type());
                assertNotNull(m.thread(), "CHAT-07: the thread is the Call-ID");
                ScriptedXmppClient.Received gone = juliet.awaitMessage(x -> "gone".equals(x.chatState()), Duration.ofSeconds(30));
                assertEquals(m.thread(), gone.thread());
                assertEquals(0, caller.awaitExit(Duration.ofSeconds(30)), "the BYE was answered 200: " + caller.scenarioLog());
            }
        }
    }
}
