package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.dns.Dnsmasq;
import org.stoxgw.testfixtures.sip.ReceivedRequest;
import org.stoxgw.testfixtures.sip.SipTestAgent;

/**
 * Outgoing requests find their way by RFC 3263 through a real dnsmasq (NAPTR, SRV, A), unless a
 * static route or the outbound proxy says otherwise. CORE-09: UDP or TCP as DNS says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsRoutingTest {
    static final String GW_IP = TestNet.address(11);
    static final String UA_IP = TestNet.address(21);
    static final String DNS_IP = TestNet.address(54);
    Dnsmasq dns;
    SipTestAgent ua;
    TestGateway gw;

    @BeforeAll
    void start() {
        ua = SipTestAgent.builder().address(UA_IP).port(5060).start();
        dns = Dnsmasq.builder(Path.of("target", "peers"), DNS_IP).zone("test")
                .host("ua.test", UA_IP).host("a-only.test", UA_IP)
                .naptr("naptr.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.naptr.test")
                .srv("_sip._tcp.naptr.test", "ua.test", ua.port("tcp"), 10, 10)
                .srv("_sip._udp.srv-only.test", "ua.test", ua.port("udp"), 10, 10)
                .start();
        int port = FreePorts.tcpAndUdp(GW_IP);
        gw = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  dns.servers = ["%3$s:%4$d"]
                  routing.static-routes { "static.test" = "%5$s:%6$d;transport=tcp" }
                  timeouts.t1 = 100ms
                }
                """.formatted(GW_IP, port, DNS_IP, dns.address().getPort(), UA_IP, ua.port("tcp"))).start();
    }

    @AfterAll
    void stop() {
        gw.close();
        ua.close();
        dns.close();
    }

    @BeforeEach
    void reset() {
        ua.reset();
    }

    SipOutcome send(String domain) throws Exception {
        SipRequest m = new SipRequest("MESSAGE", "sip:romeo@" + domain,
                NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter.newTag()), NameAddress.of("sip:romeo@" + domain),
                gw.adapter.newCallId(), 1, SipHeaders.EMPTY, SipBody.text("text/plain", "via " + domain));
        return gw.adapter.send(m).toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    String viaTransport(ReceivedRequest r) {
        return r.header("Via").split(" ")[0];
    }

    @Test
    @DisplayName("CORE-09: NAPTR says TCP: the MESSAGE goes over TCP to the SRV target")
    void naptrToSrv() throws Exception {
        SipOutcome o = send("naptr.test");
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status(), o.toString());
        ReceivedRequest r = ua.expectRequest();
        assertEquals("SIP/2.0/TCP", viaTransport(r));
        assertTrue(dns.log().stream().anyMatch(l -> l.contains("query[NAPTR] naptr.test")));
    }

    @Test
    @DisplayName("CORE-09: no NAPTR: the SRV record for UDP is used")
    void srvWithoutNaptr() throws Exception {
        SipOutcome o = send("srv-only.test");
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status(), o.toString());
        assertEquals("SIP/2.0/UDP", viaTransport(ua.expectRequest()));
    }

    @Test
    @DisplayName("No NAPTR and no SRV: the A record, UDP, port 5060")
    void aRecordOnly() throws Exception {
        SipOutcome o = send("a-only.test");
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status(), o.toString());
        assertEquals("SIP/2.0/UDP", viaTransport(ua.expectRequest()));
    }

    @Test
    @DisplayName("A domain without any record: the outcome is UNRESOLVABLE")
    void unresolvable() throws Exception {
        SipOutcome.Failure f = assertInstanceOf(SipOutcome.Failure.class, send("nowhere.test"));
        assertEquals(SipOutcome.Kind.UNRESOLVABLE, f.kind());
    }

    @Test
    @DisplayName("A static route wins over DNS (no record exists for the domain)")
    void staticRoute() throws Exception {
        SipOutcome o = send("static.test");
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status(), o.toString());
        assertEquals("SIP/2.0/TCP", viaTransport(ua.expectRequest()));
    }
}
