package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

/** Every limit is a config key and is enforced with a clear answer; the outbound proxy takes every request. */
class LimitsTest {
    static final String GW_IP = TestNet.address(18);
    static final String UA_IP = TestNet.address(28);

    static TestGateway gateway(int port, String extra) {
        return new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["*"] } ]
                  %4$s
                }
                """.formatted(GW_IP, port, UA_IP, extra)).start();
    }

    static int send(SipTestAgent ua, String transport, int port, String text) {
        return ua.sendAndWait(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                .body("text/plain", text), transport, GW_IP, port).getStatusCode();
    }

    @Test
    @DisplayName("SEC-03 (amplification): a source over its request rate gets 503 with Retry-After")
    void rate() {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = gateway(port, "limits { peer-request-rate = 1, peer-request-burst = 2 }");
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            List<CompletableFuture<SIPResponse>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(ua.send(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                        .body("text/plain", "burst " + i), "tcp", GW_IP, port));
            }
            List<SIPResponse> answers = all.stream().map(CompletableFuture::join).toList();
            long refused = answers.stream().filter(r -> r.getStatusCode() == 503).count();
            assertTrue(refused >= 3, "at most the burst (2) and one refill get through: " + answers.stream()
                    .map(SIPResponse::getStatusCode).toList());
            SIPResponse r = answers.stream().filter(a -> a.getStatusCode() == 503).findFirst().orElseThrow();
            assertEquals("1", SipTestAgent.header(r, "Retry-After"));
            assertEquals(refused, gw.adapter.stats().getRejected().get("rate-limited"));
        }
    }

    @Test
    @DisplayName("Transactions in flight at the limit: the next request gets 503")
    void transactionsInFlight() {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = gateway(port, "limits.max-transactions = 1");
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            gw.handler.manualAnswers();
            var first = ua.send(ua.request("MESSAGE", "sip:juliet@xmpp.example.test").from("sip:romeo@sip.example.net")
                    .body("text/plain", "held"), "udp", GW_IP, port);
            InboundSipRequest held = gw.handler.expect();
            assertEquals(503, send(ua, "tcp", port, "too many"));
            held.respond(org.stoxgw.mapping.sip.SipResponse.of(200, "OK"));
            assertEquals(200, first.join().getStatusCode());
        }
    }

    @Test
    @DisplayName("A message larger than limits.max-message-size gets 513")
    void tooLarge() {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (TestGateway gw = gateway(port, "limits.max-message-size = 2k");
             SipTestAgent ua = SipTestAgent.builder().address(UA_IP).start()) {
            assertEquals(513, send(ua, "udp", port, "x".repeat(3000)));
        }
    }

    @Test
    @DisplayName("routing.outbound-proxy: a request for any domain goes to the proxy, no DNS asked")
    void outboundProxy() throws Exception {
        int port = FreePorts.tcpAndUdp(GW_IP);
        try (SipTestAgent proxy = SipTestAgent.builder().address(UA_IP).start();
             TestGateway gw = gateway(port, "routing.outbound-proxy = \"sip:" + UA_IP + ":" + proxy.port("tcp") + ";transport=tcp\"\n"
                     + "dns.servers = [\"192.0.2.1:9\"], dns.query-timeout = 200ms")) {
            SipRequest m = new SipRequest("MESSAGE", "sip:romeo@far-away.example", NameAddress.of("sip:juliet@xmpp.example.test")
                    .withTag(gw.adapter.newTag()), NameAddress.of("sip:romeo@far-away.example"), gw.adapter.newCallId(), 1,
                    SipHeaders.EMPTY, SipBody.text("text/plain", "via the proxy"));
            SipOutcome o = gw.adapter.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status());
            var got = proxy.expectRequest();
            assertEquals("sip:romeo@far-away.example", got.request().getRequestURI().toString());
            assertEquals("SIP/2.0/TCP", got.header("Via").split(" ")[0]);
        }
    }
}
