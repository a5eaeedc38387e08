package org.stoxgw.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
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
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * gateway.core.max-sessions-per-peer on the message path (issue 9): a peer with as many messages in
 * flight as its share gets a clear refusal naming the key (503 with Retry-After, or
 * resource-constraint), while another peer's message goes through; every message is counted.
 */
class MessageLimitsTest {
    static final AddressMapper ADDRESSES = new AddressMapper(AddressPolicy.of(
            List.of(new DomainPair("sip.example.test", "sip.example.test")),
            List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")),
            List.of(new DomainPair("gw.example.test", "gw.example.test"))));
    final Traffic traffic = new Traffic();
    final FakeSipPort sip = new FakeSipPort();
    final FakeXmppPort xmpp = new FakeXmppPort();
    Engine engine;

    MessagePath path() {
        engine = new Engine(2, 1000, 1);
        MessageSettings d = MessageSettings.DEFAULTS;
        MessageSettings s = new MessageSettings(Duration.ZERO, d.answerTimeout(), d.maxBodySize(), d.maxRequestSize(),
                d.maxXmlDepth(), d.maxCpimHeaders(), true, true, true, true, d.composingRefresh(), 100);
        return new MessagePath(new RoutingContext(engine, traffic, sip, xmpp, ADDRESSES, null), s);
    }

    @AfterEach
    void stop() throws InterruptedException {
        assertTrue(engine.awaitDrained(Duration.ofSeconds(10)));
        engine.shutdown(Duration.ZERO, Duration.ofSeconds(5));
    }

    static FakeInboundRequest from(String peer, String text) {
        return new FakeInboundRequest(new SipRequest("MESSAGE", "sip:juliet@xmpp.example.test",
                NameAddress.parse("<sip:romeo@sip.example.test>;tag=" + text), NameAddress.parse("<sip:juliet@xmpp.example.test>"),
                "call-" + text + "@sip.example.test", 1, SipHeaders.EMPTY, SipBody.text("text/plain", text)), peer);
    }

    void assertBalanced(Direction d) {
        assertEquals(traffic.get(d, Outcome.RECEIVED), traffic.get(d, Outcome.DELIVERED) + traffic.get(d, Outcome.REJECTED)
                + traffic.get(d, Outcome.FAILED), traffic.snapshot(d).toString());
    }

    @Test
    @DisplayName("SIP -> XMPP: a source with its share in flight gets 503 naming max-sessions-per-peer; another source is served")
    void sipPeer() throws InterruptedException {
        MessagePath p = path();
        FakeInboundRequest firstIn = from("udp 192.0.2.10:5060", "first");
        p.onRequest(firstIn);
        FakeXmppPort.Sent first = xmpp.next();
        FakeInboundRequest second = from("tcp 192.0.2.10:40001", "second");
        p.onRequest(second);
        SipResponse refused = second.answer();
        assertEquals(503, refused.status());
        assertTrue(refused.reason().contains("gateway.core.max-sessions-per-peer"), refused.reason());
        assertEquals("5", refused.headers().first("Retry-After").orElseThrow());
        FakeInboundRequest other = from("udp 192.0.2.11:5060", "other");
        p.onRequest(other);
        xmpp.next().taken();
        first.taken();
        assertTrue(other.answer().status() < 300 && firstIn.answer().status() < 300, "both delivered");
        engine.awaitDrained(Duration.ofSeconds(10));
        assertEquals(2, traffic.get(Direction.SIP_TO_XMPP, Outcome.DELIVERED));
        assertBalanced(Direction.SIP_TO_XMPP);
        assertEquals(1, traffic.get(Direction.SIP_TO_XMPP, Outcome.REJECTED));
    }

    @Test
    @DisplayName("XMPP -> SIP: a remote domain with its share in flight gets resource-constraint naming the key; another domain is served")
    void xmppPeer() throws InterruptedException {
        MessagePath p = path();
        p.onStanza(inbound("juliet@xmpp.example.test/a", "m1", "xmpp.example.test"));
        FakeSipPort.Sent first = sip.next();
        p.onStanza(inbound("juliet@xmpp.example.test/a", "m2", "xmpp.example.test"));
        Message bounce = (Message) xmpp.next().stanza();
        assertEquals(Message.Type.error, bounce.getType());
        StanzaError e = bounce.getError();
        assertEquals(StanzaError.Condition.resource_constraint, e.getCondition());
        assertTrue(e.getDescriptiveText().contains("gateway.core.max-sessions-per-peer"), e.getDescriptiveText());
        p.onStanza(inbound("juliet@xmpp.example.test/a", "m3", "other.example"));
        sip.next().answer(SipResponse.of(200, "OK"));
        first.answer(SipResponse.of(200, "OK"));
        engine.awaitDrained(Duration.ofSeconds(10));
        assertBalanced(Direction.XMPP_TO_SIP);
        assertEquals(2, traffic.get(Direction.XMPP_TO_SIP, Outcome.DELIVERED));
        assertEquals(1, traffic.get(Direction.XMPP_TO_SIP, Outcome.REJECTED));
    }

    /** A message as the XMPP adapter hands it over, from a stream authenticated for {@code remoteDomain}. */
    static InboundStanza inbound(String from, String id, String remoteDomain) {
        Message m = MessagePathTest.stanza("<message from='" + from + "' to='romeo@sip.example.test' id='" + id + "'>"
                + "<body>hi " + id + "</body></message>");
        return new InboundStanza(m, remoteDomain, "sip.example.test");
    }
}
