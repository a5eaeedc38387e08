package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.baresip.Baresip;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Presence end to end between a real SIP user agent (baresip 1.0, romeo@sip.test, using the gateway
 * as outbound proxy) and a real XMPP client on a real Prosody 0.12 (juliet@xmpp.test). baresip
 * watches juliet from its contact list ({@code ;presence=p2p}) and shows what it understands of the
 * PIDF: Online ({@code open}), Busy ({@code rpid:busy}), Offline ({@code closed}, and {@code rpid:away},
 * which baresip renders as offline). It is also a notifier for its own user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaresipPresenceE2eTest {
    static final String BARESIP_IP = TestNet.address(43);
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String ROMEO = "romeo@" + GatewayUnderTest.SIP_DOMAIN;
    static final Pattern JULIET_STATUS = Pattern.compile("(Online|Offline|Busy|Unknown)[^\\n]*? juliet <");

    final Path work = Path.of("target", "e2e", "baresip-presence").toAbsolutePath();
    Baresip romeo;
    Federation world;
    ScriptedXmppClient juliet;

    @BeforeAll
    void start() {
        int romeoPort = FreePorts.tcpAndUdp(BARESIP_IP);
        GatewayUnderTest.Builder gw = GatewayUnderTest.builder().sipRoute(GatewayUnderTest.SIP_DOMAIN, BARESIP_IP + ":" + romeoPort)
                .hocon("gateway.presence.retry-initial = 2s");
        world = Federation.start(work, gw, "juliet");
        juliet = world.login("juliet", false, true);
        world.warmUp(juliet);
        // baresip subscribes to juliet about a second after it starts, through the gateway
        romeo = Baresip.start(work, BARESIP_IP, romeoPort, "sip:" + ROMEO,
                ";outbound=\"sip:" + gw.ip() + ":" + gw.sipPort() + "\"",
                List.of("\"juliet\" <sip:juliet@" + GatewayUnderTest.XMPP_DOMAIN + ">;presence=p2p"));
    }

    @AfterAll
    void stop() {
        if (romeo != null) {
            romeo.close();
        }
        if (world != null) {
            world.close();
        }
    }

    /** Waits until baresip shows juliet with {@code status}. */
    void awaitJuliet(String status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = romeo.command("contacts", "");
            Matcher m = JULIET_STATUS.matcher(last.replace("\\n", "\n"));
            if (m.find() && m.group(1).equals(status)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("baresip never showed juliet " + status + "; last: " + last + "\nbaresip:\n"
                + String.join("\n", romeo.output()));
    }

    @Test
    @Order(1)
    @DisplayName("S2X: baresip watches juliet: approval, Online, Offline (away), Busy (dnd), Offline; the gateway restarts in the middle")
    void baresipWatchesJulietThroughRestart() {
        juliet.awaitPresence(p -> p.is("subscribe", ROMEO), WAIT); // PRES-20
        juliet.presence(ROMEO, "subscribed", null, null); // PRES-23
        awaitJuliet("Online"); // PRES-32 (juliet's initial presence, by Prosody or our probe)
        juliet.presence(null, null, "away", "Gone fishing");
        awaitJuliet("Offline"); // rpid:away, as baresip shows it (PRES-36/37)
        juliet.presence(null, null, "dnd", "In a meeting");
        awaitJuliet("Busy");

        world.gateway().restart(); // the stored dialog goes on; nobody subscribes again

        juliet.presence(null, null, null, null);
        awaitJuliet("Online");
        juliet.presence(null, "unavailable", null, null);
        awaitJuliet("Offline"); // PRES-33
        juliet.presence(null, null, "dnd", "Back, busy");
        awaitJuliet("Busy");
        Map<String, Long> c = world.gateway().presenceCounters();
        assertTrue(c.get("restored") >= 1, c.toString());
    }

    @Test
    @Order(2)
    @DisplayName("X2S: juliet subscribes to baresip's user and sees it online and offline; unsubscribe ends the SIP subscription")
    void julietWatchesBaresip() {
        romeo.command("presence_online", ""); // baresip's PIDF says basic "?" until then
        juliet.presence(ROMEO, "subscribe", null, null); // PRES-04
        juliet.awaitPresence(p -> p.is("subscribed", ROMEO), WAIT); // PRES-07
        juliet.awaitPresence(p -> p.is("available", ROMEO), WAIT); // baresip's PIDF open (PRES-41)
        // baresip going offline ends its subscriptions (deactivated) and refuses new ones (404): the
        // gateway keeps juliet's authorization (PRES-09), shows romeo unavailable and retries
        romeo.command("presence_offline", "");
        juliet.awaitPresence(p -> p.is("unavailable", ROMEO), WAIT);
        romeo.command("presence_online", "");
        juliet.awaitPresence(p -> p.is("available", ROMEO), WAIT);
        assertEquals(0, juliet.presences().stream().filter(p -> p.is("unsubscribed", ROMEO)).count(),
                "romeo going offline is no refusal");
        juliet.presence(ROMEO, "unsubscribe", null, null); // PRES-16/17
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (world.gateway().presenceCounters().get("subscribes_sent") == 0 || xmppToSipHeld() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway still holds juliet's subscription: " + world.gateway().presenceCounters());
            }
            sleep(100);
        }
        // the unavailable the gateway sends with the end of the subscription may still be on its way;
        // what must not come is romeo's availability when he goes online again
        long before = juliet.presences().stream().filter(p -> p.is("available", ROMEO)).count();
        romeo.command("presence_offline", "");
        romeo.command("presence_online", "");
        sleep(1000);
        assertEquals(before, juliet.presences().stream().filter(p -> p.is("available", ROMEO)).count(),
                "no availability from romeo after the unsubscribe: " + juliet.presences());
    }

    @Test
    @Order(3)
    @DisplayName("S2X unsubscribe: baresip ends its subscription when it stops (Expires 0): juliet sees romeo unavailable (PRES-27)")
    void baresipUnsubscribes() {
        long before = juliet.presences().stream().filter(p -> p.is("unavailable", ROMEO)).count();
        romeo.close(); // SIGTERM: baresip un-SUBSCRIBEs
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (juliet.presences().stream().filter(p -> p.is("unavailable", ROMEO)).count() == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no unavailable from romeo: " + juliet.presences());
            }
            sleep(100);
        }
        romeo = null;
    }

    /** Pairs in which the gateway holds a subscription for juliet. */
    int xmppToSipHeld() {
        try {
            var name = new javax.management.ObjectName("org.stoxgw:instance=*,type=Presence");
            var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            int n = 0;
            for (var on : server.queryNames(name, null)) {
                var t = (javax.management.openmbean.TabularData) server.getAttribute(on, "XmppToSip");
                for (Object row : t.values()) {
                    var cd = (javax.management.openmbean.CompositeData) row;
                    if (!"phone_dialogs".equals(cd.get("key"))) {
                        n += (Integer) cd.get("value");
                    }
                }
            }
            return n;
        } catch (javax.management.JMException e) {
            throw new AssertionError(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
