package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.core.jmx.JmxRegistry;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.CallPeer;

/**
 * The whole gateway with its INVITE layer on: an INVITE no path takes (no call or chat path is
 * wired yet) is refused with 488 instead of being left unanswered; the SipInvite MBean counts it.
 */
class GatewayInviteTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("An INVITE with an audio offer gets 488 while no call path is wired; the SipInvite MBean shows it and no dialog left")
    void inviteWithoutPathRefused() throws Exception {
        String ip = TestNet.address(12);
        int xmppPort = FreePorts.tcp(ip);
        int sipPort = FreePorts.tcpAndUdp(ip);
        GatewaySettings settings = TestConfigs.load(dir, """
                gateway.core.instance-name = "invite"
                gateway.core.event-loop-threads = 2
                gateway.xmpp.listen = ["%1$s:%2$d"]
                gateway.sip.listen { udp = ["%1$s:%3$d"], tcp = [] }
                gateway.presence.store.path = "%4$s"
                """.formatted(ip, xmppPort, sipPort, dir.resolve("store").toString().replace("\\", "/")));
        try (Gateway gw = new Gateway(settings); CallPeer phone = CallPeer.start(TestNet.address(23), "udp", ip, sipPort)) {
            gw.start();
            CallPeer.Outgoing out = phone.invite("sip:juliet@" + ip, "sip:romeo@sip.example.net",
                    "v=0\r\no=r 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
            assertEquals(488, out.awaitFinal().getStatusCode());
            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            ObjectName invite = new ObjectName(JmxRegistry.DOMAIN + ":instance=\"invite\",type=SipInvite");
            assertEquals(1L, mbs.getAttribute(invite, "IncomingCalls"));
            assertTrue(((TabularData) mbs.getAttribute(invite, "DialogsByState")).isEmpty());
            assertTrue(((TabularData) mbs.getAttribute(invite, "FailuresByStatus")).containsKey(new Object[] {"488"}));
        }
    }

    @Test
    @DisplayName("An offer made only of m=message lines is a chat session (MSRP), anything else a call")
    void chatOffersRecognised() {
        assertTrue(org.stoxgw.core.routing.Router.isChatOffer("v=0\r\nm=message 7394 TCP/MSRP *\r\na=accept-types:text/plain\r\n"));
        assertEquals(false, org.stoxgw.core.routing.Router.isChatOffer("v=0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertEquals(false, org.stoxgw.core.routing.Router.isChatOffer(""));
    }
}
