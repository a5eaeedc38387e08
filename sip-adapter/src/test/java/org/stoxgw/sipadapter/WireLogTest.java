package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.SipTestAgent;

/** gateway.logging.wire: complete SIP messages on stoxgw.wire.sip, only for the selected peers. */
class WireLogTest {
    static final String GW_IP = TestNet.address(15);
    static final String UA_IP = TestNet.address(27);
    final ListAppender<ILoggingEvent> wire = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger("stoxgw.wire.sip");

    @BeforeEach
    void attach() {
        wire.start();
        logger.addAppender(wire);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(wire);
    }

    void exchange(String peers) {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = new TestGateway("""
                gateway.logging.wire { sip = true, peers = [%4$s] }
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                }
                """.formatted(GW_IP, port, UA_IP, peers)).start();
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            assertEquals(200, ua.sendAndWait(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                    .body("text/plain", "wire me"), "udp", GW_IP, port).getStatusCode());
        }
    }

    @Test
    @DisplayName("Selected peer: the request and the response appear in full")
    void selectedPeer() {
        exchange("\"" + UA_IP + "\"");
        assertTrue(wire.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("received from " + UA_IP)
                && e.getFormattedMessage().contains("wire me")), wire.list.toString());
        assertTrue(wire.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("sent to " + UA_IP)
                && e.getFormattedMessage().contains("SIP/2.0 200 OK")));
    }

    @Test
    @DisplayName("Issue 13: a response received over UDP is logged once; a compressed body is described, not written raw")
    void onceAndNoBinary() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        byte[] zipped = AbstractSipAdapterContractTest.compress("gzip", "secret text\u0000\u0001".repeat(20).getBytes());
        try (TestGateway gw = new TestGateway("""
                gateway.logging.wire { sip = true, peers = ["%3$s"] }
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                }
                """.formatted(GW_IP, port, UA_IP)).start();
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            org.stoxgw.mapping.sip.SipRequest m = new org.stoxgw.mapping.sip.SipRequest("MESSAGE", ua.uri("romeo", "udp"),
                    org.stoxgw.mapping.sip.NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter.newTag()),
                    org.stoxgw.mapping.sip.NameAddress.of(ua.uri("romeo", "udp")), gw.adapter.newCallId(), 1,
                    org.stoxgw.mapping.sip.SipHeaders.EMPTY, org.stoxgw.mapping.sip.SipBody.text("text/plain", "out once"));
            gw.adapter.send(m).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, ua.sendAndWait(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                    .header("Content-Encoding", "gzip").body("text/plain", zipped), "udp", GW_IP, port).getStatusCode());
        }
        java.util.List<String> lines = wire.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("received from " + UA_IP) && l.contains("SIP/2.0 200")
                && !l.contains("Content-Encoding")).count(), lines.toString());
        String in = lines.stream().filter(l -> l.contains("Content-Encoding: gzip")).findFirst().orElseThrow();
        assertTrue(in.contains("[" + zipped.length + " bytes, Content-Encoding gzip: not shown]"), in);
        assertTrue(in.chars().noneMatch(c -> c < 0x20 && c != '\r' && c != '\n' && c != '\t'), "no raw binary: " + in);
    }

    @Test
    @DisplayName("Another peer selected: nothing of this exchange is logged")
    void otherPeer() {
        exchange("\"192.0.2.99\"");
        assertTrue(wire.list.stream().noneMatch(e -> e.getFormattedMessage().contains("wire me")), wire.list.toString());
    }

    @Test
    @DisplayName("IM-03: a MESSAGE the gateway sends over UDP, and its 200, appear in full for a selected peer")
    void sentMessage() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start();
             TestGateway gw = new TestGateway("""
                gateway.logging.wire { sip = true, peers = ["%3$s"] }
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                  routing.static-routes { "sip.example.net" = "sip:%3$s:%4$d;transport=udp" }
                }
                """.formatted(GW_IP, port, UA_IP, ua.port("udp"))).start()) {
            var m = new org.stoxgw.mapping.sip.SipRequest("MESSAGE", "sip:romeo@sip.example.net",
                    org.stoxgw.mapping.sip.NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter.newTag()),
                    org.stoxgw.mapping.sip.NameAddress.of("sip:romeo@sip.example.net"), gw.adapter.newCallId(), 1,
                    org.stoxgw.mapping.sip.SipHeaders.EMPTY, org.stoxgw.mapping.sip.SipBody.text("text/plain", "wire me out"));
            var o = gw.adapter.send(m).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, ((SipOutcome.Response) o).response().status());
        }
        assertTrue(wire.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("sent to " + UA_IP)
                && e.getFormattedMessage().contains("wire me out")), wire.list.toString());
        assertTrue(wire.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("received from " + UA_IP)
                && e.getFormattedMessage().contains("SIP/2.0 200 OK")), wire.list.toString());
    }
}
