package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
import org.stoxgw.sipadapter.invite.CallState;
import org.stoxgw.sipadapter.invite.IncomingCall;
import org.stoxgw.sipadapter.invite.InviteMXBean;
import org.stoxgw.sipadapter.invite.OutgoingCall;
import org.stoxgw.sipadapter.invite.SipReason;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.CallPeer;

/**
 * The INVITE dialog layer against an in-JVM SIP phone (JAIN-SIP with automatic dialogs), both
 * directions, over each transport (subclasses): basic calls, early media, refusals, CANCEL, BYE
 * both ways, delayed offer; the JMX view counts the dialogs back to zero.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractInviteContractTest {
    static final String GW_IP = TestNet.address(10);
    static final String UA_IP = TestNet.address(21);
    static final String OFFER = "v=0\r\no=romeo 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    static final String ANSWER = "v=0\r\no=gw 7 7 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
            + "m=audio 50000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    final CallRecorder core = new CallRecorder();
    TestGateway gw;
    CallPeer phone;
    EventExecutor loop;
    int port;

    abstract String transport();

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        gw = new TestGateway("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"] }
                  trust.peers = [ { name = "phone", networks = ["%3$s/32"], domains = ["*"] } ]
                }
                """.formatted(GW_IP, port, UA_IP), null, core).start();
        phone = CallPeer.start(UA_IP, transport(), GW_IP, port);
        loop = new DefaultEventExecutor();
    }

    @org.junit.jupiter.api.BeforeEach
    void clean() {
        openBefore = gw.adapter.invites().openCalls();
        core.clear();
        phone.answerOffersWith(null);
        phone.holdOffers(false);
    }

    @AfterAll
    void stop() {
        if (phone != null) {
            phone.close();
        }
        if (gw != null) {
            gw.close();
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    InviteMXBean jmx() {
        return (InviteMXBean) gw.adapter.managedBeans().get("SipInvite");
    }

    /** Calls open when the test started (left by an earlier failed test): not this test's business. */
    int openBefore;

    void noDialogsLeft() {
        assertTrue(Eventually.holds(() -> gw.adapter.invites().openCalls() <= openBefore, Duration.ofSeconds(10)),
                "calls left open");
        if (openBefore == 0) {
            assertEquals(Map.of(), jmx().getDialogsByState());
        }
    }

    static SipBody sdp(String s) {
        return SipBody.text("application/sdp", s);
    }

    static String body(SIPRequest r) {
        return r.getRawContent() == null ? "" : new String(r.getRawContent(), StandardCharsets.UTF_8);
    }

    static String body(SIPResponse r) {
        return r.getRawContent() == null ? "" : new String(r.getRawContent(), StandardCharsets.UTF_8);
    }

    String gwUri(String user) {
        return "sip:" + user + "@xmpp.example.test";
    }

    OutgoingCall place(String offer) {
        CallRequest req = CallRequest.of(phone.uri("bob"), NameAddress.of("sip:juliet@xmpp.example.test"),
                NameAddress.of("sip:bob@sip.example.net"), offer == null ? SipBody.EMPTY : sdp(offer));
        return gw.adapter.invites().call(req, loop, core);
    }

    @Test
    @DisplayName("CHAT-11, CHAT-13, MEDIA-05: an INVITE with an offer reaches the core; 180, 200 with the answer, ACK, BYE answered 200")
    void incomingCallAnsweredAndHungUpByTheCaller() {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", OFFER);
        IncomingCall call = core.nextCall();
        assertEquals(OFFER, call.invite().body().utf8());
        assertEquals("sip:juliet@xmpp.example.test", call.invite().requestUri());
        assertEquals("phone", call.trustedPeer());
        CallRecorder.on(call, () -> call.provisional(180, "Ringing", SipBody.EMPTY));
        assertEquals(180, out.next().getStatusCode());
        CallRecorder.on(call, () -> call.accept(sdp(ANSWER), SipHeaders.EMPTY));
        SIPResponse ok = out.next();
        assertEquals(200, ok.getStatusCode());
        assertEquals(ANSWER, body(ok));
        assertNotNull(ok.getHeader("Contact"), "a 2xx to INVITE carries a Contact (RFC 3261 section 12.1.1)");
        core.next("confirmed");
        assertEquals(CallState.CONFIRMED, call.state());
        assertEquals(200, out.bye().getStatusCode());
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.REMOTE_BYE, end.cause());
        noDialogsLeft();
    }

    @Test
    @DisplayName("MEDIA-08 (early media): 183 with an early answer reaches the caller before the 200")
    void earlyMediaOnIncomingCall() {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", OFFER);
        IncomingCall call = core.nextCall();
        CallRecorder.on(call, () -> call.provisional(183, "Session Progress", sdp(ANSWER)));
        SIPResponse early = out.next();
        assertEquals(183, early.getStatusCode());
        assertEquals(ANSWER, body(early));
        assertEquals(CallState.EARLY, call.state());
        CallRecorder.on(call, () -> call.accept(sdp(ANSWER), SipHeaders.EMPTY));
        assertEquals(200, out.next().getStatusCode());
        core.next("confirmed");
        CallRecorder.on(call, () -> call.hangup(Optional.empty()));
        SIPRequest bye = out.nextRequest();
        assertEquals("BYE", bye.getMethod());
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.LOCAL_BYE, end.cause());
        assertEquals(200, end.status());
        noDialogsLeft();
    }

    @Test
    @DisplayName("A refused incoming call: 486 with its Reason header reaches the caller")
    void incomingCallRejected() {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", OFFER);
        IncomingCall call = core.nextCall();
        CallRecorder.on(call, () -> call.reject(486, "Busy Here", Optional.of(SipReason.sip(486, "busy"))));
        SIPResponse busy = out.awaitFinal();
        assertEquals(486, busy.getStatusCode());
        assertEquals("SIP;cause=486;text=\"busy\"", busy.getHeader("Reason").toString().substring("Reason: ".length()).trim());
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.REJECTED, end.cause());
        noDialogsLeft();
        assertTrue(jmx().getFailuresByStatus().containsKey("486"));
    }

    @Test
    @DisplayName("CANCEL of a ringing incoming call: 200 to the CANCEL, 487 to the INVITE, the core told")
    void incomingCallCancelled() {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", OFFER);
        IncomingCall call = core.nextCall();
        CallRecorder.on(call, () -> call.provisional(180, "Ringing", SipBody.EMPTY));
        assertEquals(180, out.next().getStatusCode());
        out.cancel();
        assertEquals(487, out.awaitFinal().getStatusCode());
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.REMOTE_CANCEL, end.cause());
        noDialogsLeft();
    }

    @Test
    @DisplayName("AMB-V11: delayed offer: an INVITE without SDP, our offer in the 200, the answer from the ACK")
    void incomingDelayedOffer() {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", null);
        IncomingCall call = core.nextCall();
        assertTrue(call.invite().body().isEmpty());
        CallRecorder.on(call, () -> call.accept(sdp(ANSWER), SipHeaders.EMPTY));
        SIPResponse ok = out.next();
        assertEquals(200, ok.getStatusCode());
        out.ack(ok, OFFER);
        assertEquals(OFFER, core.next("confirmed").body().utf8());
        assertEquals(200, out.bye().getStatusCode());
        core.next("ended");
        noDialogsLeft();
    }

    @Test
    @DisplayName("CHAT-06, MEDIA-05: an outgoing call: 180, 183 with early SDP, 200 with the answer, ACK, then our BYE")
    void outgoingCallAnsweredAndHungUpByTheGateway() {
        OutgoingCall call = place(OFFER);
        CallPeer.Incoming in = phone.nextCall();
        assertEquals(OFFER, body(in.invite));
        assertNotNull(in.invite.getHeader("Contact"));
        in.respond(180, null);
        assertEquals(180, core.next("provisional").response().status());
        in.respond(183, ANSWER);
        CallRecorder.Event early = core.next("provisional");
        assertEquals(183, early.response().status());
        assertEquals(ANSWER, early.body().utf8());
        in.respond(200, ANSWER);
        CallRecorder.Event answered = core.next("answered");
        assertEquals(ANSWER, answered.body().utf8());
        assertEquals("ACK", in.nextRequest().getMethod(), "CHAT-06: the gateway ACKs the 200 on the user's behalf");
        assertEquals(CallState.CONFIRMED, call.state());
        CallRecorder.on(call, () -> call.hangup(Optional.of(SipReason.sip(200, "done"))));
        SIPRequest bye = in.nextRequest();
        assertEquals("BYE", bye.getMethod());
        assertNotNull(bye.getHeader("Reason"));
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.LOCAL_BYE, end.cause());
        noDialogsLeft();
    }

    @Test
    @DisplayName("An outgoing call the callee hangs up: BYE from the callee ends it")
    void outgoingCallHungUpByTheCallee() {
        OutgoingCall call = place(OFFER);
        CallPeer.Incoming in = phone.nextCall();
        in.respond(200, ANSWER);
        core.next("answered");
        assertEquals("ACK", in.nextRequest().getMethod());
        assertEquals(200, in.bye().getStatusCode());
        assertEquals(CallEnd.Cause.REMOTE_BYE, core.next("ended").end().cause());
        assertEquals(CallState.TERMINATED, call.state());
        noDialogsLeft();
    }

    @Test
    @DisplayName("An outgoing call refused with 486 and a Reason: the core gets the status and the Reason")
    void outgoingCallRejected() {
        place(OFFER);
        CallPeer.Incoming in = phone.nextCall();
        in.respond(486, null);
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.REJECTED, end.cause());
        assertEquals(486, end.status());
        noDialogsLeft();
    }

    @Test
    @DisplayName("Hanging up a ringing outgoing call sends CANCEL; the 487 ends it as cancelled")
    void outgoingCallCancelled() {
        OutgoingCall call = place(OFFER);
        CallPeer.Incoming in = phone.nextCall();
        in.respond(180, null);
        core.next("provisional");
        CallRecorder.on(call, () -> call.hangup(Optional.of(SipReason.sip(487, "caller gave up"))));
        SIPRequest cancel = in.nextRequest();
        assertEquals("CANCEL", cancel.getMethod());
        in.respond(487, null);
        CallEnd end = core.next("ended").end();
        assertEquals(CallEnd.Cause.LOCAL_CANCEL, end.cause());
        assertEquals(487, end.status());
        noDialogsLeft();
    }

    @Test
    @DisplayName("AMB-V11: an outgoing delayed offer: INVITE without SDP, offer in the 200, our answer in the ACK")
    void outgoingDelayedOffer() {
        OutgoingCall call = place(null);
        CallPeer.Incoming in = phone.nextCall();
        assertEquals("", body(in.invite));
        in.respond(200, OFFER);
        CallRecorder.Event answered = core.next("answered");
        assertEquals(OFFER, answered.body().utf8());
        CallRecorder.on(call, () -> call.ack(sdp(ANSWER)));
        SIPRequest ack = in.nextRequest();
        assertEquals("ACK", ack.getMethod());
        assertEquals(ANSWER, body(ack));
        CallRecorder.on(call, () -> call.hangup(Optional.empty()));
        assertEquals("BYE", in.nextRequest().getMethod());
        core.next("ended");
        noDialogsLeft();
    }

    static final String HOLD = OFFER.replace("o=romeo 1 1", "o=romeo 1 2").replace("a=sendrecv", "a=sendonly");
    static final String HELD = ANSWER.replace("o=gw 7 7", "o=gw 7 8").replace("a=sendrecv", "a=recvonly");

    /** An incoming call the phone placed and the core answered, confirmed. */
    CallPeer.Outgoing confirmedIncoming(IncomingCall[] call) {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", OFFER);
        call[0] = core.nextCall();
        IncomingCall c = call[0];
        CallRecorder.on(c, () -> c.accept(sdp(ANSWER), SipHeaders.EMPTY));
        assertEquals(200, out.next().getStatusCode());
        core.next("confirmed");
        return out;
    }

    void hangUp(CallPeer.Outgoing out) {
        assertEquals(200, out.bye().getStatusCode());
        core.next("ended");
        noDialogsLeft();
    }

    @Test
    @DisplayName("AMB-V12, MEDIA-21: a re-INVITE putting the call on hold reaches the core as an offer; its answer goes back in the 200")
    void reinviteFromThePhone() {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        CallPeer.Outgoing[] box = {out};
        java.util.concurrent.CompletableFuture<SIPResponse> resp = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> box[0].send("INVITE", HOLD));
        CallRecorder.Event offer = core.next("offer");
        assertEquals("INVITE", offer.renegotiation().method());
        assertEquals(HOLD, offer.renegotiation().request().body().utf8());
        CallRecorder.on(call[0], () -> offer.renegotiation().accept(sdp(HELD)));
        SIPResponse ok = resp.join();
        assertEquals(200, ok.getStatusCode());
        assertEquals(HELD, body(ok));
        assertEquals(HOLD, call[0].remoteSdp().orElseThrow().utf8());
        hangUp(out);
    }

    @Test
    @DisplayName("AMB-V12: a re-INVITE with the last SDP unchanged (a refresh) is answered by the layer with our last SDP, the core sees nothing")
    void refreshReinviteNeverReachesTheCore() throws Exception {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        SIPResponse ok = out.send("INVITE", OFFER);
        assertEquals(200, ok.getStatusCode());
        assertEquals(ANSWER, body(ok));
        assertEquals(200, out.send("UPDATE", null).getStatusCode());
        assertTrue(core.quiet(Duration.ofMillis(300)), "no event for a refresh");
        hangUp(out);
    }

    @Test
    @DisplayName("An UPDATE (RFC 3311) with a new offer from the phone reaches the core; rejected with 488 the session stays")
    void updateFromThePhoneRejected() {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        CallPeer.Outgoing[] box = {out};
        java.util.concurrent.CompletableFuture<SIPResponse> resp = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> box[0].send("UPDATE", HOLD));
        CallRecorder.Event offer = core.next("offer");
        assertEquals("UPDATE", offer.renegotiation().method());
        CallRecorder.on(call[0], () -> offer.renegotiation().reject(488, "Not Acceptable Here"));
        assertEquals(488, resp.join().getStatusCode());
        assertEquals(CallState.CONFIRMED, call[0].state());
        hangUp(out);
    }

    @Test
    @DisplayName("MEDIA-20 (SIP half): the gateway re-INVITEs with a sendonly offer; the 200's answer completes the stage, the phone gets the ACK")
    void reinviteFromTheGateway() throws Exception {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        phone.answerOffersWith(HOLD);
        java.util.concurrent.CompletableFuture<org.stoxgw.mapping.sip.SipResponse> done =
                CallRecorder.stage(call[0], () -> call[0].reinvite(sdp(HELD)));
        SIPRequest reinvite = out.nextRequest();
        assertEquals("INVITE", reinvite.getMethod());
        assertTrue(body(reinvite).contains("a=recvonly"));
        org.stoxgw.mapping.sip.SipResponse r = done.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(HOLD, r.body().utf8());
        assertEquals("ACK", out.nextRequest().getMethod());
        phone.answerOffersWith(null);
        hangUp(out);
    }

    @Test
    @DisplayName("Glare (RFC 3261 section 14.1): the gateway's re-INVITE answered 491 is sent again after a random wait and then succeeds")
    void glareRetried() throws Exception {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        phone.answerNextWith(491);
        java.util.concurrent.CompletableFuture<org.stoxgw.mapping.sip.SipResponse> done =
                CallRecorder.stage(call[0], () -> call[0].reinvite(sdp(HELD)));
        assertEquals("INVITE", out.nextRequest().getMethod());
        assertEquals("INVITE", out.nextRequest().getMethod(), "sent again after the 491");
        assertEquals(200, done.get(10, java.util.concurrent.TimeUnit.SECONDS).status());
        hangUp(out);
    }

    @Test
    @DisplayName("Glare (RFC 3261 section 14.2): a re-INVITE from the phone while the gateway's own is pending gets 491")
    void glareAnswered491() throws Exception {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        phone.holdOffers(true);
        try {
            CallRecorder.on(call[0], () -> call[0].reinvite(sdp(HELD)));
            CallPeer.Held ours = phone.held.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(ours, "the gateway's re-INVITE");
            assertEquals(491, out.send("UPDATE", HOLD).getStatusCode());
            ours.respond(200, HOLD);
        } finally {
            phone.holdOffers(false);
        }
        hangUp(out);
    }

    @Test
    @DisplayName("INFO both ways: DTMF relay from the phone reaches the core, a trickle-ice INFO (RFC 8840) from the gateway reaches the phone")
    void infoBothWays() throws Exception {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        CallPeer.Outgoing[] box = {out};
        java.util.concurrent.CompletableFuture<SIPResponse> resp = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> box[0].send("INFO", null, "Content-Type: application/dtmf-relay"));
        CallRecorder.Event info = core.next("info");
        CallRecorder.on(call[0], () -> info.info().respond(200, "OK"));
        assertEquals(200, resp.join().getStatusCode());
        java.util.concurrent.CompletableFuture<org.stoxgw.mapping.sip.SipResponse> done = CallRecorder.stage(call[0],
                () -> call[0].info(SipBody.text("application/trickle-ice-sdpfrag",
                        "a=candidate:1 1 UDP 2130706431 192.0.2.9 50000 typ host\r\n"), SipHeaders.of("Info-Package", "trickle-ice")));
        SIPRequest got = out.nextRequest();
        assertEquals("INFO", got.getMethod());
        assertTrue(body(got).contains("a=candidate:1"));
        assertEquals(200, done.get(10, java.util.concurrent.TimeUnit.SECONDS).status());
        hangUp(out);
    }

    @Test
    @DisplayName("MEDIA-24, RFC 3262: the phone sends 183 with its answer reliably; the gateway PRACKs it and keeps the early answer for a 2xx without SDP")
    void reliableProvisionalToTheGateway() {
        OutgoingCall call = place(OFFER);
        CallPeer.Incoming in = phone.nextCall();
        assertTrue(String.valueOf(in.invite.getHeader("Supported")).contains("100rel")
                || in.invite.toString().contains("100rel"), "the INVITE says Supported: 100rel");
        in.respondReliably(183, ANSWER);
        assertEquals(183, core.next("provisional").response().status());
        assertEquals("PRACK", in.nextRequest().getMethod());
        in.respond(200, null);
        core.next("answered");
        assertEquals("ACK", in.nextRequest().getMethod());
        assertEquals(ANSWER, call.remoteSdp().orElseThrow().utf8(), "MEDIA-24: the stored early answer");
        CallRecorder.on(call, () -> call.hangup(Optional.empty()));
        assertEquals("BYE", in.nextRequest().getMethod());
        core.next("ended");
        noDialogsLeft();
    }

    @Test
    @DisplayName("RFC 3262: a caller that supports 100rel gets the gateway's 183 with SDP reliably; the 200 waits for its PRACK")
    void reliableProvisionalFromTheGateway() {
        CallPeer.Outgoing out = phone.invite(gwUri("juliet"), "sip:romeo@sip.example.net", OFFER, "Supported: 100rel");
        IncomingCall call = core.nextCall();
        CallRecorder.on(call, () -> call.provisional(183, "Session Progress", sdp(ANSWER)));
        CallRecorder.on(call, () -> call.accept(sdp(ANSWER), SipHeaders.EMPTY));
        SIPResponse early = out.next();
        assertEquals(183, early.getStatusCode());
        assertNotNull(early.getHeader("RSeq"), "sent reliably");
        assertEquals(200, out.pracks.stream().findFirst().map(r -> r.getStatusCode()).orElseGet(() -> {
            try {
                return out.pracks.poll(10, java.util.concurrent.TimeUnit.SECONDS).getStatusCode();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        assertEquals(200, out.next().getStatusCode());
        core.next("confirmed");
        hangUp(out);
    }

    @Test
    @DisplayName("A BYE for a dialog the gateway does not have gets 481")
    void unknownDialog() {
        IncomingCall[] call = new IncomingCall[1];
        CallPeer.Outgoing out = confirmedIncoming(call);
        hangUp(out);
        assertEquals(481, out.bye().getStatusCode());
    }
}
