package org.stoxgw.sipadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.sipadapter.SipTestGateways;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;

/** The SIP adapter against real SIPp scenarios (kept in src-test-fixtures/peers/sipp). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SippInteropTest {
    static final String GW_IP = TestNet.address(16);
    static final String SIPP_IP = TestNet.address(40);
    static final Path WORK = Path.of("target", "peers");
    SipTestGateways.Running gw;
    int port;

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = SipTestGateways.notifier("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { name = "sipp", networks = ["%3$s"], domains = ["sip.example.net"] } ]
                }
                """.formatted(GW_IP, port, SIPP_IP));
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    Sipp.Builder client(String scenario, String transport) {
        return Sipp.scenario(scenario, WORK).local(SIPP_IP, 0).remote(GW_IP, port).transport(transport).service("juliet")
                .key("to_domain", "xmpp.example.test").key("from_domain", "sip.example.net").key("from_user", "romeo");
    }

    static void passed(Sipp sipp) {
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(40)), sipp::report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @Order(1) // before subscribeNotify, whose notifier core stops answering other requests
    @DisplayName("CORE-09: SIPp sends MESSAGE over UDP and TCP; the core gets it and its 200 reaches SIPp")
    void messageIn(String transport) {
        try (Sipp sipp = client("uac-message", transport).key("body", "hello from sipp over " + transport).start()) {
            passed(sipp);
        }
        assertEquals("hello from sipp over " + transport, gw.recorder().expect().request().body().utf8().trim());
    }

    @Test
    @DisplayName("The gateway sends MESSAGE to SIPp; SIPp logs the body and the outcome is its 200")
    void messageOut() throws Exception {
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (Sipp sipp = Sipp.scenario("uas-message", WORK).local(SIPP_IP, sippPort).start()) {
            SipRequest m = new SipRequest("MESSAGE", "sip:sipp@" + SIPP_IP + ":" + sippPort,
                    NameAddress.of("sip:juliet@xmpp.example.test").withTag(gw.adapter().newTag()),
                    NameAddress.of("sip:sipp@" + SIPP_IP), gw.adapter().newCallId(), 1, SipHeaders.EMPTY,
                    SipBody.text("text/plain", "hello SIPp from the gateway"));
            SipOutcome o = gw.adapter().send(m).toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status());
            passed(sipp);
            assertTrue(sipp.scenarioLog().stream().anyMatch(l -> l.contains("body=hello SIPp from the gateway")),
                    sipp.scenarioLog().toString());
        }
    }

    @Test
    @DisplayName("SUBSCRIBE/NOTIFY: SIPp subscribes, gets an in-dialog NOTIFY with PIDF, unsubscribes in the dialog, gets the final NOTIFY")
    void subscribeNotify() {
        try (Sipp sipp = client("uac-subscribe", "udp").start()) {
            passed(sipp);
            String log = String.join("\n", sipp.scenarioLog());
            assertTrue(log.contains("PIDF-BASIC open"), log);
            assertTrue(log.contains("FINAL-NOTIFY Subscription-State: terminated"), log);
        }
    }

    @Test
    @DisplayName("OPTIONS: SIPp gets 200 with Allow, Accept and Supported")
    void options() {
        try (Sipp sipp = client("uac-options", "udp").start()) {
            passed(sipp);
        }
    }

    @Test
    @DisplayName("A malformed request from SIPp gets 400 naming the bad header")
    void malformed() {
        try (Sipp sipp = client("uac-malformed", "udp").start()) {
            passed(sipp);
        }
    }

    @Test
    @DisplayName("Unsupported methods from SIPp: INFO gets 405 with Allow, FOO gets 501")
    void unsupported() {
        try (Sipp sipp = client("uac-unsupported", "tcp").start()) {
            passed(sipp);
        }
    }
}
