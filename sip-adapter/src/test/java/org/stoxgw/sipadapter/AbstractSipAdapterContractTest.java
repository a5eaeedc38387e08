package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import java.time.Duration;
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
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.ReceivedRequest;
import org.stoxgw.testfixtures.sip.SipTestAgent;

/**
 * What the SIP adapter promises the SIP world and the gateway core, run over each transport
 * (subclasses) against the in-JVM test agent. CORE-09: the gateway speaks UDP and TCP toward SIP;
 * SEC-01: and TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSipAdapterContractTest {
    static final String GW_IP = TestNet.address(10);
    static final String UA_IP = TestNet.address(20);
    static final String STRANGER_IP = TestNet.address(30);
    static final String ROMEO = "sip:romeo@sip.example.net";
    static final String JULIET = "sip:juliet@xmpp.example.test";

    TestGateway gw;
    SipTestAgent ua;
    int port;
    int tlsPort;

    /** "udp", "tcp" or "tls". */
    abstract String transport();

    @BeforeAll
    void start() {
        port = FreePorts.tcpAndUdp(GW_IP);
        tlsPort = FreePorts.tcp(GW_IP);
        gw = new TestGateway(config()).start();
        ua = agent(UA_IP);
    }

    @BeforeEach
    void reset() {
        gw.handler.reset();
        ua.reset();
    }

    String config() {
        return TestGateway.tlsConfig() + """
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = ["%1$s:%2$d"], tls = ["%1$s:%3$d"] }
                  trust.peers = [ { name = "agent", networks = ["%4$s/32"], domains = ["sip.example.net"] } ]
                  timeouts { t1 = 100ms, answer = 3s }
                }
                """.formatted(GW_IP, port, tlsPort, UA_IP);
    }

    SipTestAgent agent(String ip) {
        var pki = TestGateway.pki();
        return SipTestAgent.builder().address(ip).tls(pki.issue("agent", "dns:sip.example.net"), pki.trustStore()).start();
    }

    @AfterAll
    void stop() {
        if (ua != null) {
            ua.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    int gwPort() {
        return transport().equals("tls") ? tlsPort : port;
    }

    SIPResponse send(SipTestAgent agent, org.stoxgw.testfixtures.sip.OutgoingRequest r) {
        return agent.sendAndWait(r, transport(), GW_IP, gwPort());
    }

    SipRequest message(String to, String text) {
        return new SipRequest("MESSAGE", to, NameAddress.of(JULIET).withTag(gw.adapter.newTag()), NameAddress.of(to),
                gw.adapter.newCallId(), 1, SipHeaders.EMPTY, SipBody.text("text/plain", text));
    }

    @Test
    @DisplayName("CORE-09/SEC-01: a MESSAGE reaches the core in the neutral model and the core's answer goes back")
    void messageIn() {
        SIPResponse r = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).body("text/plain;charset=UTF-8", "hello Juliet"));
        assertEquals(200, r.getStatusCode());
        InboundSipRequest in = gw.handler.expect();
        SipRequest req = in.request();
        assertEquals("MESSAGE", req.method());
        assertEquals(JULIET, req.requestUri());
        assertEquals(ROMEO, req.from().uri());
        assertTrue(req.from().tag().isPresent());
        assertEquals("hello Juliet", req.body().utf8());
        assertEquals("text/plain;charset=UTF-8", req.body().contentType());
        assertEquals("70", req.headers().first("Max-Forwards").orElseThrow());
        assertEquals(transport(), in.transport().wireName());
        assertEquals("agent", in.trustedPeer());
        assertEquals(in.localTag(), r.getTo().getTag(), "the To tag the core could learn is the one sent");
    }

    @Test
    @DisplayName("CORE-09/SEC-01: a MESSAGE the core sends reaches the SIP user; the outcome is the final response")
    void messageOut() throws Exception {
        SipOutcome o = gw.adapter.send(message(ua.uri("romeo", transport()), "hello Romeo")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        ReceivedRequest got = ua.expectRequest();
        assertEquals("MESSAGE", got.method());
        assertEquals("hello Romeo", got.body());
        assertTrue(got.header("Via").toUpperCase().contains(transport().toUpperCase()), got.header("Via"));
        assertEquals("70", got.header("Max-Forwards"));
        SipResponse resp = assertInstanceOf(SipOutcome.Response.class, o).response();
        assertEquals(200, resp.status());
        assertEquals(got.toTag(), NameAddress.parse(resp.headers().first("To").orElseThrow()).tag().orElseThrow());
    }

    @Test
    @DisplayName("A SUBSCRIBE creates a dialog the core owns: 200 with its tag and Contact, an in-dialog NOTIFY, a refresh")
    void subscribeNotifyRefresh() throws Exception {
        var sub = ua.request("SUBSCRIBE", JULIET).from(ROMEO).header("Event", "presence")
                .header("Accept", "application/pidf+xml").header("Expires", "600")
                .header("Contact", "<" + ua.uri("romeo", transport()) + ">");
        gw.handler.answerWith(in -> new SipResponse(200, "OK", SipHeaders.of("Expires", "600"), SipBody.EMPTY));
        SIPResponse ok = send(ua, sub);
        assertEquals(200, ok.getStatusCode());
        InboundSipRequest in = gw.handler.expect();
        String localTag = in.localTag();
        assertEquals(localTag, ok.getTo().getTag());
        String contact = SipTestAgent.header(ok, "Contact");
        assertNotNull(contact, "a 2xx to SUBSCRIBE carries the gateway's Contact (RFC 6665 section 4.2.1.1)");
        assertEquals("600", SipTestAgent.header(ok, "Expires"));

        // the core, from its stored dialog state, sends NOTIFY inside the dialog
        NameAddress remoteTarget = NameAddress.parse(in.request().headers().first("Contact").orElseThrow());
        SipRequest notify = new SipRequest("NOTIFY", remoteTarget.uri(), in.request().to().withTag(localTag),
                in.request().from(), in.request().callId(), 1,
                SipHeaders.of("Event", "presence", "Subscription-State", "active;expires=600"),
                SipBody.text("application/pidf+xml", "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='" + JULIET + "'/>"));
        var outcome = gw.adapter.send(notify).toCompletableFuture();
        ReceivedRequest n = ua.expectRequest();
        assertEquals("NOTIFY", n.method());
        assertEquals(sub.callId(), n.request().getCallId().getCallId());
        assertEquals(localTag, n.request().getFrom().getTag(), "From tag = the gateway's local tag");
        assertEquals(sub.fromTag(), n.request().getToTag(), "To tag = the subscriber's tag");
        assertNotNull(n.header("Contact"), "NOTIFY carries a Contact (RFC 6665 section 4.2.2)");
        SipOutcome o = outcome.get(10, TimeUnit.SECONDS);
        assertEquals(200, assertInstanceOf(SipOutcome.Response.class, o).response().status());

        // the subscriber refreshes inside the dialog, to the gateway's Contact
        String gwContact = NameAddress.parse(contact).uri();
        var refresh = ua.request("SUBSCRIBE", gwContact).from(ROMEO).fromTag(sub.fromTag()).to(JULIET).toTag(localTag)
                .callId(sub.callId()).cseq(2).header("Event", "presence").header("Expires", "600");
        SIPResponse ok2 = ua.sendAndWait(refresh, transport(), GW_IP, gwPort());
        assertEquals(200, ok2.getStatusCode());
        InboundSipRequest in2 = gw.handler.expect();
        assertEquals(localTag, in2.request().to().tag().orElseThrow());
        assertEquals(localTag, in2.localTag());
        assertEquals(2, in2.request().cseq());
        assertEquals(localTag, ok2.getTo().getTag());
    }

    @Test
    @DisplayName("OPTIONS is answered by the gateway with Allow, Accept, Supported and Allow-Events")
    void options() {
        SIPResponse r = send(ua, ua.request("OPTIONS", JULIET).from(ROMEO));
        assertEquals(200, r.getStatusCode());
        assertTrue(SipTestAgent.header(r, "Allow").contains("MESSAGE"), SipTestAgent.header(r, "Allow"));
        assertTrue(SipTestAgent.header(r, "Accept").contains("application/pidf+xml"));
        assertNotNull(r.getHeader("Supported"));
        assertEquals("presence", SipTestAgent.header(r, "Allow-Events"));
        assertNull(gw.handler.poll(Duration.ofMillis(200)));
    }

    @Test
    @DisplayName("A known method the gateway does not accept gets 405 with Allow, an unknown one 501")
    void methods() {
        SIPResponse info = send(ua, ua.request("INFO", JULIET).from(ROMEO));
        assertEquals(405, info.getStatusCode());
        assertTrue(SipTestAgent.header(info, "Allow").contains("SUBSCRIBE"));
        SIPResponse foo = send(ua, ua.request("FOO", JULIET).from(ROMEO));
        assertEquals(501, foo.getStatusCode());
        assertTrue(gw.handler.isEmpty());
    }

    @Test
    @DisplayName("A body type the method does not accept gets 415 with Accept")
    void unsupportedMediaType() {
        SIPResponse r = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).body("application/x-unknown", "?"));
        assertEquals(415, r.getStatusCode());
        assertTrue(SipTestAgent.header(r, "Accept").contains("text/plain"), SipTestAgent.header(r, "Accept"));
        assertTrue(gw.handler.isEmpty());
    }

    static final String IMDN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">"
            + "<message-id>m1</message-id><datetime>2026-12-07T10:00:00Z</datetime>"
            + "<delivery-notification><status><delivered/></status></delivery-notification></imdn>";

    static byte[] compress(String coding, byte[] plain) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream z = switch (coding) {
                case "gzip" -> new java.util.zip.GZIPOutputStream(out);
                case "deflate" -> new java.util.zip.DeflaterOutputStream(out);
                default -> new java.util.zip.DeflaterOutputStream(out, new java.util.zip.Deflater(9, true)); // bare RFC 1951
            }) {
                z.write(plain);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("Issue 13 (IM-13 receipts): an IMDN with Content-Encoding deflate (zlib), gzip or bare deflate reaches the "
            + "core decoded, without Content-Encoding")
    void compressedBodiesAreDecoded() {
        byte[] plain = IMDN.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String[] c : new String[][] {{"deflate", "deflate"}, {"gzip", "gzip"}, {"raw", "deflate"}, {"gzip", "x-gzip"}}) {
            gw.handler.reset();
            SIPResponse r = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).header("Content-Encoding", c[1])
                    .body("message/imdn+xml", compress(c[0], plain)));
            assertEquals(200, r.getStatusCode(), c[0] + ": " + r.getReasonPhrase());
            SipRequest got = gw.handler.expect().request();
            assertEquals(IMDN, got.body().utf8(), c[0]);
            assertEquals("message/imdn+xml", got.body().contentType());
            assertTrue(got.headers().first("Content-Encoding").isEmpty(), c[0] + ": the core sees an identity body");
        }
    }

    @Test
    @DisplayName("Issue 13: a compressed body that inflates past max-message-size (zip bomb) gets 513 and never reaches the "
            + "core; an unknown coding gets 415 with Accept-Encoding; a corrupt one 400")
    void compressedBodyLimits() {
        byte[] bomb = compress("gzip", new byte[8 << 20]); // 8 MiB of zeros in about 8 KiB
        SIPResponse r = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).header("Content-Encoding", "gzip")
                .body("text/plain", bomb));
        assertEquals(513, r.getStatusCode(), r.getReasonPhrase());
        SIPResponse br = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).header("Content-Encoding", "br")
                .body("text/plain", "x"));
        assertEquals(415, br.getStatusCode());
        assertEquals("gzip, deflate, identity", SipTestAgent.header(br, "Accept-Encoding"));
        SIPResponse bad = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).header("Content-Encoding", "deflate")
                .body("text/plain", "not deflate at all"));
        assertEquals(400, bad.getStatusCode(), bad.getReasonPhrase());
        assertTrue(gw.handler.isEmpty(), "nothing undecodable reaches the core");
    }

    @Test
    @DisplayName("Require with an unknown option tag gets 420 with Unsupported")
    void badExtension() {
        SIPResponse r = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).header("Require", "foo")
                .body("text/plain", "x"));
        assertEquals(420, r.getStatusCode());
        assertEquals("foo", SipTestAgent.header(r, "Unsupported"));
    }

    @Test
    @DisplayName("SEC-03: Max-Forwards 0 gets 483 and never reaches the core")
    void maxForwardsZero() {
        SIPResponse r = send(ua, ua.request("MESSAGE", JULIET).from(ROMEO).header("Max-Forwards", "0")
                .body("text/plain", "x"));
        assertEquals(483, r.getStatusCode());
        assertTrue(gw.handler.isEmpty());
    }

    @Test
    @DisplayName("A Request-URI in a domain the gateway does not serve gets 404")
    void domainNotServed() {
        SIPResponse r = send(ua, ua.request("MESSAGE", "sip:someone@elsewhere.example").from(ROMEO).body("text/plain", "x"));
        assertEquals(404, r.getStatusCode());
    }

    @Test
    @DisplayName("A SUBSCRIBE for an event package the gateway does not serve gets 489 with Allow-Events")
    void badEvent() {
        SIPResponse r = send(ua, ua.request("SUBSCRIBE", JULIET).from(ROMEO).header("Event", "message-summary"));
        assertEquals(489, r.getStatusCode());
        assertEquals("presence", SipTestAgent.header(r, "Allow-Events"));
    }

    @Test
    @DisplayName("SEC-01: a source outside the trusted networks gets 403; a trusted peer speaking for another domain too")
    void untrusted() {
        try (SipTestAgent stranger = agent(STRANGER_IP)) {
            SIPResponse r = send(stranger, stranger.request("MESSAGE", JULIET).from(ROMEO).body("text/plain", "x"));
            assertEquals(403, r.getStatusCode());
            assertTrue(r.getReasonPhrase().contains("not trusted"), r.getReasonPhrase());
        }
        SIPResponse other = send(ua, ua.request("MESSAGE", JULIET).from("sip:eve@other.example.org").body("text/plain", "x"));
        assertEquals(403, other.getStatusCode());
        SIPResponse spoof = send(ua, ua.request("MESSAGE", JULIET).from("sip:nurse@xmpp.example.test").body("text/plain", "x"));
        assertEquals(403, spoof.getStatusCode(), "nobody speaks for a domain the gateway serves itself");
        assertTrue(gw.handler.isEmpty(), "nothing untrusted reaches the core");
    }

    @Test
    @DisplayName("SEC-03: a request the gateway sent that comes back to it (a loop through a proxy) is stopped with 482")
    void loopThroughTheGateway() throws Exception {
        ua.forwardTo(transport(), GW_IP, gwPort());
        SipOutcome o = gw.adapter.send(message(ua.uri("romeo", transport()), "round and round")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        SipResponse r = assertInstanceOf(SipOutcome.Response.class, o).response();
        assertEquals(482, r.status());
        assertTrue(gw.handler.isEmpty(), "the looped request never reached the core");
        assertTrue(gw.adapter.stats().getRejected().get("loop") >= 1);
    }

    @Test
    @DisplayName("A malformed request gets 400 with a reason; the connection stays usable")
    void malformed() {
        try (var raw = org.stoxgw.testfixtures.sip.RawSipClient.connect(transport(), UA_IP, GW_IP, gwPort(),
                TestGateway.pki().issue("agent", "dns:sip.example.net"), TestGateway.pki().trustStore())) {
            String via = "SIP/2.0/" + transport().toUpperCase() + " " + raw.localAddress() + ";branch=z9hG4bKbad1;rport";
            raw.send("MESSAGE " + JULIET + " SIP/2.0\r\nVia: " + via + "\r\nFrom: <" + ROMEO + ">;tag=1\r\nTo: <" + JULIET
                    + ">\r\nCall-ID: bad1\r\nCSeq: one MESSAGE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            String resp = raw.receive();
            assertNotNull(resp, "a 400 comes back");
            assertTrue(resp.startsWith("SIP/2.0 400 Malformed CSeq header"), resp);
            assertTrue(resp.contains("branch=z9hG4bKbad1"), "the Via is echoed: " + resp);
            String good = "OPTIONS " + JULIET + " SIP/2.0\r\nVia: " + via.replace("bad1", "good2") + "\r\nFrom: <" + ROMEO
                    + ">;tag=2\r\nTo: <" + JULIET + ">\r\nCall-ID: good2\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            raw.send(good);
            String ok = raw.receive();
            assertNotNull(ok);
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        }
        assertTrue(gw.handler.isEmpty());
    }
}
