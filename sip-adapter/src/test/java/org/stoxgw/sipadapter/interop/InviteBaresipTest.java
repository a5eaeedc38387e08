package org.stoxgw.sipadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
import org.stoxgw.sipadapter.SipTestGateways;
import org.stoxgw.sipadapter.invite.CallEnd;
import org.stoxgw.sipadapter.invite.CallRecorder;
import org.stoxgw.sipadapter.invite.CallRequest;
import org.stoxgw.sipadapter.invite.IncomingCall;
import org.stoxgw.sipadapter.invite.OutgoingCall;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.baresip.Baresip;

/**
 * The INVITE dialog layer and a real baresip phone (headless, auto-answer, PCMU): baresip calls a
 * gateway user and hangs up; the gateway calls baresip and hangs up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteBaresipTest {
    static final String GW_IP = TestNet.address(18);
    static final String BARESIP_IP = TestNet.address(42);
    static final String SDP = "v=0\r\no=gw 1 1 IN IP4 %1$s\r\ns=-\r\nc=IN IP4 %1$s\r\nt=0 0\r\n"
            + "m=audio %2$d RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    final CallRecorder core = new CallRecorder();
    final DefaultEventExecutor loop = new DefaultEventExecutor();
    SipTestGateways.Running gw;
    Baresip baresip;
    int port;

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = SipTestGateways.calls("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { name = "baresip", networks = ["%3$s"], domains = ["*"] } ]
                }
                """.formatted(GW_IP, port, BARESIP_IP), core);
        baresip = Baresip.start(Path.of("target", "peers"), BARESIP_IP, "sip:romeo@sip.example.net",
                List.of("\"juliet\" <sip:juliet@" + GW_IP + ":" + port + ">"));
    }

    @AfterAll
    void stop() {
        if (baresip != null) {
            baresip.close();
        }
        gw.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @BeforeEach
    void clean() {
        core.clear();
    }

    SipBody sdp() {
        return SipBody.text("application/sdp", SDP.formatted(GW_IP, FreePorts.tcpAndUdp(GW_IP)));
    }

    @Test
    @DisplayName("CHAT-11, CHAT-13, MEDIA-05: baresip calls a gateway user with a PCMU offer; 180, 200 with our answer, its ACK; its hang-up BYE ends the call")
    void baresipCallsTheGateway() {
        baresip.command("dial", "sip:juliet@" + GW_IP + ":" + port);
        IncomingCall call = core.nextCall();
        assertTrue(call.invite().body().utf8().contains("m=audio"), call.invite().body().utf8());
        assertEquals("sip:romeo@sip.example.net", call.invite().from().uri());
        CallRecorder.on(call, () -> call.provisional(180, "Ringing", SipBody.EMPTY));
        CallRecorder.on(call, () -> call.accept(sdp(), SipHeaders.EMPTY));
        core.next("confirmed");
        baresip.awaitOutput("(?i)established", Duration.ofSeconds(10));
        baresip.command("hangup", "");
        assertEquals(CallEnd.Cause.REMOTE_BYE, core.next("ended").end().cause());
    }

    @Test
    @DisplayName("CHAT-06, MEDIA-05: the gateway calls baresip; it answers with its SDP, gets our ACK, and our BYE ends the call on both sides")
    void theGatewayCallsBaresip() {
        OutgoingCall call = gw.adapter().invites().call(CallRequest.of("sip:romeo@" + BARESIP_IP + ":" + baresip.sipPort(),
                NameAddress.of("sip:juliet@xmpp.example.test"), NameAddress.of("sip:romeo@sip.example.net"), sdp()), loop, core);
        CallRecorder.Event answered = core.nextAfterProvisionals("answered");
        assertTrue(answered.body().utf8().contains("PCMU"), answered.body().utf8());
        baresip.awaitOutput("(?i)established", Duration.ofSeconds(10));
        CallRecorder.on(call, () -> call.hangup(Optional.empty()));
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.LOCAL_BYE, end.cause());
        assertEquals(200, end.status());
        baresip.awaitOutput("(?i)(terminated|closed)", Duration.ofSeconds(10));
    }
}
