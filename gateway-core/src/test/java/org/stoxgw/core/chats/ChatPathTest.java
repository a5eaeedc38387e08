package org.stoxgw.core.chats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.routing.FakeSipPort;
import org.stoxgw.core.routing.FakeXmppPort;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressPolicy;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.message.ChatStates;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.Receipts;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.sipadapter.msrp.MsrpEndpoint;
import org.stoxgw.sipadapter.msrp.MsrpSettings;
import org.stoxgw.testfixtures.msrp.MsrpTestPeer;
import org.stoxgw.testfixtures.msrp.MsrpWireFrame;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * The chat path (RFC 7573) with the gateway's real MSRP endpoint talking to the independent
 * MSRP test peer, the INVITE dialogs and the XMPP side faked: vectors C1–C13 and the session
 * lifecycle (CHAT-*).
 */
class ChatPathTest {
    static final AddressMapper ADDRESSES = new AddressMapper(AddressPolicy.of(
            List.of(new DomainPair("sip.example.test", "sip.example.test")),
            List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")),
            List.of(new DomainPair("gw.example.test", "gw.example.test"))));
    static final Duration T = Duration.ofSeconds(10);

    Engine engine;
    MsrpEndpoint endpoint;
    MsrpTestPeer peer;
    final FakeXmppPort xmpp = new FakeXmppPort().autoSend();
    final FakeChatSignaling sip = new FakeChatSignaling();
    final LinkedBlockingQueue<InboundStanza> pageMode = new LinkedBlockingQueue<>();
    ChatPath path;

    ChatPath path(ChatSettings settings, MsrpSettings msrp) throws Exception {
        engine = new Engine(2, 1000);
        endpoint = new MsrpEndpoint(msrp, engine.loops(), null).start();
        peer = new MsrpTestPeer();
        path = new ChatPath(new RoutingContext(engine, new Traffic(), new FakeSipPort(), xmpp, ADDRESSES, null), settings,
                endpoint, sip, pageMode::add, PayloadLimits.DEFAULT);
        return path;
    }

    ChatPath path(ChatMode mode) throws Exception {
        return path(ChatSettings.DEFAULTS.withMode(mode), MsrpSettings.loopback());
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (engine != null) {
            engine.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    static Message stanza(String xml) {
        String s = xml.replaceFirst("^<message ", "<message xmlns='jabber:client' ");
        try {
            // through the XMPP adapter's codec: it sets the StAX provider Smack must use before Smack first
            // parses; parsing with Smack directly here would fix Aalto for the whole test JVM
            return (Message) org.stoxgw.xmppadapter.stanza.StanzaCodec.parse(s);
        } catch (Exception e) {
            throw new AssertionError(xml, e);
        }
    }

    static InboundStanza inbound(Message m) {
        return new InboundStanza(m, m.getFrom().getDomain().toString(), m.getTo().getDomain().toString());
    }

    static Message chat(String id, String body, String extra) {
        return stanza("<message from='juliet@xmpp.example.test/yn0cl4bnw0yr3vym' to='romeo@sip.example.test' id='" + id
                + "' type='chat'><thread>29377446-0CBB-4296-8958-590D79094C50</thread>"
                + (body == null ? "" : "<body>" + body + "</body>") + extra + "</message>");
    }

    void fromXmpp(Message m) {
        InboundStanza in = inbound(m);
        assertTrue(path.handles(in), "the chat path takes it");
        path.onStanza(in);
    }

    String peerSdp(String acceptTypes) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=message " + peer.port()
                + " TCP/MSRP *\r\na=accept-types:" + acceptTypes + "\r\na=path:" + peer.uri() + "\r\n";
    }

    /** C1 → C2: the XMPP user's first message opens a session to the peer; returns the INVITE. */
    FakeChatSignaling.Out open(String acceptTypes) throws Exception {
        fromXmpp(chat("a786hjs2", "Art thou not Romeo, and a Montague?", ""));
        FakeChatSignaling.Out inv = sip.nextInvite();
        lastInviteBody = inv.invite.body().content();
        inv.answer(peerSdp(acceptTypes));
        MsrpWireFrame bind = peer.nextRequest(T).frame();
        assertNull(bind.body(), "AMB-C10: the bind SEND is bodiless");
        return inv;
    }

    MsrpWireFrame nextSend() throws InterruptedException {
        MsrpTestPeer.Received r = peer.nextRequest(T);
        assertNotNull(r, "a SEND reached the SIP user's MSRP endpoint");
        return r.frame();
    }

    Message nextXmpp() {
        return xmpp.next().message();
    }

    @Test
    @DisplayName("C1, CHAT-04, CHAT-01: the first chat message sends an INVITE: Call-ID = thread, m=message TCP/MSRP *, a=path at the gateway")
    void c1Invite() throws Exception {
        path(ChatMode.SESSION);
        fromXmpp(chat("a786hjs2", "Art thou not Romeo, and a Montague?", ""));
        FakeChatSignaling.Out inv = sip.nextInvite();
        assertEquals("INVITE", inv.invite.method());
        assertEquals("29377446-0CBB-4296-8958-590D79094C50", inv.invite.callId());
        assertEquals("sip:romeo@sip.example.test", inv.invite.requestUri());
        assertEquals("sip:juliet@xmpp.example.test", inv.invite.from().uri());
        MsrpMedia offer = MsrpMedia.parse(inv.invite.body().content()).media();
        assertEquals(endpoint.port(), offer.path().last().effectivePort());
        assertTrue(offer.acceptsDirectly("text/plain"));
        String sdp = new String(inv.invite.body().content(), StandardCharsets.US_ASCII);
        assertTrue(sdp.contains("m=message " + endpoint.port() + " TCP/MSRP *\r\n"), sdp);
        assertTrue(sdp.contains("a=max-size:"), "CHAT-26: a=max-size advertised");
    }

    @Test
    @DisplayName("C2, CHAT-06, CHAT-03: after the 200 the pending message goes as a SEND with the body; queued ones follow in order")
    void c2QueuedInOrder() throws Exception {
        path(ChatMode.SESSION);
        fromXmpp(chat("a786hjs2", "Art thou not Romeo, and a Montague?", ""));
        fromXmpp(chat("m2", "second", ""));
        fromXmpp(chat("m3", "third ✓", ""));
        FakeChatSignaling.Out inv = sip.nextInvite();
        inv.answer(peerSdp("text/plain"));
        assertNull(nextSend().body());
        MsrpWireFrame first = nextSend();
        assertEquals("Art thou not Romeo, and a Montague?", first.bodyText());
        assertEquals("1-35/35", first.header("Byte-Range"));
        assertEquals(peer.uri(), first.header("To-Path"));
        assertEquals("second", nextSend().bodyText());
        assertEquals("third ✓", nextSend().bodyText());
    }

    @Test
    @DisplayName("C3, CHAT-07, CHAT-12: a SEND from the SIP user is a type=chat message with the session's thread, to the XMPP user's full JID")
    void c3Reply() throws Exception {
        path(ChatMode.SESSION);
        open("text/plain");
        nextSend();
        MsrpTestPeer.Conn c = peer.connections().get(0);
        c.send(gatewayPath(), peer.uri(), List.of("Message-ID: 6480C096", "Byte-Range: 1-25/25", "Failure-Report: no"), "text/plain",
                "Neither, fair saint, if either thee dislike.".getBytes(StandardCharsets.UTF_8), '$');
        Message m = nextXmpp();
        assertEquals(Message.Type.chat, m.getType());
        assertEquals("29377446-0CBB-4296-8958-590D79094C50", m.getThread());
        assertEquals("Neither, fair saint, if either thee dislike.", m.getBody());
        assertEquals("juliet@xmpp.example.test/yn0cl4bnw0yr3vym", m.getTo().toString());
        assertEquals("romeo@sip.example.test", m.getFrom().toString());
    }

    private byte[] lastInviteBody;

    @Test
    @DisplayName("C9, CHAT-10, CHAT-17, CHAT-19: gone from the XMPP user ends the session with BYE and no isComposing")
    void c9Gone() throws Exception {
        path(ChatMode.SESSION);
        FakeChatSignaling.Out inv = open("text/plain application/im-iscomposing+xml");
        nextSend();
        fromXmpp(stanza("<message from='juliet@xmpp.example.test/yn0cl4bnw0yr3vym' to='romeo@sip.example.test' id='nx62f197'"
                + " type='chat'><thread>29377446-0CBB-4296-8958-590D79094C50</thread>"
                + "<gone xmlns='http://jabber.org/protocol/chatstates'/></message>"));
        assertEquals(inv, sip.byes.poll(10, TimeUnit.SECONDS));
        assertNull(peer.nextRequest(Duration.ofMillis(300)), "no isComposing for gone");
    }

    @Test
    @DisplayName("C4, C10, CHAT-08, CHAT-09, CHAT-18: BYE from the SIP side gives the XMPP user gone in the session's thread")
    void c10ByeGivesGone() throws Exception {
        path(ChatMode.SESSION);
        FakeChatSignaling.Out inv = open("text/plain");
        nextSend();
        inv.remoteBye();
        Message gone = nextXmpp();
        assertEquals(ChatState.gone, ChatStates.of(gone).orElseThrow());
        assertEquals("29377446-0CBB-4296-8958-590D79094C50", gone.getThread());
        assertEquals("juliet@xmpp.example.test/yn0cl4bnw0yr3vym", gone.getTo().toString());
    }

    @Test
    @DisplayName("C5, C6, C7, C8, CHAT-11, CHAT-13, MSRP-24, AMB-C05/C06: an INVITE with an MSRP offer is accepted at once; SENDs become messages to the bare JID, the reply locks to the full JID")
    void sipStarts() throws Exception {
        path(ChatMode.SESSION);
        FakeChatSignaling.In in = sip.incoming("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test",
                "<sip:romeo@sip.example.test;gr=dr4hcr0st3lup4c>", "F6989A8C-DE8A-4E21-8E07-F0898304796F",
                peerSdp("text/plain"), engine.loops().next());
        assertTrue(path.onIncoming(in));
        String answer = in.answer();
        assertTrue(answer.startsWith("200 "), answer);
        MsrpMedia ours = MsrpMedia.parse(answer.substring(4).getBytes(StandardCharsets.US_ASCII)).media();
        assertEquals(endpoint.port(), ours.path().last().effectivePort());
        MsrpTestPeer.Conn c = peer.connect("127.0.0.1", endpoint.port()); // MSRP-16: the offerer connects
        c.send(ours.path().toString(), peer.uri(), List.of("Message-ID: 676FDB92", "Byte-Range: 1-32/32", "Failure-Report: no"),
                "text/plain", "I take thee at thy word ...".getBytes(StandardCharsets.UTF_8), '$');
        Message m = nextXmpp();
        assertEquals("I take thee at thy word ...", m.getBody());
        assertEquals("F6989A8C-DE8A-4E21-8E07-F0898304796F", m.getThread());
        assertEquals("juliet@xmpp.example.test", m.getTo().toString(), "AMB-C05: bare until the XMPP user answers");
        assertEquals("romeo@sip.example.test/dr4hcr0st3lup4c", m.getFrom().toString(), "the GRUU is the resource");
        assertNotNull(m.getStanzaId());
        assertFalse(m.getStanzaId().equals("676FDB92"), "AMB-C03: a fresh XMPP id");
        fromXmpp(stanza("<message from='juliet@xmpp.example.test/balcony' to='romeo@sip.example.test/dr4hcr0st3lup4c'"
                + " id='ms53b7z9' type='chat'><thread>F6989A8C-DE8A-4E21-8E07-F0898304796F</thread>"
                + "<body>What man art thou ...?</body></message>"));
        MsrpWireFrame reply = nextSend();
        assertEquals("What man art thou ...?", reply.bodyText());
        assertEquals("1-22/22", reply.header("Byte-Range"));
        assertEquals(peer.uri(), reply.header("To-Path"), "C7: To-Path is the path the offer gave");
        c.send(ours.path().toString(), peer.uri(), List.of("Message-ID: x2", "Failure-Report: no"), "text/plain",
                "locked".getBytes(), '$');
        assertEquals("juliet@xmpp.example.test/balcony", nextXmpp().getTo().toString(), "locked to the resource that answered");
        in.remoteBye();
        assertEquals(ChatState.gone, ChatStates.of(nextXmpp()).orElseThrow(), "C8/C10");
    }

    @Test
    @DisplayName("C11, C12, CHAT-21, CHAT-23 (AMB-C04): a receipt request becomes Success-Report: yes; the REPORT becomes <received/> with the original id")
    void c11c12Receipts() throws Exception {
        path(ChatMode.SESSION);
        open("text/plain");
        nextSend();
        fromXmpp(chat("bf9m36d5", "What man art thou ...?", "<request xmlns='urn:xmpp:receipts'/>"));
        MsrpWireFrame send = nextSend();
        assertEquals("yes", send.header("Success-Report"));
        MsrpTestPeer.Conn c = peer.connections().get(0);
        c.report(send.header("From-Path"), peer.uri(), send.header("Message-ID"), 22, "000 200 OK");
        Message received = nextXmpp();
        assertEquals("bf9m36d5", Receipts.receivedId(received).orElseThrow(), "XEP-0184: the original id (C12 corrected)");
        assertEquals("romeo@sip.example.test", received.getFrom().toString());
        c.report(send.header("From-Path"), peer.uri(), "unknown-id", 22, "000 200 OK");
        assertNull(xmppPoll(300), "MSRP-11: a REPORT for an unknown Message-ID is ignored");
    }

    @Test
    @DisplayName("CHAT-22, AMB-C08: Success-Report: yes on a SEND asks the XMPP user for a receipt; the receipt becomes a REPORT 000 200")
    void s2xReceipt() throws Exception {
        path(ChatMode.SESSION);
        open("text/plain");
        nextSend();
        MsrpTestPeer.Conn c = peer.connections().get(0);
        c.send(gatewayPath(), peer.uri(), List.of("Message-ID: rcpt-1", "Success-Report: yes"), "text/plain",
                "ack me".getBytes(), '$');
        Message m = nextXmpp();
        assertTrue(Receipts.requested(m));
        fromXmpp(stanza("<message from='juliet@xmpp.example.test/yn0cl4bnw0yr3vym' to='romeo@sip.example.test' type='chat'"
                + " id='r1'><received xmlns='urn:xmpp:receipts' id='" + m.getStanzaId() + "'/></message>"));
        MsrpWireFrame report = nextSend();
        while (!"REPORT".equals(report.method())) {
            report = nextSend();
        }
        assertEquals("rcpt-1", report.header("Message-ID"));
        assertEquals("000 200 OK", report.header("Status"));
        assertEquals("1-6/6", report.header("Byte-Range"));
    }

    @Test
    @DisplayName("C13, CHAT-15, MSRP-20, AMB-C07: composing → isComposing active only when the peer lists it; isComposing active → composing, idle/unknown → active")
    void c13ChatStates() throws Exception {
        path(ChatMode.SESSION);
        open("text/plain application/im-iscomposing+xml");
        nextSend();
        fromXmpp(chat("c1", null, "<composing xmlns='http://jabber.org/protocol/chatstates'/>"));
        MsrpWireFrame ic = nextSend();
        assertEquals("application/im-iscomposing+xml", ic.contentType());
        assertTrue(ic.bodyText().contains("<state>active</state>"), ic.bodyText());
        fromXmpp(chat("c2", null, "<paused xmlns='http://jabber.org/protocol/chatstates'/>"));
        assertTrue(nextSend().bodyText().contains("<state>idle</state>"));
        MsrpTestPeer.Conn c = peer.connections().get(0);
        String ns = "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>";
        c.send(gatewayPath(), peer.uri(), List.of("Message-ID: s1"), "application/im-iscomposing+xml",
                (ns + "active</state></isComposing>").getBytes(), '$');
        assertEquals(ChatState.composing, ChatStates.of(nextXmpp()).orElseThrow());
        c.send(gatewayPath(), peer.uri(), List.of("Message-ID: s2"), "application/im-iscomposing+xml",
                (ns + "foo</state></isComposing>").getBytes(), '$');
        Message idle = nextXmpp();
        assertEquals(ChatState.active, ChatStates.of(idle).orElseThrow());
        assertEquals("29377446-0CBB-4296-8958-590D79094C50", idle.getThread());
    }

    @Test
    @DisplayName("C13, MSRP-20: a peer that lists only text/plain gets no isComposing")
    void noIsComposingUnlessListed() throws Exception {
        path(ChatMode.SESSION);
        open("text/plain");
        nextSend();
        fromXmpp(chat("c1", null, "<composing xmlns='http://jabber.org/protocol/chatstates'/>"));
        fromXmpp(chat("t1", "text after", ""));
        assertEquals("text after", nextSend().bodyText());
    }

    @Test
    @DisplayName("AMB-C01, CHAT-05: session-then-message: an INVITE refused with 488 sends the queued messages as SIP MESSAGEs, in order")
    void fallbackToMessage() throws Exception {
        path(ChatMode.SESSION_THEN_MESSAGE);
        fromXmpp(chat("f1", "one", ""));
        fromXmpp(chat("f2", "two", ""));
        sip.nextInvite().refuse(488);
        assertEquals("f1", pageMode.poll(10, TimeUnit.SECONDS).stanza().getStanzaId());
        assertEquals("f2", pageMode.poll(10, TimeUnit.SECONDS).stanza().getStanzaId());
        assertFalse(path.handles(inbound(chat("f3", "three", ""))), "the domain is remembered as refusing MSRP");
    }

    @Test
    @DisplayName("AMB-C01: mode session: an INVITE refused with 606 is an error for each queued message")
    void sessionOnlyRefused() throws Exception {
        path(ChatMode.SESSION);
        fromXmpp(chat("e1", "one", ""));
        sip.nextInvite().refuse(606);
        Message err = nextXmpp();
        assertEquals(Message.Type.error, err.getType());
        assertEquals("e1", err.getStanzaId());
        assertTrue(pageMode.isEmpty());
    }

    @Test
    @DisplayName("AMB-C01: mode message (the default) leaves chat messages to the page-mode path")
    void messageModeNotTaken() throws Exception {
        path(ChatMode.MESSAGE);
        assertFalse(path.handles(inbound(chat("p1", "page", ""))));
    }

    @Test
    @DisplayName("CHAT-10, CHAT-20, AMB-C09: inactivity ends the session: BYE, and gone to the XMPP user")
    void inactivity() throws Exception {
        path(ChatSettings.DEFAULTS.withMode(ChatMode.SESSION).withTimers(Duration.ofSeconds(30), Duration.ofMillis(500)),
                MsrpSettings.loopback());
        FakeChatSignaling.Out inv = open("text/plain");
        nextSend();
        assertEquals(inv, sip.byes.poll(10, TimeUnit.SECONDS));
        assertEquals(ChatState.gone, ChatStates.of(nextXmpp()).orElseThrow());
    }

    @Test
    @DisplayName("MSRP-18: the MSRP connection cut ends the session on both sides (BYE, gone); every message was delivered or bounced")
    void connectionCut() throws Exception {
        path(ChatMode.SESSION);
        peer.autoRespond(false, 200); // the SIP user's side reads but never answers: nothing counts as delivered
        FakeChatSignaling.Out inv = open("text/plain");
        nextSend();
        int sent = 51;
        for (int i = 1; i < sent; i++) {
            fromXmpp(chat("k" + i, "message " + i, ""));
        }
        Thread.sleep(100);
        peer.connections().get(0).close();
        assertEquals(inv, sip.byes.poll(10, TimeUnit.SECONDS));
        int errors = 0;
        boolean gone = false;
        Message m;
        while ((m = xmppPoll(1000)) != null) {
            if (m.getType() == Message.Type.error) {
                errors++;
            } else if (ChatStates.of(m).isPresent()) {
                gone = true;
            }
        }
        assertTrue(gone, "the XMPP user hears the session ended");
        assertEquals(sent, errors, "no 200 came back, so every message got an error (delivered + errors = sent)");
    }

    @Test
    @DisplayName("CPIM: a peer that takes only message/cpim gets CPIM-wrapped text; a CPIM SEND is unwrapped")
    void cpim() throws Exception {
        path(ChatMode.SESSION);
        fromXmpp(chat("a786hjs2", "wrapped", ""));
        FakeChatSignaling.Out inv = sip.nextInvite();
        lastInviteBody = inv.invite.body().content();
        inv.answer(peerSdp("message/cpim").replace("a=path", "a=accept-wrapped-types:text/plain\r\na=path"));
        nextSend();
        MsrpWireFrame f = nextSend();
        assertEquals("message/cpim", f.contentType());
        assertTrue(f.bodyText().contains("Content-Type: text/plain"), f.bodyText());
        assertTrue(f.bodyText().endsWith("wrapped"), f.bodyText());
        String cpim = "From: <sip:romeo@sip.example.test>\r\nTo: <sip:juliet@xmpp.example.test>\r\n\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n\r\nunwrapped ✓";
        peer.connections().get(0).send(gatewayPath(), peer.uri(), List.of("Message-ID: cp1"), "message/cpim",
                cpim.getBytes(StandardCharsets.UTF_8), '$');
        assertEquals("unwrapped ✓", nextXmpp().getBody());
    }

    @Test
    @DisplayName("MSRP-21: an offer whose accept-types the gateway cannot use is refused with 488; a non-MSRP INVITE is not taken")
    void offerRefused() throws Exception {
        path(ChatMode.SESSION);
        FakeChatSignaling.In in = sip.incoming("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test", null, "c-488",
                peerSdp("image/png"), engine.loops().next());
        assertTrue(path.onIncoming(in));
        assertEquals("488", in.answer());
        FakeChatSignaling.In audio = sip.incoming("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test", null,
                "c-audio", "v=0\r\nm=audio 4000 RTP/AVP 0\r\n", engine.loops().next());
        assertFalse(path.onIncoming(audio), "a call is for another path");
    }

    private String gatewayPath() throws InterruptedException {
        return lastOffer().path().toString();
    }

    private MsrpMedia lastOffer() {
        return MsrpMedia.parse(lastInviteBody).media();
    }

    private Message xmppPoll(long ms) {
        FakeXmppPort.Sent s = xmpp.poll(Duration.ofMillis(ms));
        return s == null ? null : s.message();
    }

    static StanzaError.Condition conditionOf(Message m) {
        return m.getError().getCondition();
    }
}
