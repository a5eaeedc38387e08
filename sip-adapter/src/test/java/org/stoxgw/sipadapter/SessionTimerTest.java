package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.sipadapter.invite.CallEnd;
import org.stoxgw.sipadapter.invite.CallRecorder;
import org.stoxgw.sipadapter.invite.CallRequest;
import org.stoxgw.sipadapter.invite.IncomingCall;
import org.stoxgw.sipadapter.invite.OutgoingCall;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.CallPeer;

/**
 * RFC 4028 session timers of the INVITE layer against the in-JVM phone, with a 2 s interval (Min-SE
 * 2 s: shorter than RFC 4028 allows on the wire, so that the test takes seconds). Refreshes are
 * the layer's: the core never sees them (AMB-V12).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTimerTest {
    static final String GW_IP = TestNet.address(11);
    static final String UA_IP = TestNet.address(22);
    static final String OFFER = AbstractInviteContractTest.OFFER;
    static final String ANSWER = AbstractInviteContractTest.ANSWER;
    final CallRecorder core = new CallRecorder();
    final DefaultEventExecutor loop = new DefaultEventExecutor();
    TestGateway gw;
    CallPeer phone;

    @BeforeAll
    void start() {
        int port = FreePorts.tcpAndUdp(GW_IP);
        gw = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { name = "phone", networks = ["%3$s/32"], domains = ["*"] } ]
                  invite { session-expires = 2s, min-se = 2s }
                }
                """.formatted(GW_IP, port, UA_IP), null, core).start();
        phone = CallPeer.start(UA_IP, "udp", GW_IP, port);
    }

    @AfterAll
    void stop() {
        phone.close();
        gw.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    OutgoingCall place() {
        return gw.adapter.invites().call(CallRequest.of(phone.uri("bob"), NameAddress.of("sip:juliet@xmpp.example.test"),
                NameAddress.of("sip:bob@sip.example.net"), SipBody.text("application/sdp", OFFER)), loop, core);
    }

    static String body(SIPRequest r) {
        return r.getRawContent() == null ? "" : new String(r.getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("AMB-V12, RFC 4028: as refresher the gateway re-INVITEs with its unchanged SDP at half the interval; the core sees no offer")
    void gatewayRefreshesByReinvite() throws Exception {
        OutgoingCall call = place();
        CallPeer.Incoming in = phone.nextCall();
        assertTrue(in.invite.toString().contains("Session-Expires: 2"), "the INVITE asks for the configured interval");
        in.respond(200, ANSWER, "Session-Expires: 2;refresher=uac", "Require: timer");
        core.next("answered");
        assertEquals("ACK", in.nextRequest().getMethod());
        SIPRequest refresh = in.nextRequest();
        assertEquals("INVITE", refresh.getMethod());
        assertEquals(OFFER, body(refresh), "the refresh carries the last SDP unchanged (RFC 3264 section 8)");
        assertEquals("ACK", in.nextRequest().getMethod());
        assertTrue(core.quiet(Duration.ofMillis(200)));
        CallRecorder.on(call, () -> call.hangup(Optional.empty()));
        core.next("ended");
    }

    @Test
    @DisplayName("RFC 4028: a peer that allows UPDATE gets an UPDATE without SDP as the refresh")
    void gatewayRefreshesByUpdate() {
        OutgoingCall call = place();
        CallPeer.Incoming in = phone.nextCall();
        in.respond(200, ANSWER, "Session-Expires: 2;refresher=uac", "Allow: INVITE", "Allow: UPDATE");
        core.next("answered");
        assertEquals("ACK", in.nextRequest().getMethod());
        SIPRequest refresh = in.nextRequest();
        assertEquals("UPDATE", refresh.getMethod());
        assertEquals("", body(refresh));
        CallRecorder.on(call, () -> call.hangup(Optional.empty()));
        core.next("ended");
    }

    @Test
    @DisplayName("RFC 4028 section 10: when the refresher (the phone) does not refresh, the gateway ends the call with BYE before the interval is over")
    void missingRefreshEndsTheCall() {
        place();
        CallPeer.Incoming in = phone.nextCall();
        in.respond(200, ANSWER, "Session-Expires: 2;refresher=uas");
        core.next("answered");
        assertEquals("ACK", in.nextRequest().getMethod());
        assertEquals("BYE", in.nextRequest().getMethod());
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.TIMEOUT, end.cause());
    }

    @Test
    @DisplayName("RFC 4028 section 8.1: an INVITE asking for less than Min-SE gets 422 with Min-SE")
    void tooShortInterval() {
        CallPeer.Outgoing out = phone.invite("sip:juliet@xmpp.example.test", "sip:romeo@sip.example.net", OFFER,
                "Supported: timer", "Session-Expires: 1");
        SIPResponse r = out.awaitFinal();
        assertEquals(422, r.getStatusCode());
        assertTrue(r.toString().contains("Min-SE: 2"), r.toString());
    }

    @Test
    @DisplayName("AMB-V12, RFC 4028 section 9: a caller supporting timers is made the refresher; its refresh is answered by the layer")
    void callerRefreshes() throws Exception {
        CallPeer.Outgoing out = phone.invite("sip:juliet@xmpp.example.test", "sip:romeo@sip.example.net", OFFER,
                "Supported: timer");
        IncomingCall call = core.nextCall();
        CallRecorder.on(call, () -> call.accept(SipBody.text("application/sdp", ANSWER), SipHeaders.EMPTY));
        SIPResponse ok = out.next();
        assertTrue(ok.toString().contains("Session-Expires: 2;refresher=uac"), ok.toString());
        core.next("confirmed");
        SIPResponse refreshed = out.send("UPDATE", null, "Session-Expires: 2;refresher=uac");
        assertEquals(200, refreshed.getStatusCode());
        assertTrue(core.quiet(Duration.ofMillis(200)), "no event for the refresh");
        assertEquals(200, out.bye().getStatusCode());
        core.next("ended");
    }
}
