package org.stoxgw.sipadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.sipadapter.SipTestGateways;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.baresip.Baresip;

/** The SIP adapter and a real baresip user agent, driven headless: MESSAGE both ways (CORE-09, UDP). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaresipInteropTest {
    static final String GW_IP = TestNet.address(17);
    static final String BARESIP_IP = TestNet.address(41);
    SipTestGateways.Running gw;
    Baresip baresip;
    int port;

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = SipTestGateways.notifier("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { name = "baresip", networks = ["%3$s"], domains = ["sip.example.net"] } ]
                }
                """.formatted(GW_IP, port, BARESIP_IP));
        baresip = Baresip.start(Path.of("target", "peers"), BARESIP_IP, "sip:romeo@sip.example.net",
                List.of("\"juliet\" <sip:juliet@" + GW_IP + ":" + port + ">"));
    }

    @AfterAll
    void stop() {
        if (baresip != null) {
            baresip.close();
        }
        gw.close();
    }

    @Test
    @DisplayName("baresip sends MESSAGE to the gateway; the core receives romeo's text")
    void fromBaresip() {
        baresip.command("message", "hello gateway from baresip");
        InboundSipRequest in = gw.recorder().expect();
        assertEquals("MESSAGE", in.request().method());
        assertEquals("hello gateway from baresip", in.request().body().utf8());
        assertEquals("sip:romeo@sip.example.net", in.request().from().uri());
    }

    @Test
    @DisplayName("The gateway sends MESSAGE to baresip; baresip shows it and answers 200")
    void toBaresip() throws Exception {
        SipRequest m = new SipRequest("MESSAGE", "sip:romeo@" + BARESIP_IP + ":" + baresip.sipPort(),
                NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter().newTag()),
                NameAddress.of("sip:romeo@sip.example.net"), gw.adapter().newCallId(), 1, SipHeaders.EMPTY,
                SipBody.text("text/plain", "hello baresip from the gateway"));
        SipOutcome o = gw.adapter().send(m).toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status());
        baresip.awaitOutput("hello baresip from the gateway", Duration.ofSeconds(10));
    }
}
