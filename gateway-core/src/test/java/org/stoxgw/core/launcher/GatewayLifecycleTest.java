package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.core.jmx.JmxRegistry;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.Threads;

class GatewayLifecycleTest {
    @TempDir
    Path dir;

    private String config(String instance, int xmppPort, int sipPort) {
        return """
                gateway.core.instance-name = "%s"
                gateway.core.event-loop-threads = 2
                gateway.xmpp.listen = ["127.0.0.1:%d"]
                gateway.sip.listen { udp = ["127.0.0.1:%d"], tcp = ["127.0.0.1:%d"] }
                gateway.presence.store.path = "%s"
                """.formatted(instance, xmppPort, sipPort, sipPort, dir.resolve("store").toString().replace("\\", "/"));
    }

    @Test
    void startsExposesMBeansStopsAndLeavesNothingBehind() throws Exception {
        Set<Thread> before = Threads.nonDaemon();
        int xmppPort = FreePorts.tcp("127.0.0.1");
        int sipPort = FreePorts.tcpAndUdp("127.0.0.1");
        GatewaySettings settings = TestConfigs.load(dir, config("lifecycle", xmppPort, sipPort));

        Gateway gw = new Gateway(settings);
        gw.start();
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        ObjectName gatewayBean = new ObjectName(JmxRegistry.DOMAIN + ":instance=\"lifecycle\",type=Gateway");
        assertEquals("RUNNING", mbs.getAttribute(gatewayBean, "State"));
        assertEquals(Version.get(), mbs.getAttribute(gatewayBean, "Version"));
        assertTrue(List.of((String[]) mbs.getAttribute(gatewayBean, "ListeningPoints"))
                .contains("xmpp-s2s 127.0.0.1:" + xmppPort));
        assertArrayEquals(new String[] {"sip.example.test", "gw.example.test"},
                (String[]) mbs.getAttribute(gatewayBean, "ServedXmppDomains"));
        ObjectName sessions = new ObjectName(JmxRegistry.DOMAIN + ":instance=\"lifecycle\",type=Sessions");
        assertEquals(0, mbs.getAttribute(sessions, "Total"));
        assertEquals(5, ((TabularData) mbs.getAttribute(sessions, "ByKind")).size());
        ObjectName traffic = new ObjectName(JmxRegistry.DOMAIN + ":instance=\"lifecycle\",type=Traffic");
        assertEquals(0L, mbs.invoke(traffic, "count", new Object[] {"sip_to_xmpp", "delivered"},
                new String[] {String.class.getName(), String.class.getName()}));
        assertTrue(mbs.isRegistered(new ObjectName(JmxRegistry.DOMAIN + ":instance=\"lifecycle\",type=PeerLinks")));
        ObjectName presence = new ObjectName(JmxRegistry.DOMAIN + ":instance=\"lifecycle\",type=Presence");
        assertEquals(5, ((TabularData) mbs.getAttribute(presence, "XmppToSip")).size(), "subscriptions by direction and state");
        assertEquals(0L, mbs.getAttribute(presence, "NotificationsOut"));
        assertFalse(FreePorts.tcpFree("127.0.0.1", xmppPort), "S2S port must be bound while running");

        gw.stop();
        assertEquals(Gateway.State.STOPPED, gw.state());
        assertFalse(mbs.isRegistered(gatewayBean), "MBeans are unregistered at stop");
        assertEquals(Set.of(), Threads.leftoversAfter(before, 30_000), "no non-daemon thread may outlive the gateway");
        assertTrue(FreePorts.tcpFree("127.0.0.1", xmppPort), "S2S port released");
        assertTrue(FreePorts.tcpFree("127.0.0.1", sipPort), "SIP TCP port released");
        assertTrue(FreePorts.udpFree("127.0.0.1", sipPort), "SIP UDP port released");
        gw.stop(); // idempotent
    }

    @Test
    void portInUseFailsStartCleanly() throws Exception {
        Set<Thread> before = Threads.nonDaemon();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            GatewaySettings settings = TestConfigs.load(dir,
                    config("busy", taken.getLocalPort(), FreePorts.tcpAndUdp("127.0.0.1")));
            Gateway gw = new Gateway(settings);
            IllegalStateException e = assertThrows(IllegalStateException.class, gw::start);
            assertTrue(e.getMessage().contains("failed to start"), e.getMessage());
            assertEquals(Gateway.State.FAILED, gw.state());
        }
        assertEquals(Set.of(), Threads.leftoversAfter(before, 30_000));
    }
}
