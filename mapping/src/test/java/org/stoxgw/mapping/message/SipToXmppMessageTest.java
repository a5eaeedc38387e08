package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressPolicy;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/** SIP MESSAGE → XMPP message: the RFC 7572 §5 table (IM-10–IM-13), vectors M2, M3, M7, and the refusals. */
class SipToXmppMessageTest {

    /** RFC 7572's domains: SIP users at example.net, XMPP users at example.com; plus a gateway domain. */
    static final AddressMapper ADDRESSES = new AddressMapper(AddressPolicy.of(
            List.of(new DomainPair("example.net", "example.net")),
            List.of(new DomainPair("example.com", "example.com")),
            List.of(new DomainPair("gw.example.org", "gw.example.org"))));
    static final SipToXmppMessage.Options ALL = new SipToXmppMessage.Options(ContentPolicy.ALL, PayloadLimits.DEFAULT);

    static SipRequest message(String from, String to, String callId, SipHeaders headers, SipBody body) {
        return new SipRequest("MESSAGE", to, NameAddress.parse(from), NameAddress.parse(to), callId, 1, headers, body);
    }

    static SipRequest m2(SipHeaders headers) {
        return message("sip:romeo@example.net;tag=vwxyz", "sip:juliet@example.com", "9E97FB43-85F4-4A00-8751-1124FD4C7B2E",
                headers, SipBody.text("text/plain", "Neither, fair saint, if either thee dislike."));
    }

    static SipToXmppMessage.Translated translated(SipRequest r) {
        return assertInstanceOf(SipToXmppMessage.Translated.class, SipToXmppMessage.translate(r, ADDRESSES, "u1", ALL));
    }

    static SipResponse refused(SipRequest r) {
        return assertInstanceOf(SipToXmppMessage.Refused.class, SipToXmppMessage.translate(r, ADDRESSES, "u1", ALL)).response();
    }

    @Test
    @DisplayName("M2 / IM-10 / IM-11 / IM-13: from, to, body, thread = Call-ID, a fresh id, no type")
    void m2Vector() {
        SipToXmppMessage.Translated t = translated(m2(SipHeaders.EMPTY));
        Message m = t.stanza();
        assertEquals(SipToXmppMessage.Kind.TEXT, t.kind());
        assertEquals("romeo@example.net", m.getFrom().toString(), "no GRUU known: the bare JID");
        assertEquals("juliet@example.com", m.getTo().toString(), "to from the Request-URI, bare");
        assertEquals("Neither, fair saint, if either thee dislike.", m.getBody());
        // AMB-M04: the Call-ID is the thread (table 2.2 says MUST; the printed example omits it)
        assertEquals("9E97FB43-85F4-4A00-8751-1124FD4C7B2E", m.getThread());
        // AMB-M03: a fresh gateway id, recognisable when an error comes back
        assertEquals("stx-u1", m.getStanzaId());
        assertTrue(MessageIds.isGatewayStanzaId(m.getStanzaId()));
        // IM-13: type absent (normal)
        assertEquals(Message.Type.normal, m.getType());
        assertFalse(m.toXML(XmlEnvironment.EMPTY).toString().contains("type="));
    }

    @Test
    @DisplayName("AMB-M04 (fuzz finding): a Call-ID with a control character JAIN-SIP let through gives a thread XML "
            + "can carry, so the stanza does not break the S2S stream")
    void callIdWithControlCharacter() {
        SipRequest r = message("sip:romeo@example.net;tag=vwxyz", "sip:juliet@example.com", "c0ffee@\u0001host", SipHeaders.EMPTY,
                SipBody.text("text/plain", "hi"));
        assertEquals("c0ffee@\uFFFDhost", translated(r).stanza().getThread());
        SipRequest empty = message("sip:romeo@example.net;tag=vwxyz", "sip:juliet@example.com", "", SipHeaders.EMPTY,
                SipBody.text("text/plain", "hi"));
        assertEquals(null, translated(empty).stanza().getThread(), "no Call-ID text, no thread (and no exception)");
    }

    @Test
    @DisplayName("IM-12: the Contact's public GRUU of the same AOR becomes the resource (M2 as printed)")
    void m2WithGruu() {
        Message m = translated(m2(SipHeaders.of("Contact", "<sip:romeo@example.net;gr=dr4hcr0st3lup4c>"))).stanza();
        assertEquals("romeo@example.net/dr4hcr0st3lup4c", m.getFrom().toString());
        Message other = translated(m2(SipHeaders.of("Contact", "<sip:someone@example.net;gr=abc>"))).stanza();
        assertEquals("romeo@example.net", other.getFrom().toString(), "a GRUU of another AOR is not the sender's");
        Message temp = translated(m2(SipHeaders.of("Contact", "<sip:tgruu.7hs==@example.net;gr>"))).stanza();
        assertEquals("romeo@example.net", temp.getFrom().toString(), "ADDR-07: a temporary GRUU is no resource");
        Message odd = translated(m2(SipHeaders.of("Contact", "<sip:romeo@example.net;gr=%E2%84%AB>"))).stanza();
        assertEquals("romeo@example.net", odd.getFrom().toString(), "a gr PRECIS would change is dropped, the message kept");
        Message plain = translated(m2(SipHeaders.of("Contact", "<sip:romeo@192.0.2.4:5060>"))).stanza();
        assertEquals("romeo@example.net", plain.getFrom().toString());
    }

    @Test
    @DisplayName("M3 / IM-21: Content-Language cs → xml:lang cs; the UTF-8 text with its line end arrives exactly")
    void m3Vector() {
        String czech = "Nic z obého, má děvo spanilá,\nnenavidíš-li jedno nebo druhé.";
        Message m = translated(message("sip:romeo@example.net;tag=vwxyz", "sip:juliet@example.com",
                "5A37A65D-304B-470A-B718-3F3E6770ACAF", SipHeaders.of("Content-Language", "cs"),
                SipBody.text("text/plain", czech))).stanza();
        assertEquals("cs", m.getLanguage());
        assertEquals(czech, m.getBody(), "no whitespace added around the text");
    }

    @Test
    @DisplayName("AMB-M12: CR/LF, XML special characters and non-ASCII text are carried unchanged")
    void exactText() {
        String text = "line 1\r\nline 2\nline 3\r\n<b>&amp;</b> \"quoted\" 'single' ü € 𝄞 ]]>";
        Message m = translated(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c1", SipHeaders.EMPTY,
                SipBody.text("text/plain;charset=UTF-8", text))).stanza();
        assertEquals(text, m.getBody());
    }

    @Test
    @DisplayName("M7 / IM-18 / IM-19: text/html gives a plain body and XHTML-IM")
    void m7Vector() {
        Message m = translated(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c2", SipHeaders.EMPTY,
                SipBody.text("text/html", "<p>Hello <b>Juliet</b></p>"))).stanza();
        assertEquals("Hello Juliet", m.getBody());
        String xml = m.toXML(XmlEnvironment.EMPTY).toString();
        assertTrue(xml.contains("http://jabber.org/protocol/xhtml-im"), xml);
        assertTrue(xml.contains("<strong>Juliet</strong>"), xml);
    }

    @Test
    @DisplayName("Table 2.2: Subject → <subject/>")
    void subject() {
        Message m = translated(m2(SipHeaders.of("Subject", "Tonight"))).stanza();
        assertEquals("Tonight", m.getSubject());
    }

    @Test
    @DisplayName("IMDN request in CPIM → XEP-0184 request; the id carries the IMDN Message-ID and DateTime")
    void receiptRequest() {
        String cpim = "From: <sip:romeo@example.net>\r\nTo: <sip:juliet@example.com>\r\nDateTime: 2024-01-02T03:04:05Z\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: 34jk324j\r\n"
                + "imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\nHello";
        Message m = translated(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c3", SipHeaders.EMPTY,
                SipBody.of("message/cpim", cpim.getBytes(StandardCharsets.UTF_8)))).stanza();
        assertEquals("Hello", m.getBody());
        assertNotNull(m.getExtension(new javax.xml.namespace.QName("urn:xmpp:receipts", "request")));
        MessageIds.ImdnRef ref = MessageIds.imdnRefOf(m.getStanzaId()).orElseThrow();
        assertEquals("34jk324j", ref.messageId());
        assertEquals("2024-01-02T03:04:05Z", ref.dateTime());
    }

    @Test
    @DisplayName("isComposing active → <composing/> in a chat message without body")
    void composing() {
        String xml = "<?xml version='1.0' encoding='UTF-8'?><isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'>"
                + "<state>active</state><contenttype>text/plain</contenttype><refresh>60</refresh></isComposing>";
        SipToXmppMessage.Translated t = translated(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c4",
                SipHeaders.EMPTY, SipBody.text("application/im-iscomposing+xml", xml)));
        assertEquals(SipToXmppMessage.Kind.COMPOSING, t.kind());
        assertEquals(Message.Type.chat, t.stanza().getType());
        assertNull(t.stanza().getBody());
        assertEquals(ChatState.composing, ChatStates.of(t.stanza()).orElseThrow());
        assertEquals(60, t.lapseSeconds(), "RFC 3994 section 4: active lapses after its refresh");
    }

    @Test
    @DisplayName("IMDN delivered for a message the gateway sent → <received id='original XMPP id'/>")
    void imdnDelivered() {
        String messageId = MessageIds.imdnMessageId("r4nd0m", "client-id-7").orElseThrow();
        String imdn = "<?xml version='1.0' encoding='UTF-8'?><imdn xmlns='urn:ietf:params:xml:ns:imdn'><message-id>"
                + messageId + "</message-id><datetime>2024-01-02T03:04:05Z</datetime>"
                + "<delivery-notification><status><delivered/></status></delivery-notification></imdn>";
        String cpim = "From: <sip:romeo@example.net>\r\nTo: <sip:juliet@example.com;gr=balcony>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: n1\r\n\r\n"
                + "Content-Type: message/imdn+xml\r\nContent-Disposition: notification\r\n\r\n" + imdn;
        SipToXmppMessage.Translated t = translated(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com;gr=balcony",
                "c5", SipHeaders.EMPTY, SipBody.of("message/cpim", cpim.getBytes(StandardCharsets.UTF_8))));
        assertEquals(SipToXmppMessage.Kind.RECEIPT, t.kind());
        assertEquals("juliet@example.com/balcony", t.stanza().getTo().toString());
        DeliveryReceipt r = assertInstanceOf(DeliveryReceipt.class,
                t.stanza().getExtension(new javax.xml.namespace.QName("urn:xmpp:receipts", "received")));
        assertEquals("client-id-7", r.getId());
    }

    @Test
    @DisplayName("MSG-05: a body type the gateway does not translate gets 415 with Accept (text/plain first)")
    void unsupported() {
        SipResponse r = refused(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c6", SipHeaders.EMPTY,
                SipBody.of("application/octet-stream", new byte[] {1, 2, 3})));
        assertEquals(415, r.status());
        assertTrue(r.headers().first("Accept").orElseThrow().startsWith("text/plain"));
        assertTrue(r.headers().first("Accept").orElseThrow().contains("message/cpim"));
    }

    @Test
    @DisplayName("Refusals: unknown domain 404, sips 416 (SEC-02), too large 413, not UTF-8 400, loop 482")
    void refusals() {
        assertEquals(404, refused(message("sip:romeo@example.net;tag=1", "sip:juliet@elsewhere.example", "c7",
                SipHeaders.EMPTY, SipBody.text("text/plain", "x"))).status());
        assertEquals(416, refused(message("sip:romeo@example.net;tag=1", "sips:juliet@example.com", "c8",
                SipHeaders.EMPTY, SipBody.text("text/plain", "x"))).status());
        assertEquals(413, refused(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c9",
                SipHeaders.EMPTY, SipBody.text("text/plain", "x".repeat(PayloadLimits.DEFAULT.maxBytes() + 1)))).status());
        assertEquals(400, refused(message("sip:romeo@example.net;tag=1", "sip:juliet@example.com", "c10",
                SipHeaders.EMPTY, SipBody.of("text/plain", new byte[] {(byte) 0xC3, 0x28}))).status());
        // AMB-13: an embedded address of the gateway's own domain would come straight back
        assertEquals(482, refused(message("sip:romeo@example.net;tag=1", "sip:bob%40gw.example.org@gw.example.org", "c11",
                SipHeaders.EMPTY, SipBody.text("text/plain", "x"))).status());
    }
}
