package org.stoxgw.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.e2e.SippTrace;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.launcher.Gateway;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * {@code stoxgwctl drain} while a message is in flight (a SIPp UAS that takes 8 s to answer): new SIP
 * messages get 503 with Retry-After, new XMPP messages resource-constraint, /ready says 503; the message in
 * flight is still delivered, nothing is lost, and the gateway stops once empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainE2eTest {
    static final String SIPP_IP = TestNet.address(13);
    static final Duration WAIT = Duration.ofSeconds(30);

    final Path work = Path.of("target", "e2e", "admin-drain").toAbsolutePath();
    Federation world;
    ScriptedXmppClient juliet;
    int uasPort;
    int adminPort;

    @BeforeAll
    void start() {
        Peers.require("sipp", "sip-tester");
        uasPort = FreePorts.tcpAndUdp(SIPP_IP);
        adminPort = FreePorts.tcp("127.0.0.1");
        world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + uasPort + ";transport=tcp")
                .hocon("gateway.admin { enabled = true, listen = \"127.0.0.1:" + adminPort + "\", drain.retry-after = 30s }"),
                "juliet");
        juliet = world.login("juliet", false);
        world.warmUp(juliet);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** A UAS that answers one MESSAGE with 200 after {@code ms}. */
    Sipp slowUas(int ms) throws IOException {
        Path dir = Files.createDirectories(work.resolve("scenarios"));
        String s = Files.readString(Peers.files().resolve("sipp/uas-message-status.xml"), StandardCharsets.ISO_8859_1)
                .replace("  <send>", "  <pause milliseconds=\"" + ms + "\"/>\n  <send>")
                // over TCP there are no retransmissions to absorb: the call ends with the 200, before the gateway
                // stops and closes the connection (SIPp would count that as a failed call)
                .replace("<pause milliseconds=\"500\"/>", "");
        Path f = dir.resolve("uas-slow.xml");
        Files.writeString(f, s, StandardCharsets.ISO_8859_1);
        return Sipp.scenarioFile(f, work).local(SIPP_IP, uasPort).transport("tcp").start();
    }

    @Test
    @DisplayName("issue 18 / AMB-O07 / IM-07: drain during a flow: 503 + Retry-After for new SIP messages, "
            + "resource-constraint for new XMPP ones, the message in flight delivered, then the gateway stops")
    void drainDuringAFlow() throws IOException {
        Gateway gw = world.gateway().gateway();
        Map<String, String> env = Map.of("STOXGW_ADMIN_URL", "http://127.0.0.1:" + adminPort);
        long deliveredBefore = gw.traffic().get(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.DELIVERED);
        try (Sipp uas = slowUas(8000)) {
            juliet.message("romeo@" + GatewayUnderTest.SIP_DOMAIN).id("in-flight").body("sent before the drain").send();
            assertTrue(Eventually.holds(() -> gw.engine().inFlight() > 0, WAIT), "the message is in flight");

            Ctl.Result drain = Ctl.run(env, "drain");
            assertEquals(0, drain.exit(), drain.out());
            assertTrue(drain.out().contains("\"draining\": true"), drain.out());
            assertEquals(1, Ctl.run(env, "ready").exit(), "not ready while draining");

            // a new SIP message: 503 with Retry-After
            try (Sipp uac = Sipp.scenario("uac-message-any", work).key("body", "after the drain")
                    .local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP)).remote(world.gateway().ip(), world.gateway().sipPort())
                    .transport("udp").service("juliet").key("to_domain", GatewayUnderTest.XMPP_DOMAIN)
                    .key("from_user", "romeo").key("from_domain", GatewayUnderTest.SIP_DOMAIN).key("ctype", "text/plain").start()) {
                assertEquals(0, uac.awaitExit(WAIT), uac.report());
                List<SippTrace.Entry> finals = SippTrace.receivedResponses(uac.messageTrace());
                assertEquals(503, finals.get(0).status(), uac.report());
                assertEquals("30", finals.get(0).header("Retry-After"), uac.report());
            }
            // a new XMPP message: resource-constraint (wait)
            juliet.message("romeo@" + GatewayUnderTest.SIP_DOMAIN).id("after-drain").body("sent after the drain").send();
            ScriptedXmppClient.Received bounce = juliet.awaitMessage(r -> "after-drain".equals(r.id()) && "error".equals(r.type()), WAIT);
            assertTrue(bounce.xml().contains("resource-constraint"), bounce.xml());

            // the message in flight still arrives, and its sender gets no error
            assertEquals(0, uas.awaitExit(WAIT), uas.report());
            assertTrue(String.join("\n", uas.scenarioLog()).contains("MESSAGE-RECEIVED"));
        }
        assertTrue(Eventually.holds(() -> gw.state() == Gateway.State.STOPPED, WAIT), "stopped once empty: " + gw.state());
        assertEquals(deliveredBefore + 1, gw.traffic().get(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.DELIVERED));
        assertTrue(juliet.messages().stream().noneMatch(r -> "in-flight".equals(r.id()) && "error".equals(r.type())),
                "no error for the message in flight");
        world.gateway().assertBalanced(Traffic.Direction.XMPP_TO_SIP);
        world.gateway().assertBalanced(Traffic.Direction.SIP_TO_XMPP);
    }
}
