package org.stoxgw.sipadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.sipadapter.SipTestGateways;
import org.stoxgw.sipadapter.invite.CallEnd;
import org.stoxgw.sipadapter.invite.CallRecorder;
import org.stoxgw.sipadapter.invite.CallRequest;
import org.stoxgw.sipadapter.invite.IncomingCall;
import org.stoxgw.sipadapter.invite.OutgoingCall;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;

/** The INVITE dialog layer against SIPp (src-test-fixtures/peers/sipp), as callee and as caller. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteSippTest {
    static final String GW_IP = TestNet.address(17);
    static final String SIPP_IP = TestNet.address(41);
    static final Path WORK = Path.of("target", "peers");
    static final String ANSWER = "v=0\r\no=gw 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
            + "m=audio 50000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    final CallRecorder core = new CallRecorder();
    final DefaultEventExecutor loop = new DefaultEventExecutor();
    SipTestGateways.Running gw;
    int port;

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = SipTestGateways.calls("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { name = "sipp", networks = ["%3$s"], domains = ["*"] } ]
                }
                """.formatted(GW_IP, port, SIPP_IP), core);
    }

    @org.junit.jupiter.api.BeforeEach
    void clean() {
        core.clear();
    }

    @AfterAll
    void stop() {
        gw.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static void passed(Sipp sipp) {
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(40)), sipp::report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("CHAT-11, CHAT-13: SIPp calls a gateway user: 180, 200 with the answer, SIPp's ACK and BYE reach the core")
    void sippCallsTheGateway(String transport) {
        try (Sipp sipp = Sipp.scenario("uac-invite", WORK).local(SIPP_IP, 0).remote(GW_IP, port).transport(transport)
                .service("juliet").key("to_domain", "xmpp.example.test").key("from_domain", "sip.example.net")
                .key("from_user", "romeo").arg("-d", "500").start()) {
            IncomingCall call = core.nextCall();
            assertTrue(call.invite().body().utf8().contains("m=audio"));
            CallRecorder.on(call, () -> call.provisional(180, "Ringing", SipBody.EMPTY));
            CallRecorder.on(call, () -> call.accept(SipBody.text("application/sdp", ANSWER), SipHeaders.EMPTY));
            core.next("confirmed");
            assertEquals(CallEnd.Cause.REMOTE_BYE, core.next("ended").end().cause());
            passed(sipp);
            assertTrue(String.join("\n", sipp.scenarioLog()).contains("SDP-ANSWER m=audio 50000 RTP/AVP 0"),
                    sipp.scenarioLog().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    @DisplayName("CHAT-06: the gateway calls SIPp: 180, 200 with SIPp's answer, our ACK, then our BYE answered 200")
    void theGatewayCallsSipp(String transport) {
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (Sipp sipp = Sipp.scenario("uas-invite", WORK).local(SIPP_IP, sippPort).transport(transport).start()) {
            String offer = "v=0\r\no=gw 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                    + "m=audio 50000 RTP/AVP 0 8\r\na=sendrecv\r\n";
            OutgoingCall call = gw.adapter().invites().call(CallRequest.of(
                    "sip:sipp@" + SIPP_IP + ":" + sippPort + ";transport=" + transport,
                    NameAddress.of("sip:juliet@xmpp.example.test"), NameAddress.of("sip:sipp@sip.example.net"),
                    SipBody.text("application/sdp", offer)), loop, core);
            assertEquals(180, core.next("provisional").response().status());
            assertTrue(core.next("answered").body().utf8().contains("m=audio"));
            CallRecorder.on(call, () -> call.hangup(Optional.empty()));
            CallEnd end = core.next("ended").end();
            assertEquals(CallEnd.Cause.LOCAL_BYE, end.cause());
            assertEquals(200, end.status());
            passed(sipp);
            assertTrue(String.join("\n", sipp.scenarioLog()).contains("SDP-OFFER m=audio 50000 RTP/AVP 0 8"),
                    sipp.scenarioLog().toString());
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("MEDIA-31, MEDIA-34, MEDIA-35: a forking callee (SIPp): both early dialogs' 18x go up, one 200 goes up, the late 200 of the other branch is ACKed and BYEd by the layer")
    void forkedAnswers() throws InterruptedException {
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (Sipp sipp = Sipp.scenario("uas-fork", WORK).local(SIPP_IP, sippPort).start()) {
            OutgoingCall call = gw.adapter().invites().call(CallRequest.of("sip:sipp@" + SIPP_IP + ":" + sippPort,
                    NameAddress.of("sip:juliet@xmpp.example.test"), NameAddress.of("sip:sipp@sip.example.net"),
                    SipBody.text("application/sdp", ANSWER)), loop, core);
            CallRecorder.Event a = core.next("provisional");
            CallRecorder.Event b = core.next("provisional");
            assertTrue(a.response().headers().first("To").orElseThrow().contains("forkA"));
            assertTrue(b.response().headers().first("To").orElseThrow().contains("forkB"));
            CallRecorder.Event answered = core.next("answered");
            assertTrue(answered.response().headers().first("To").orElseThrow().contains("forkB"));
            assertTrue(core.quiet(Duration.ofSeconds(1)), "the losing branch's 200 is not surfaced (MEDIA-34)");
            assertEquals("forkB", call.remoteTag().orElseThrow().replaceAll("\\d+$", ""));
            CallRecorder.on(call, () -> call.hangup(Optional.empty()));
            assertEquals(CallEnd.Cause.LOCAL_BYE, core.next("ended").end().cause());
            passed(sipp);
            String log = String.join("\n", sipp.scenarioLog());
            assertTrue(log.contains("ACK1 tag=forkB") && log.contains("ACK2 tag=forkA"), log);
            assertTrue(log.contains("BYE1 tag=forkA") && log.contains("BYE2 tag=forkB"), "MEDIA-35: the other branch is BYEd " + log);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("SIPp cancels a ringing call: 200 to the CANCEL, 487 to the INVITE, the core told with SIPp's Reason")
    void sippCancels() {
        try (Sipp sipp = Sipp.scenario("uac-invite-cancel", WORK).local(SIPP_IP, 0).remote(GW_IP, port).service("juliet")
                .key("to_domain", "xmpp.example.test").key("from_domain", "sip.example.net").key("from_user", "romeo").start()) {
            IncomingCall call = core.nextCall();
            CallRecorder.on(call, () -> call.provisional(180, "Ringing", SipBody.EMPTY));
            CallEnd end = core.next("ended").end();
            assertEquals(CallEnd.Cause.REMOTE_CANCEL, end.cause());
            assertEquals("caller gave up", end.reason().orElseThrow().text());
            passed(sipp);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("RFC 3262: SIPp requires 100rel; the gateway's 183 with early SDP goes reliably, SIPp's PRACK is answered, then 200, ACK, BYE")
    void sippRequires100rel() {
        try (Sipp sipp = Sipp.scenario("uac-invite-100rel", WORK).local(SIPP_IP, 0).remote(GW_IP, port).service("juliet")
                .key("to_domain", "xmpp.example.test").key("from_domain", "sip.example.net").key("from_user", "romeo").start()) {
            IncomingCall call = core.nextCall();
            CallRecorder.on(call, () -> call.provisional(183, "Session Progress", SipBody.text("application/sdp", ANSWER)));
            CallRecorder.on(call, () -> call.accept(SipBody.text("application/sdp", ANSWER), SipHeaders.EMPTY));
            core.next("confirmed");
            assertEquals(CallEnd.Cause.REMOTE_BYE, core.next("ended").end().cause());
            passed(sipp);
            String log = String.join("\n", sipp.scenarioLog());
            assertTrue(log.contains("RELIABLE-183 RSeq=") && log.contains("m=audio 50000"), log);
            assertTrue(log.contains("INVITE-200 refresher=uac"), "RFC 4028: a caller supporting timers refreshes " + log);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("MEDIA-24, RFC 3262: SIPp answers with a reliable 183 carrying SDP and a 200 without; the gateway PRACKs and keeps the early answer")
    void sippSendsReliable183() {
        int sippPort = FreePorts.tcpAndUdp(SIPP_IP);
        try (Sipp sipp = Sipp.scenario("uas-invite-100rel", WORK).local(SIPP_IP, sippPort).start()) {
            OutgoingCall call = gw.adapter().invites().call(CallRequest.of("sip:sipp@" + SIPP_IP + ":" + sippPort,
                    NameAddress.of("sip:juliet@xmpp.example.test"), NameAddress.of("sip:sipp@sip.example.net"),
                    SipBody.text("application/sdp", ANSWER)), loop, core);
            assertEquals(183, core.next("provisional").response().status());
            CallRecorder.Event answered = core.next("answered");
            assertTrue(answered.body().isEmpty());
            assertTrue(call.remoteSdp().orElseThrow().utf8().contains("m=audio"), "MEDIA-24: the early answer is kept");
            CallRecorder.on(call, () -> call.hangup(Optional.empty()));
            core.next("ended");
            passed(sipp);
            String log = String.join("\n", sipp.scenarioLog());
            assertTrue(log.contains("INVITE-SUPPORTED 100rel") && log.contains("PRACK-RACK 1 1 INVITE"), log);
        }
    }
}
