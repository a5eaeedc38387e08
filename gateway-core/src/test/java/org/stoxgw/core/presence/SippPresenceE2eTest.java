package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.e2e.SippTrace;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient.ReceivedPresence;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Presence end to end between SIPp (romeo@sip.test) and a real XMPP client on a real Prosody 0.12
 * (juliet@xmpp.test) through the gateway: juliet subscribes to romeo and sees him at the desk, away,
 * in a meeting and gone, with the gateway restarted in the middle; romeo subscribes to juliet and
 * sees the PIDF the gateway writes; romeo polls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SippPresenceE2eTest {
    static final String SIPP_IP = TestNet.address(9);
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String ROMEO = "romeo@" + GatewayUnderTest.SIP_DOMAIN;

    final Path work = Path.of("target", "e2e", "sipp-presence").toAbsolutePath();
    int notifierPort;
    Federation world;
    ScriptedXmppClient juliet;

    @BeforeAll
    void start() {
        Peers.require("sipp", "sip-tester");
        notifierPort = FreePorts.tcpAndUdp(SIPP_IP);
        world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + notifierPort), "juliet");
        juliet = world.login("juliet", false, true);
        world.warmUp(juliet);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            // every request and stanza was handled or refused: nothing silently lost
            world.gateway().assertBalanced(org.stoxgw.core.engine.Traffic.Direction.SIP_TO_XMPP);
            world.gateway().assertBalanced(org.stoxgw.core.engine.Traffic.Direction.XMPP_TO_SIP);
            world.close();
        }
    }

    ReceivedPresence await(String type, String show) {
        return juliet.awaitPresence(p -> p.is(type, ROMEO) && (show == null || show.equals(p.show())), WAIT);
    }

    @Test
    @Order(1)
    @DisplayName("X2S: juliet subscribes to romeo (SIPp notifier) and sees available, away, dnd and gone; the gateway restarts in the middle")
    void juliettWatchesRomeoThroughRestart() {
        try (Sipp notifier = Sipp.scenario("uas-presence-restart", work).local(SIPP_IP, notifierPort).start()) {
            juliet.presence(ROMEO, "subscribe", null, null); // PRES-04
            await("subscribed", null); // PRES-07
            ReceivedPresence desk = await("available", null); // PRES-08, PRES-41
            assertEquals("at the desk", desk.status(), desk.toString());
            ReceivedPresence away = await("available", "away"); // PRES-43
            assertEquals("out for lunch", away.status());

            world.gateway().restart(); // nobody acts: the gateway re-establishes its stored subscription

            ReceivedPresence dnd = await("available", "dnd");
            assertEquals("in a meeting", dnd.status());
            await("unavailable", null); // the SIP side's spontaneous NOTIFY in the stored dialog
            juliet.presence(ROMEO, "unsubscribe", null, null); // PRES-16
            assertEquals(0, notifier.awaitExit(WAIT), notifier.report());
            List<String> log = notifier.scenarioLog();
            assertTrue(log.stream().anyMatch(l -> l.contains("REFRESH Expires:") && l.contains("3600")), String.join("\n", log));
            assertTrue(log.stream().anyMatch(l -> l.contains("UNSUBSCRIBE Expires:") && l.contains(" 0")), String.join("\n", log));
            List<SippTrace.Entry> subs = SippTrace.receivedRequests(notifier.messageTrace(), "SUBSCRIBE");
            assertEquals(3, subs.size(), notifier.report());
            assertEquals(subs.get(0).header("Call-ID"), subs.get(1).header("Call-ID"), "the stored dialog is refreshed");
            assertEquals("presence", subs.get(0).header("Event"));
            assertEquals("application/pidf+xml", subs.get(0).header("Accept"));
        }
        Map<String, Long> counters = world.gateway().presenceCounters();
        assertEquals(1L, counters.get("restored"), counters.toString());
    }

    @Test
    @Order(2)
    @DisplayName("S2X: romeo (SIPp watcher) subscribes to juliet: pending, approval, PIDF with show dnd and RPID busy; Expires 0 ends it with PIDF closed and unavailable")
    void romeoWatchesJuliet() {
        try (Sipp watcher = Sipp.scenario("uac-presence-watch", work).local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP))
                .remote(world.gateway().ip(), world.gateway().sipPort()).service("juliet")
                .key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                .key("from_domain", GatewayUnderTest.SIP_DOMAIN).start()) {
            juliet.awaitPresence(p -> p.is("subscribe", ROMEO), WAIT); // PRES-20
            juliet.presence(ROMEO, "subscribed", null, null); // PRES-23
            juliet.presence(null, null, "dnd", "In a meeting"); // broadcast: now also to romeo
            ReceivedPresence gone = await("unavailable", null); // PRES-27 (2)
            assertTrue(gone.from().equals(ROMEO), gone.toString());
            assertEquals(0, watcher.awaitExit(WAIT), watcher.report());
            List<String> log = watcher.scenarioLog();
            String all = String.join("\n", log);
            assertTrue(log.get(0).contains("SUBSCRIBED Expires:600"), all);
            // SEV-02: a NOTIFY follows the 200 at once: pending, or active if juliet approved meanwhile
            assertTrue(log.get(1).contains("pending") || log.get(1).contains("active"), all);
            assertTrue(log.stream().anyMatch(l -> l.contains("state= active") && l.contains("basic=open") && l.contains("show=dnd")
                    && l.contains("rpid=busy")), all); // PRES-32, PRES-36, PRES-37
            assertTrue(log.stream().anyMatch(l -> l.startsWith("FINAL") && l.contains("terminated;reason=timeout")
                    && l.contains("basic=closed")), all); // P9
        }
    }

    @Test
    @Order(3)
    @DisplayName("P13/PRES-46: romeo polls juliet (SUBSCRIBE Expires 0): one NOTIFY terminated with her presence, learnt by a probe")
    void romeoPolls() {
        try (Sipp fetch = Sipp.scenario("uac-presence-fetch", work).local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP))
                .remote(world.gateway().ip(), world.gateway().sipPort()).service("juliet")
                .key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                .key("from_domain", GatewayUnderTest.SIP_DOMAIN).start()) {
            assertEquals(0, fetch.awaitExit(WAIT), fetch.report());
            String all = String.join("\n", fetch.scenarioLog());
            assertTrue(all.contains("FETCH state= terminated;reason=timeout basic=open show=dnd")
                    || all.contains("FETCH state=terminated;reason=timeout basic=open show=dnd"), all);
        }
    }

    @Test
    @Order(4)
    @DisplayName("AMB-P12/PRES-49: juliet's presence to romeo without a SIP subscription goes nowhere and is counted")
    void noSubscriptionNoNotify() {
        long before = world.gateway().presenceCounters().get("dropped_no_subscription");
        juliet.presence(null, null, "away", "later");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (world.gateway().presenceCounters().get("dropped_no_subscription") == before && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertTrue(world.gateway().presenceCounters().get("dropped_no_subscription") > before);
        assertEquals(0L, world.gateway().presenceCounters().get("refused"), "dropped, not refused with an error");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
