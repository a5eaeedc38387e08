package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.e2e.SippTrace;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient.ReceivedPresence;

/**
 * Phone presence end to end (issue 7, RFC 4235): SIPp notifies romeo@sip.test's presence and his
 * dialog event package; juliet@xmpp.test, on a real Prosody, subscribed to romeo, sees him "on the
 * phone" (the configured show and status) while his call is confirmed, and his own presence again
 * afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SippPhonePresenceE2eTest {
    static final String SIPP_IP = TestNet.address(11);
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String ROMEO = "romeo@" + GatewayUnderTest.SIP_DOMAIN;

    final Path work = Path.of("target", "e2e", "sipp-phone").toAbsolutePath();
    int notifierPort;
    Federation world;
    ScriptedXmppClient juliet;

    @BeforeAll
    void start() {
        Peers.require("sipp", "sip-tester");
        notifierPort = FreePorts.tcpAndUdp(SIPP_IP);
        world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + notifierPort)
                .hocon("""
                        gateway.sip.event-packages = [presence, dialog]
                        gateway.presence.phone { enabled = true, show = dnd, status = "On the phone", status-language = "en" }
                        """), "juliet");
        juliet = world.login("juliet", false, true);
        world.warmUp(juliet);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @DisplayName("Phone presence: a confirmed call shows dnd \"On the phone\", its end romeo's own presence; unsubscribe ends both subscriptions")
    void onThePhone() {
        try (Sipp notifier = Sipp.scenario("uas-presence-phone", work).local(SIPP_IP, notifierPort).calls(2, 10).start()) {
            juliet.presence(ROMEO, "subscribe", null, null);
            juliet.awaitPresence(p -> p.is("subscribed", ROMEO), WAIT);
            ReceivedPresence open = juliet.awaitPresence(p -> p.is("available", ROMEO), WAIT);
            assertNull(open.show(), open.toString());
            ReceivedPresence phone = juliet.awaitPresence(p -> p.is("available", ROMEO) && "dnd".equals(p.show()), WAIT);
            assertEquals("On the phone", phone.status());
            ReceivedPresence after = juliet.awaitPresence(p -> p.is("available", ROMEO) && p.show() == null, WAIT);
            assertNull(after.status(), after.toString());
            juliet.presence(ROMEO, "unsubscribe", null, null);
            assertEquals(0, notifier.awaitExit(WAIT), notifier.report());
            List<SippTrace.Entry> subs = SippTrace.receivedRequests(notifier.messageTrace(), "SUBSCRIBE");
            assertEquals(4, subs.size(), notifier.report());
            assertTrue(subs.stream().anyMatch(s -> "dialog".equals(s.header("Event"))
                    && "application/dialog-info+xml".equals(s.header("Accept"))), notifier.report());
        }
    }
}
