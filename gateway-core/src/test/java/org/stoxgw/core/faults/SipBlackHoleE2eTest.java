package org.stoxgw.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Fault injection (issue 9): the SIP peer of sip.test is black-holed (its address swallows every
 * datagram, answers nothing). Each of juliet's messages to romeo@sip.test ends with a
 * remote-server-timeout error to juliet after Timer F (64*T1, here T1 = 100 ms); meanwhile a SIP peer
 * elsewhere (SIPp) sends to juliet and is served. SipAdapter timeouts, Traffic and juliet's errors agree.
 */
class SipBlackHoleE2eTest {
    private static final Logger log = LoggerFactory.getLogger(SipBlackHoleE2eTest.class);
    static final String HOLE_IP = TestNet.address(10);
    static final String UAC_IP = TestNet.address(11);
    static final int LOST = 20;
    static final int OTHERS = 5;

    final Path work = Path.of("target", "e2e", "fault-blackhole").toAbsolutePath();

    @Test
    @DisplayName("CORE-08: a SIP peer that never answers: every XMPP sender gets remote-server-timeout, another SIP "
            + "peer is served meanwhile; SipAdapter timeouts = Traffic failed = errors at juliet")
    void blackHole() throws Exception {
        Peers.require("sipp", "sip-tester");
        int holePort = FreePorts.tcpAndUdp(HOLE_IP);
        AtomicInteger swallowed = new AtomicInteger();
        try (DatagramSocket hole = new DatagramSocket(holePort, InetAddress.getByName(HOLE_IP));
             Federation world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, HOLE_IP + ":" + holePort)
                     .hocon("gateway.sip.timeouts.t1 = 100ms"), "juliet")) {
            Thread sink = new Thread(() -> swallow(hole, swallowed), "black-hole");
            sink.setDaemon(true);
            sink.start();
            GatewayUnderTest gw = world.gateway();
            ScriptedXmppClient juliet = world.login("juliet", true);
            world.warmUp(juliet);
            for (int i = 0; i < LOST; i++) {
                juliet.message("romeo@" + GatewayUnderTest.SIP_DOMAIN).id("hole-" + i).type("chat").body("into the void " + i).send();
            }
            // meanwhile another SIP peer writes to juliet
            SippFlow others;
            try (Sipp uac = Sipp.scenario("uac-message-flow", work).local(UAC_IP, FreePorts.tcpAndUdp(UAC_IP))
                    .remote(gw.ip(), gw.sipPort()).transport("udp").service("juliet")
                    .key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "mercutio")
                    .key("from_domain", GatewayUnderTest.SIP_DOMAIN).calls(OTHERS, 5).start()) {
                uac.awaitExit(Duration.ofSeconds(60));
                others = SippFlow.read(uac.messageTrace());
            }
            assertEquals(Map.of(202, OTHERS), others.byStatus(), "the other SIP peer is served during the black hole");
            Set<String> errored = new HashSet<>();
            for (int i = 0; i < LOST; i++) {
                ScriptedXmppClient.Received e = juliet.awaitMessage(ScriptedXmppClient.Received::isError, Duration.ofSeconds(60));
                assertEquals("remote-server-timeout", e.errorCondition(), e.toString());
                errored.add(e.id());
            }
            assertEquals(LOST, errored.size());
            Map<String, Long> x2s = gw.assertBalanced(Direction.XMPP_TO_SIP);
            assertEquals(LOST, x2s.get("received"));
            assertEquals(LOST, x2s.get("failed"));
            assertEquals(LOST, gw.counter("SipAdapter", "Timeouts"), "JMX: SipAdapter timeouts");
            assertEquals(LOST, gw.counter("SipAdapter", "RequestsSent", "MESSAGE"));
            assertTrue(swallowed.get() >= LOST, "the black hole got every request (and retransmissions): " + swallowed);
            Map<String, Long> s2x = gw.assertBalanced(Direction.SIP_TO_XMPP);
            assertEquals(OTHERS, s2x.get("delivered"));
            log.info("FAULT sip-black-hole: sent={} xmppToSip={} timeouts={} datagramsSwallowed={} errorsAtJuliet={} "
                    + "otherPeer={} sipToXmpp={}", LOST, x2s, gw.counter("SipAdapter", "Timeouts"), swallowed.get(), errored.size(),
                    others.byStatus(), s2x);
        }
    }

    private static void swallow(DatagramSocket s, AtomicInteger n) {
        byte[] buf = new byte[65536];
        try {
            while (true) {
                s.receive(new DatagramPacket(buf, buf.length));
                n.incrementAndGet();
            }
        } catch (SocketException e) {
            // closed at the end of the test
        } catch (java.io.IOException e) {
            // nothing more to swallow
        }
    }
}
