package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.SipTestAgent;

/**
 * Requests too large for UDP (RFC 3261 section 18.1.1; RFC 3428 section 10 / MSG-01 for MESSAGE):
 * they go over TCP to the same address, and a MESSAGE that cannot is never sent in pieces.
 */
class UdpSizeTest {
    static final String GW_IP = TestNet.address(19);
    static final String UA_IP = TestNet.address(29);

    static TestGateway gateway(boolean tcp) {
        int port = FreePorts.tcpAndUdp(GW_IP);
        String listen = tcp ? "udp = [\"%1$s:%2$d\"], tcp = [\"%1$s:%2$d\"]" : "udp = [\"%1$s:%2$d\"], tcp = []";
        return new TestGateway("""
                gateway.sip {
                  listen { %s }
                  trust.peers = [ { networks = ["%s"], domains = ["*"] } ]
                  timeouts.t1 = 100ms
                }
                """.formatted(listen.formatted(GW_IP, port), UA_IP)).start();
    }

    static SipRequest request(TestGateway gw, String method, String target, int bodyBytes) {
        SipHeaders h = method.equals("NOTIFY") ? SipHeaders.of("Event", "presence", "Subscription-State", "active;expires=60")
                : SipHeaders.EMPTY;
        return new SipRequest(method, target, NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter.newTag()),
                NameAddress.of("sip:romeo@sip.example.net"), gw.adapter.newCallId(), 1, h,
                SipBody.text("text/plain", "x".repeat(bodyBytes)));
    }

    static SipOutcome send(TestGateway gw, SipRequest r) throws Exception {
        return gw.adapter.send(r).toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("MSG-01: a MESSAGE over 1300 bytes for a UDP target goes to the same address over TCP")
    void switchesToTcp() throws Exception {
        try (TestGateway gw = gateway(true); SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            String target = "sip:romeo@" + UA_IP + ":" + ua.port("udp") + ";transport=udp";
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, send(gw, request(gw, "MESSAGE", target, 2000)))
                    .response().status());
            var got = ua.expectRequest();
            assertEquals("SIP/2.0/TCP", got.header("Via").split(" ")[0], "RFC 3261 section 18.1.1: the top Via says TCP");
            assertEquals(2000, got.request().getRawContent().length);
            // a small one stays on UDP
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, send(gw, request(gw, "MESSAGE", target, 100)))
                    .response().status());
            assertEquals("SIP/2.0/UDP", ua.expectRequest().header("Via").split(" ")[0]);
        }
    }

    @Test
    @DisplayName("IM-15 / MSG-01: a large MESSAGE to a UDP-only peer is not sent at all: TOO_LARGE")
    void udpOnlyPeerRefused() throws Exception {
        try (TestGateway gw = gateway(true); DatagramSocket peer = new DatagramSocket(new InetSocketAddress(UA_IP, 0))) {
            // nothing listens on TCP at the peer's port: the connection is refused
            String target = "sip:romeo@" + UA_IP + ":" + peer.getLocalPort() + ";transport=udp";
            SipOutcome.Failure f = assertInstanceOf(SipOutcome.Failure.class, send(gw, request(gw, "MESSAGE", target, 2000)));
            assertEquals(SipOutcome.Kind.TOO_LARGE, f.kind());
            assertTrue(f.detail().contains("1300"), f.detail());
            peer.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> peer.receive(new DatagramPacket(new byte[65536], 65536)),
                    "not one datagram may have been sent");
        }
    }

    @Test
    @DisplayName("Without a TCP listening point a large MESSAGE is TOO_LARGE; a large NOTIFY still goes over UDP")
    void noTcpAtAll() throws Exception {
        try (TestGateway gw = gateway(false); SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            String target = "sip:romeo@" + UA_IP + ":" + ua.port("udp");
            SipOutcome.Failure f = assertInstanceOf(SipOutcome.Failure.class, send(gw, request(gw, "MESSAGE", target, 2000)));
            assertEquals(SipOutcome.Kind.TOO_LARGE, f.kind());
            SipOutcome notify = send(gw, request(gw, "NOTIFY", target, 2000));
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, notify).response().status());
            assertEquals("SIP/2.0/UDP", ua.expectRequest().header("Via").split(" ")[0]);
        }
    }
}
