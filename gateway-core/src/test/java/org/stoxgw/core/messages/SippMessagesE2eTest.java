package org.stoxgw.core.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.e2e.SippTrace;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Single messages end to end between real peers: SIPp (romeo@sip.test and friends) ↔ the gateway ↔
 * a real Prosody 0.12 (xmpp.test) ↔ a scripted slixmpp client (juliet@xmpp.test), over UDP and TCP.
 * Bytes are compared as they were on each wire: SIPp's message trace on the SIP side, the XMPP
 * client's raw stream on the XMPP side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SippMessagesE2eTest {
    static final String SIPP_IP = TestNet.address(7);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String JULIET = "juliet@" + GatewayUnderTest.XMPP_DOMAIN;

    final Path work = Path.of("target", "e2e", "sipp-messages").toAbsolutePath();
    int uasPort;
    Federation world;
    ScriptedXmppClient juliet;

    @BeforeAll
    void start() {
        Peers.require("sipp", "sip-tester");
        uasPort = FreePorts.tcpAndUdp(SIPP_IP);
        // a little more than the default bounce window: Prosody's error must beat it even on a busy machine
        world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + uasPort)
                .hocon("gateway.messages.bounce-window = 2s"), "juliet");
        juliet = world.login("juliet", true);
        world.warmUp(juliet);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.gateway().assertBalanced(Direction.SIP_TO_XMPP);
            world.gateway().assertBalanced(Direction.XMPP_TO_SIP);
            world.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** SIPp sends one MESSAGE from romeo@sip.test to {@code user}@xmpp.test and returns the final response. */
    SippTrace.Entry sippSends(String user, String transport, String ctype, String body) {
        Sipp.Builder b = body.contains("\n") || body.length() > 200 ? Sipp.scenarioFile(scenarioWithBody(body), work)
                : Sipp.scenario("uac-message-any", work).key("body", body);
        try (Sipp uac = b.local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP)).remote(world.gateway().ip(), world.gateway().sipPort())
                .transport(transport).service(user).key("to_domain", GatewayUnderTest.XMPP_DOMAIN)
                .key("from_user", "romeo").key("from_domain", GatewayUnderTest.SIP_DOMAIN).key("ctype", ctype).start()) {
            assertEquals(0, uac.awaitExit(WAIT), uac.report());
            List<SippTrace.Entry> finals = SippTrace.receivedResponses(uac.messageTrace());
            // one final answer; over UDP a late one may come twice (a retransmission answered again), never two different
            assertFalse(finals.isEmpty(), uac.report());
            assertTrue(finals.stream().allMatch(f -> f.startLine().equals(finals.get(0).startLine())), uac.report());
            lastSent = SippTrace.sentRequests(uac.messageTrace(), "MESSAGE").get(0);
            return finals.get(0);
        }
    }

    SippTrace.Entry lastSent;

    /** A copy of uac-message-body.xml with {@code body} in place of [body] (lines end CRLF on the wire). */
    Path scenarioWithBody(String body) {
        try {
            Path dir = Files.createDirectories(work.resolve("scenarios"));
            String s = Files.readString(Peers.files().resolve("sipp/uac-message-body.xml"), StandardCharsets.ISO_8859_1);
            s = new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).replace("[body]", body);
            Path f = Files.createTempFile(dir, "uac-message-body", ".xml");
            Files.writeString(f, s, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SIPp UAS where the gateway routes sip.test, answering one MESSAGE with {@code status} (e.g. "404 Not Found"). */
    Sipp uas(String transport, String status) {
        try {
            Path dir = Files.createDirectories(work.resolve("scenarios"));
            String s = Files.readString(Peers.files().resolve("sipp/uas-message-status.xml"), StandardCharsets.ISO_8859_1)
                    .replace("SIP/2.0 200 OK", "SIP/2.0 " + status);
            Path f = Files.createTempFile(dir, "uas-message-status", ".xml");
            Files.writeString(f, s, StandardCharsets.ISO_8859_1);
            return Sipp.scenarioFile(f, work).local(SIPP_IP, uasPort).transport(transport).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SIPp UAS where the gateway routes sip.test that answers one CPIM MESSAGE and sends its IMDN back. */
    Sipp imdnUas() {
        return Sipp.scenario("uas-message-imdn", work).local(SIPP_IP, uasPort).transport("udp")
                .key("notifier", "sip:romeo@" + GatewayUnderTest.SIP_DOMAIN).start();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ SIP -> XMPP

    @Test
    @DisplayName("S2X / IM-10 / IM-11 / IM-13 / MSG-04 / MSG-03: SIPp's MESSAGE reaches juliet; SIPp gets 202 without body or Contact")
    void sippToProsody() {
        SippTrace.Entry answer = sippSends("juliet", "udp", "text/plain", "hello juliet from sipp");
        assertEquals(202, answer.status(), "AMB-M01: a relay into XMPP answers 202 Accepted");
        assertFalse(answer.hasHeader("Contact"));
        assertEquals("0", answer.header("Content-Length"));
        ScriptedXmppClient.Received m = juliet.awaitMessage(r -> r.body() != null && r.body().startsWith("hello juliet from sipp"), WAIT);
        assertEquals(text(lastSent.body()), m.wireBody(), "SIPp ends its body line with CR LF; it arrives as sent");
        assertEquals("romeo@sip.test", m.from(), "the bare JID: SIPp's Contact is no GRUU");
        assertNull(m.type(), "IM-13: no type attribute");
        assertEquals(lastSent.header("Call-ID"), m.thread(), "AMB-M04: Call-ID -> thread");
        assertTrue(m.id().startsWith("stx-"), "AMB-M03: a gateway id");
    }

    @Test
    @DisplayName("IM-21 / AMB-M12: non-ASCII, XML special characters and CR LF arrive byte-identical (UDP)")
    void exactTextOverUdp() {
        String body = "Grüße aus Köln — € 𝄞 日本語\n<b>&amp;</b> \"double\" 'single' & < > ]]\nlast line";
        SippTrace.Entry answer = sippSends("juliet", "udp", "text/plain;charset=UTF-8", body);
        assertEquals(202, answer.status());
        String sent = text(lastSent.body());
        assertTrue(sent.contains("\r\n"), "SIPp ends the lines with CR LF");
        ScriptedXmppClient.Received m = juliet.awaitMessage(r -> r.body() != null && r.body().startsWith("Grüße"), WAIT);
        assertEquals(sent, m.wireBody(), "byte-identical on the client's wire (the gateway wrote CR as &#13;)");
        // Prosody 0.12 writes the CR raw, so the client's XML parser reads CR LF as LF (XML 1.0 section 2.11)
        assertEquals(sent.replace("\r\n", "\n"), m.body());
    }

    @Test
    @DisplayName("A 64 kB body over TCP arrives byte-identical")
    void largeOverTcp() {
        // 64 000 bytes as SIPp sends them (its lines end CR LF): SIPp handles SIP messages up to 64 KiB
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; ; i++) {
            String line = "line " + i + " of a long message: <&> \"ü\" 'é'";
            int n = line.getBytes(StandardCharsets.UTF_8).length + 2;
            if (bytes + n > 64_000) {
                sb.append("x".repeat(64_000 - bytes - 2));
                break;
            }
            sb.append(line).append('\n');
            bytes += n;
        }
        String body = sb.toString();
        SippTrace.Entry answer = sippSends("juliet", "tcp", "text/plain;charset=UTF-8", body);
        assertEquals(202, answer.status());
        byte[] sent = lastSent.body();
        assertEquals(64_000, sent.length, "64 kB");
        ScriptedXmppClient.Received m = juliet.awaitMessage(r -> r.body() != null && r.body().startsWith("line 0 of a long"), WAIT);
        assertArrayEquals(sent, m.wireBody().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("Unknown XMPP user: Prosody's error comes back to SIPp as the mapped response (service-unavailable: 403)")
    void unknownXmppUser() {
        SippTrace.Entry answer = sippSends("nobody", "udp", "text/plain", "is anybody there?");
        assertEquals(403, answer.status(), "ERR-09: service-unavailable is not 503; RFC 6121 servers hide unknown users this way");
    }

    @Test
    @DisplayName("A typing notification crosses S2X: isComposing active -> <composing/>")
    void typingToXmpp() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">"
                + "<state>active</state><contenttype>text/plain</contenttype><refresh>60</refresh></isComposing>";
        assertEquals(202, sippSends("juliet", "udp", "application/im-iscomposing+xml", xml).status());
        ScriptedXmppClient.Received m = juliet.awaitMessage(r -> "composing".equals(r.chatState()), WAIT);
        assertEquals("romeo@sip.test", m.from());
        assertNull(m.body());
    }

    @Test
    @DisplayName("A receipt crosses S2X: IMDN request -> XEP-0184 request; juliet's <received/> -> IMDN delivered to SIPp, "
            + "from the address romeo wrote to (AMB-M13)")
    void receiptToXmppAndBack() {
        try (Sipp romeo = uas("udp", "200 OK")) {
            String cpim = "From: <sip:romeo@sip.test>\nTo: <sip:juliet@xmpp.test>\nDateTime: 2025-02-03T04:05:06Z\n"
                    + "NS: imdn <urn:ietf:params:imdn>\nimdn.Message-ID: Q4r8Zt1\nimdn.Disposition-Notification: positive-delivery\n"
                    + "\nContent-Type: text/plain;charset=UTF-8\n\nplease confirm";
            assertEquals(202, sippSends("juliet", "udp", "message/cpim", cpim).status());
            ScriptedXmppClient.Received m = juliet.awaitMessage(r -> r.body() != null && r.body().startsWith("please confirm"), WAIT);
            assertTrue(m.receiptRequested());
            // juliet's client answers with <received/> (--auto-receipt); the gateway sends the IMDN to romeo
            assertEquals(0, romeo.awaitExit(WAIT), romeo.report());
            SippTrace.Entry imdn = SippTrace.receivedRequests(romeo.messageTrace(), "MESSAGE").get(0);
            assertEquals("message/cpim", imdn.header("Content-Type"));
            String body = imdn.bodyText();
            assertTrue(body.contains("<message-id>Q4r8Zt1</message-id>"), body);
            assertTrue(body.contains("<datetime>2025-02-03T04:05:06Z</datetime>"), body);
            assertTrue(body.contains("<delivered/>"), body);
            // AMB-M13 (issue 13): the IMDN comes from the address romeo wrote to, so a UA that keys
            // conversations by peer address files it there; the resource is named in recipient-uri and Contact
            assertTrue(imdn.header("From").matches("<sip:juliet@xmpp\\.test>;tag=.+"), imdn.header("From"));
            assertTrue(body.contains("From: <sip:juliet@xmpp.test>"), body);
            assertTrue(body.matches("(?s).*<recipient-uri>sip:juliet@xmpp\\.test;gr=[^<]+</recipient-uri>.*"), body);
            assertTrue(imdn.header("Contact").matches("<sip:juliet@xmpp\\.test;gr=[^>]+>"), imdn.header("Contact"));
        }
    }

    // ------------------------------------------------------------------ XMPP -> SIP

    @Test
    @DisplayName("X2S / IM-03 / IM-04 / AMB-M13 / IM-07: juliet's message reaches SIPp; its 200 sends nothing back")
    void prosodyToSipp() {
        try (Sipp romeo = uas("udp", "200 OK")) {
            juliet.message("romeo@sip.test").id("x2s-1").type("chat").subject("Tonight").thread("T-balcony")
                    .body("Meet me at the balcony.").send();
            assertEquals(0, romeo.awaitExit(WAIT), romeo.report());
            SippTrace.Entry r = SippTrace.receivedRequests(romeo.messageTrace(), "MESSAGE").get(0);
            assertEquals("MESSAGE sip:romeo@sip.test SIP/2.0", r.startLine());
            assertTrue(r.header("From").matches("<sip:juliet@xmpp\\.test>;tag=.+"), "AMB-M13: the AOR " + r.header("From"));
            assertTrue(r.header("Contact").matches("<sip:juliet@xmpp\\.test;gr=[^>]+>"), "AMB-M13: the GRUU " + r.header("Contact"));
            assertEquals("<sip:romeo@sip.test>", r.header("To"));
            assertEquals("T-balcony", r.header("Call-ID"), "thread -> Call-ID");
            assertEquals("Tonight", r.header("Subject"));
            assertEquals("text/plain;charset=UTF-8", r.header("Content-Type"));
            assertEquals("Meet me at the balcony.", r.bodyText());
            assertFalse(r.hasHeader("Expires"), "MSG-07: no Expires, so no Date needed");
        }
        juliet.ping(GatewayUnderTest.SIP_DOMAIN, WAIT);
        assertTrue(juliet.messages().stream().noneMatch(m -> m.isError() && "x2s-1".equals(m.id())), "IM-07: no error");
    }

    @Test
    @DisplayName("AMB-M12: LF, XML special characters and non-ASCII arrive byte-identical at SIPp")
    void exactTextToSip() {
        String text = "Grüße — € 𝄞 日本語\n<b>&amp;</b> \"double\" 'single' & < >\n  indented\n";
        try (Sipp romeo = uas("udp", "200 OK")) {
            juliet.message("romeo@sip.test").id("x2s-2").body(text).send();
            assertEquals(0, romeo.awaitExit(WAIT), romeo.report());
            SippTrace.Entry r = SippTrace.receivedRequests(romeo.messageTrace(), "MESSAGE").get(0);
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), r.body());
        }
    }

    @Test
    @DisplayName("MSG-01: a 64 kB message goes over TCP (RFC 3261 18.1.1) and arrives byte-identical")
    void largeToSipOverTcp() {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; bytes < 64_000 - 40; i++) {
            String line = "line " + i + ": <&> ü\n";
            sb.append(line);
            bytes += line.getBytes(StandardCharsets.UTF_8).length;
        }
        String text = sb + "x".repeat(64_000 - bytes);
        try (Sipp romeo = uas("tcp", "200 OK")) {
            juliet.message("romeo@sip.test").id("x2s-3").body(text).send();
            assertEquals(0, romeo.awaitExit(WAIT), romeo.report());
            SippTrace.Entry r = SippTrace.receivedRequests(romeo.messageTrace(), "MESSAGE").get(0);
            assertEquals("TCP", r.transport(), "the route says UDP; the size moved it to TCP");
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), r.body());
        }
    }

    @Test
    @DisplayName("M5 / IM-15 / MSG-01: over 1300 bytes to a UDP-only SIP peer -> policy-violation, nothing sent")
    void tooLargeForUdpOnlyPeer() {
        java.nio.file.Path trace;
        try (Sipp romeo = uas("udp", "200 OK")) {
            juliet.message("romeo@sip.test").id("big1").body("x".repeat(2000)).send();
            ScriptedXmppClient.Received e = juliet.awaitMessage(r -> r.isError() && "big1".equals(r.id()), WAIT);
            assertEquals("policy-violation", e.errorCondition());
            assertEquals("modify", e.errorType());
            assertEquals("romeo@sip.test", e.from());
            trace = romeo.messageTrace();
        }
        // read once SIPp has ended and flushed its trace
        assertTrue(SippTrace.receivedRequests(trace, "MESSAGE").isEmpty(), "not sent over UDP");
    }

    @Test
    @DisplayName("Unknown SIP user: SIPp's 404 reaches juliet as item-not-found with her message's id and the text 'Not Found' (M6, ERR-03)")
    void unknownSipUser() {
        try (Sipp nobody = uas("udp", "404 Not Found")) {
            juliet.message("nobody@sip.test").id("x2s-404").body("hello?").send();
            ScriptedXmppClient.Received e = juliet.awaitMessage(r -> r.isError() && "x2s-404".equals(r.id()), WAIT);
            assertEquals("item-not-found", e.errorCondition());
            assertEquals("cancel", e.errorType());
            assertEquals("Not Found", e.errorText(), "ERR-03: the reason phrase as the stanzas-namespace <text/> "
                    + "an RFC 6120 client shows (issue 13): " + e.xml());
            assertEquals("nobody@sip.test", e.from());
            assertEquals(0, nobody.awaitExit(WAIT), nobody.report());
        }
    }

    @Test
    @DisplayName("A typing notification crosses X2S: <composing/> -> isComposing active")
    void typingToSip() {
        try (Sipp romeo = uas("udp", "200 OK")) {
            juliet.message("romeo@sip.test").id("x2s-typing").type("chat").chatState("composing").send();
            assertEquals(0, romeo.awaitExit(WAIT), romeo.report());
            SippTrace.Entry r = SippTrace.receivedRequests(romeo.messageTrace(), "MESSAGE").get(0);
            assertEquals("application/im-iscomposing+xml", r.header("Content-Type"));
            assertTrue(r.bodyText().contains("<state>active</state>"), r.bodyText());
        }
    }

    @Test
    @DisplayName("A receipt crosses X2S: XEP-0184 request -> CPIM with IMDN request; SIPp's IMDN -> <received id='…'/>")
    void receiptToSipAndBack() {
        try (Sipp romeo = imdnUas()) {
            juliet.message("romeo@sip.test").id("x2s-receipt-7").body("did you get this?").requestReceipt().send();
            assertEquals(0, romeo.awaitExit(WAIT), romeo.report());
            SippTrace.Entry r = SippTrace.receivedRequests(romeo.messageTrace(), "MESSAGE").get(0);
            assertEquals("message/cpim", r.header("Content-Type"));
            assertTrue(r.bodyText().contains("imdn.Disposition-Notification: positive-delivery"), r.bodyText());
            ScriptedXmppClient.Received receipt = juliet.awaitMessage(m -> "x2s-receipt-7".equals(m.receivedId()), WAIT);
            assertEquals("romeo@sip.test", receipt.from());
        }
    }
}
