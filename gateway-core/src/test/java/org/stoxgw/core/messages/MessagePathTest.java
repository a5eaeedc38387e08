package org.stoxgw.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.core.engine.Traffic.Outcome;
import org.stoxgw.core.routing.FakeSipPort;
import org.stoxgw.core.routing.FakeXmppPort;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressPolicy;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * The message path with both adapters faked: when the SIP sender is answered and with what
 * (AMB-M01/M02), what the XMPP sender gets back (table 2.4), the size policy, the counters and the
 * drain. No timing assertions: windows are either long (the event decides) or short (we wait for it).
 */
class MessagePathTest {
    static final AddressMapper ADDRESSES = new AddressMapper(AddressPolicy.of(
            List.of(new DomainPair("sip.example.test", "sip.example.test")),
            List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")),
            List.of(new DomainPair("gw.example.test", "gw.example.test"))));

    Engine engine;
    final Traffic traffic = new Traffic();
    final FakeSipPort sip = new FakeSipPort();
    final FakeXmppPort xmpp = new FakeXmppPort();

    MessagePath path(Duration window, Duration answerTimeout, int maxRequestSize, int maxSessions) {
        engine = new Engine(2, maxSessions);
        MessageSettings d = MessageSettings.DEFAULTS;
        MessageSettings s = new MessageSettings(window, answerTimeout, d.maxBodySize(), maxRequestSize, d.maxXmlDepth(),
                d.maxCpimHeaders(), true, true, true, true, d.composingRefresh(), 100);
        return new MessagePath(new RoutingContext(engine, traffic, sip, xmpp, ADDRESSES, null), s);
    }

    MessagePath path(boolean receipts, boolean chatStates) {
        engine = new Engine(2, 1000);
        MessageSettings d = MessageSettings.DEFAULTS;
        MessageSettings s = new MessageSettings(Duration.ZERO, d.answerTimeout(), d.maxBodySize(), d.maxRequestSize(),
                d.maxXmlDepth(), d.maxCpimHeaders(), true, true, receipts, chatStates, d.composingRefresh(), 100);
        return new MessagePath(new RoutingContext(engine, traffic, sip, xmpp, ADDRESSES, null), s);
    }

    MessagePath path(Duration window) {
        return path(window, Duration.ofSeconds(30), MessageSettings.DEFAULTS.maxRequestSize(), 1000);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            assertTrue(engine.awaitDrained(Duration.ofSeconds(10)), "every message in flight ends (graceful stop drains)");
            engine.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    static FakeInboundRequest message(String from, String to, SipBody body) {
        return new FakeInboundRequest(new SipRequest("MESSAGE", to, NameAddress.parse(from + ";tag=t1"), NameAddress.parse(to),
                "call-1@sip.example.test", 1, SipHeaders.EMPTY, body));
    }

    static FakeInboundRequest hello() {
        return message("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test", SipBody.text("text/plain", "hello"));
    }

    /** Parses a stanza as the XMPP adapter hands it over (Smack model, jabber:client). */
    static Message stanza(String xml) {
        String s = xml.replaceFirst("^<message ", "<message xmlns='jabber:client' ");
        try {
            return (Message) org.jivesoftware.smack.util.PacketParserUtils.parseStanza(
                    org.jivesoftware.smack.util.PacketParserUtils.getParserFor(s),
                    org.jivesoftware.smack.packet.XmlEnvironment.EMPTY, org.jxmpp.JxmppContext.getDefaultContext());
        } catch (Exception e) {
            throw new AssertionError(xml, e);
        }
    }

    static InboundStanza inbound(Message m) {
        return new InboundStanza(m, m.getFrom() == null ? "" : m.getFrom().getDomain().toString(),
                m.getTo() == null ? "" : m.getTo().getDomain().toString());
    }

    static Message bounceOf(Message sent, Condition condition) {
        return StanzaBuilder.buildMessage(sent.getStanzaId()).ofType(Message.Type.error).from(sent.getTo()).to(sent.getFrom())
                .setError(StanzaError.getBuilder(condition).build()).build();
    }

    void assertBalanced(Direction d) {
        assertEquals(traffic.get(d, Outcome.RECEIVED),
                traffic.get(d, Outcome.DELIVERED) + traffic.get(d, Outcome.REJECTED) + traffic.get(d, Outcome.FAILED),
                "received = delivered + rejected + failed: " + traffic.snapshot(d));
    }

    // ------------------------------------------------------------------ SIP -> XMPP

    @Test
    @DisplayName("AMB-M01 / MSG-04 / MSG-03: 202 Accepted, without body or Contact, once the stanza is taken and the window passed")
    void accepted() {
        MessagePath p = path(Duration.ofMillis(50));
        FakeInboundRequest in = hello();
        p.onRequest(in);
        FakeXmppPort.Sent out = xmpp.next();
        assertEquals("juliet@xmpp.example.test", out.message().getTo().toString());
        assertEquals("romeo@sip.example.test", out.message().getFrom().toString());
        assertEquals("hello", out.message().getBody());
        assertFalse(in.answered(), "not before the XMPP side took the stanza");
        out.taken();
        SipResponse r = in.answer();
        assertEquals(202, r.status());
        assertTrue(r.body().isEmpty());
        assertFalse(r.headers().contains("Contact"));
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.DELIVERED));
        assertBalanced(Direction.SIP_TO_XMPP);
    }

    @Test
    @DisplayName("MSG-02: bounce-window 0 answers as soon as the stanza is taken")
    void windowZero() {
        MessagePath p = path(Duration.ZERO);
        FakeInboundRequest in = hello();
        p.onRequest(in);
        xmpp.next().taken();
        assertEquals(202, in.answer().status());
    }

    @Test
    @DisplayName("AMB-M02: an XMPP error within the window becomes the mapped SIP error (item-not-found, bare JID: 604)")
    void bounceInWindow() {
        MessagePath p = path(Duration.ofSeconds(30));
        FakeInboundRequest in = hello();
        p.onRequest(in);
        FakeXmppPort.Sent out = xmpp.next();
        out.taken();
        p.onStanza(inbound(bounceOf(out.message(), Condition.item_not_found)));
        assertEquals(604, in.answer().status(), "ERR-06: item-not-found for a bare JID");
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.FAILED));
        assertBalanced(Direction.SIP_TO_XMPP);
    }

    @Test
    @DisplayName("An error from another domain than the one the message went to does not decide the answer")
    void forgedBounceIgnored() {
        MessagePath p = path(Duration.ofMillis(200));
        FakeInboundRequest in = hello();
        p.onRequest(in);
        FakeXmppPort.Sent out = xmpp.next();
        Message forged = StanzaBuilder.buildMessage(out.message().getStanzaId()).ofType(Message.Type.error)
                .from(JidCreate.fromOrThrowUnchecked("mallory@evil.example")).to(out.message().getFrom())
                .setError(StanzaError.getBuilder(Condition.item_not_found).build()).build();
        p.onStanza(inbound(forged));
        out.taken();
        assertEquals(202, in.answer().status());
    }

    @Test
    @DisplayName("ERR-08: the adapter's failure to deliver becomes the SIP answer (remote-server-not-found: 404)")
    void adapterFailure() {
        MessagePath p = path(Duration.ofSeconds(30));
        FakeInboundRequest in = hello();
        p.onRequest(in);
        xmpp.next().fail(Condition.remote_server_not_found, "no such domain");
        SipResponse r = in.answer();
        assertEquals(404, r.status());
        assertEquals("no such domain", r.reason());
        assertBalanced(Direction.SIP_TO_XMPP);
    }

    @Test
    @DisplayName("AMB-M02: an XMPP error after the answer is counted LATE_ERROR, not lost")
    void lateError() {
        MessagePath p = path(Duration.ZERO);
        FakeInboundRequest in = hello();
        p.onRequest(in);
        FakeXmppPort.Sent out = xmpp.next();
        out.taken();
        assertEquals(202, in.answer().status());
        Message bounce = bounceOf(out.message(), Condition.service_unavailable);
        awaitDrained();
        p.onStanza(inbound(bounce));
        // the closing session may still be in the table and take the bounce on its loop
        Eventually.holds(() -> traffic.get(Direction.SIP_TO_XMPP, Outcome.LATE_ERROR) > 0, Duration.ofSeconds(5));
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.LATE_ERROR));
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.DELIVERED));
        assertBalanced(Direction.SIP_TO_XMPP);
    }

    @Test
    @DisplayName("No word from the XMPP side within answer-timeout: 408 (before the SIP adapter's own 500)")
    void answerTimeout() {
        MessagePath p = path(Duration.ZERO, Duration.ofMillis(100), MessageSettings.DEFAULTS.maxRequestSize(), 1000);
        FakeInboundRequest in = hello();
        p.onRequest(in);
        FakeXmppPort.Sent out = xmpp.next();
        assertEquals(408, in.answer().status());
        out.taken(); // too late: no second answer (FakeInboundRequest fails on one)
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.FAILED));
    }

    @Test
    @DisplayName("MSG-05: an untranslatable body is refused with 415 and Accept; nothing goes to XMPP")
    void refused() {
        MessagePath p = path(Duration.ZERO);
        FakeInboundRequest in = message("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test",
                SipBody.of("application/octet-stream", new byte[] {1}));
        p.onRequest(in);
        SipResponse r = in.answer();
        assertEquals(415, r.status());
        assertTrue(r.headers().first("Accept").orElseThrow().contains("text/plain"));
        xmpp.assertNothingSent(Duration.ofMillis(50));
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.REJECTED));
        assertBalanced(Direction.SIP_TO_XMPP);
    }

    @Test
    @DisplayName("AMB-13: a MESSAGE that would come back into the gateway is refused 482, nothing sent")
    void loopS2x() {
        MessagePath p = path(Duration.ZERO);
        FakeInboundRequest in = message("sip:romeo@sip.example.test", "sip:bob%40gw.example.test@gw.example.test",
                SipBody.text("text/plain", "x"));
        p.onRequest(in);
        assertEquals(482, in.answer().status());
        xmpp.assertNothingSent(Duration.ofMillis(50));
    }

    @Test
    @DisplayName("A full session table refuses with 503 Retry-After, counted")
    void tableFull() {
        MessagePath p = path(Duration.ZERO, Duration.ofSeconds(10), MessageSettings.DEFAULTS.maxRequestSize(), 0);
        FakeInboundRequest in = hello();
        p.onRequest(in);
        SipResponse r = in.answer();
        assertEquals(503, r.status());
        assertEquals("5", r.headers().first("Retry-After").orElseThrow());
        assertBalanced(Direction.SIP_TO_XMPP);
    }

    @Test
    @DisplayName("RFC 3994 section 4: an isComposing active that is not refreshed lapses into <paused/> for the XMPP user")
    void typingLapses() {
        MessagePath p = path(Duration.ZERO);
        String xml = "<?xml version='1.0' encoding='UTF-8'?><isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'>"
                + "<state>active</state><refresh>1</refresh></isComposing>";
        FakeInboundRequest in = message("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test",
                SipBody.text("application/im-iscomposing+xml", xml));
        p.onRequest(in);
        FakeXmppPort.Sent composing = xmpp.next();
        assertEquals(org.jivesoftware.smackx.chatstates.ChatState.composing,
                org.stoxgw.mapping.message.ChatStates.of(composing.message()).orElseThrow());
        composing.taken();
        assertEquals(202, in.answer().status());
        Message paused = xmpp.next().message();
        assertEquals(org.jivesoftware.smackx.chatstates.ChatState.paused,
                org.stoxgw.mapping.message.ChatStates.of(paused).orElseThrow());
        assertEquals("romeo@sip.example.test", paused.getFrom().toString());
        assertEquals("juliet@xmpp.example.test", paused.getTo().toString());
    }

    @Test
    @DisplayName("chat-states = false: isComposing is refused with 415 and <composing/> is not sent to SIP")
    void chatStatesOff() {
        MessagePath p = path(true, false);
        FakeInboundRequest in = message("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test",
                SipBody.text("application/im-iscomposing+xml", "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'>"
                        + "<state>active</state></isComposing>"));
        p.onRequest(in);
        SipResponse r = in.answer();
        assertEquals(415, r.status());
        assertFalse(r.headers().first("Accept").orElseThrow().contains("iscomposing"));
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/b' to='romeo@sip.example.test' type='chat'>"
                + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>")));
        sip.assertNothingSent(Duration.ofMillis(100));
    }

    @Test
    @DisplayName("receipts = false: a receipt request does not turn the text into CPIM")
    void receiptsOff() {
        MessagePath p = path(false, true);
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/b' to='romeo@sip.example.test' id='r2'>"
                + "<body>hi</body><request xmlns='urn:xmpp:receipts'/></message>")));
        FakeSipPort.Sent out = sip.next();
        assertTrue(out.request().body().contentType().startsWith("text/plain"), out.request().body().contentType());
        out.answer(SipResponse.of(200, "OK"));
    }

    @Test
    @DisplayName("AMB-M12: a CR an XMPP sender wrote as &#13; reaches SIP as CR")
    void carriageReturnToSip() {
        MessagePath p = path(Duration.ZERO);
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/b' to='romeo@sip.example.test' id='cr'>"
                + "<body>one&#13;\ntwo</body></message>")));
        FakeSipPort.Sent out = sip.next();
        assertEquals("one\r\ntwo", out.request().body().utf8());
        out.answer(SipResponse.of(200, "OK"));
    }

    // ------------------------------------------------------------------ XMPP -> SIP

    static final String M1 = "<message from='juliet@xmpp.example.test/yn0cl4bnw0yr3vym' to='romeo@sip.example.test' id='m1'>"
            + "<body>Art thou not Romeo, and a Montague?</body></message>";

    @Test
    @DisplayName("IM-07: a 2xx to the MESSAGE sends nothing back to XMPP")
    void delivered() {
        MessagePath p = path(Duration.ZERO);
        p.onStanza(inbound(stanza(M1)));
        FakeSipPort.Sent out = sip.next();
        assertEquals("sip:romeo@sip.example.test", out.request().requestUri());
        out.answer(SipResponse.of(200, "OK"));
        awaitDrained();
        xmpp.assertNothingSent(Duration.ofMillis(50));
        assertEquals(1, traffic.get(Direction.XMPP_TO_SIP, Outcome.DELIVERED));
        assertBalanced(Direction.XMPP_TO_SIP);
    }

    @Test
    @DisplayName("M6: 404 → item-not-found, 480 → recipient-unavailable, 603 → recipient-unavailable, 415 → not-acceptable")
    void m6Vector() {
        MessagePath p = path(Duration.ZERO);
        int[] codes = {404, 480, 603, 415};
        Condition[] expected = {Condition.item_not_found, Condition.recipient_unavailable, Condition.recipient_unavailable,
                Condition.not_acceptable};
        for (int i = 0; i < codes.length; i++) {
            p.onStanza(inbound(stanza(M1)));
            sip.next().answer(SipResponse.of(codes[i], "x"));
            Message e = xmpp.next().message();
            assertEquals(Message.Type.error, e.getType());
            assertEquals(expected[i], e.getError().getCondition(), "for " + codes[i]);
            assertEquals("romeo@sip.example.test", e.getFrom().toString());
            assertEquals("juliet@xmpp.example.test/yn0cl4bnw0yr3vym", e.getTo().toString());
            assertEquals("m1", e.getStanzaId());
        }
        assertEquals(4, traffic.get(Direction.XMPP_TO_SIP, Outcome.FAILED));
        assertBalanced(Direction.XMPP_TO_SIP);
    }

    @Test
    @DisplayName("Local failures reach the XMPP sender: timeout → remote-server-timeout, too large for UDP → policy-violation (IM-15)")
    void localFailures() {
        MessagePath p = path(Duration.ZERO);
        p.onStanza(inbound(stanza(M1)));
        sip.next().fail(org.stoxgw.sipadapter.SipOutcome.Kind.TIMEOUT, "no final response");
        assertEquals(Condition.remote_server_timeout, xmpp.next().message().getError().getCondition());
        p.onStanza(inbound(stanza(M1)));
        sip.next().fail(org.stoxgw.sipadapter.SipOutcome.Kind.TOO_LARGE, "1502 bytes over UDP");
        StanzaError e = xmpp.next().message().getError();
        assertEquals(Condition.policy_violation, e.getCondition());
        assertEquals(StanzaError.Type.MODIFY, e.getType());
    }

    @Test
    @DisplayName("M5 / IM-15: a message whose MESSAGE would exceed the size limit gets policy-violation; no MESSAGE is sent")
    void m5Vector() {
        MessagePath p = path(Duration.ZERO, Duration.ofSeconds(10), 1300, 1000);
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/balcony' to='romeo@sip.example.test' id='big1'>"
                + "<body>" + "x".repeat(2000) + "</body></message>")));
        Message e = xmpp.next().message();
        assertEquals("romeo@sip.example.test", e.getFrom().toString());
        assertEquals("juliet@xmpp.example.test/balcony", e.getTo().toString());
        assertEquals("big1", e.getStanzaId());
        assertEquals(Message.Type.error, e.getType());
        assertEquals(StanzaError.Type.MODIFY, e.getError().getType());
        assertEquals(Condition.policy_violation, e.getError().getCondition());
        sip.assertNothingSent(Duration.ofMillis(50));
        assertEquals(1, traffic.get(Direction.XMPP_TO_SIP, Outcome.REJECTED));
    }

    @Test
    @DisplayName("A receipt request goes as CPIM; a 415 to it is answered by sending the text as text/plain")
    void cpimFallback() {
        MessagePath p = path(Duration.ZERO);
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/b' to='romeo@sip.example.test' id='r1'>"
                + "<body>hi</body><request xmlns='urn:xmpp:receipts'/></message>")));
        FakeSipPort.Sent first = sip.next();
        assertEquals("message/cpim", first.request().body().contentType());
        first.answer(new SipResponse(415, "Unsupported Media Type", SipHeaders.of("Accept", "text/plain"), null));
        FakeSipPort.Sent second = sip.next();
        assertEquals("hi", second.request().body().utf8());
        assertTrue(second.request().body().contentType().startsWith("text/plain"));
        second.answer(SipResponse.of(200, "OK"));
        awaitDrained();
        xmpp.assertNothingSent(Duration.ofMillis(50));
        assertEquals(1, traffic.get(Direction.XMPP_TO_SIP, Outcome.DELIVERED));
    }

    @Test
    @DisplayName("AMB-M10: a chat state SIP cannot carry is not sent and not counted")
    void nothingToSend() {
        MessagePath p = path(Duration.ZERO);
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/b' to='romeo@sip.example.test' type='chat'>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>")));
        sip.assertNothingSent(Duration.ofMillis(100));
        awaitDrained();
        assertEquals(0, traffic.get(Direction.XMPP_TO_SIP, Outcome.RECEIVED));
    }

    @Test
    @DisplayName("AMB-10: a SIP user's spelling seen on the way in is used on the way back")
    void spellings() {
        MessagePath p = path(Duration.ZERO);
        FakeInboundRequest in = message("sip:Romeo@sip.example.test", "sip:juliet@xmpp.example.test", SipBody.text("text/plain", "x"));
        p.onRequest(in);
        FakeXmppPort.Sent out = xmpp.next();
        assertEquals("romeo@sip.example.test", out.message().getFrom().toString());
        out.taken();
        in.answer();
        p.onStanza(inbound(stanza(M1)));
        FakeSipPort.Sent back = sip.next();
        assertEquals("sip:Romeo@sip.example.test", back.request().requestUri());
        back.answer(SipResponse.of(200, "OK"));
    }

    @Test
    @DisplayName("Error stanzas are never translated; one for a message the gateway did not send is only logged")
    void foreignErrors() {
        MessagePath p = path(Duration.ZERO);
        p.onStanza(inbound(stanza("<message from='juliet@xmpp.example.test/b' to='romeo@sip.example.test' id='x' type='error'>"
                + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>")));
        sip.assertNothingSent(Duration.ofMillis(50));
        xmpp.assertNothingSent(Duration.ofMillis(10));
        assertEquals(0, traffic.get(Direction.SIP_TO_XMPP, Outcome.LATE_ERROR));
    }

    void awaitDrained() {
        try {
            assertTrue(engine.awaitDrained(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
