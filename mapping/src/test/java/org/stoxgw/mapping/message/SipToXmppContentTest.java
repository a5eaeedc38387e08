package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.sip.SipBody;

class SipToXmppContentTest {

    static ParseResult<InboundContent> decode(String contentType, byte[] body, String contentLanguage) {
        return SipToXmppContent.decode(SipBody.of(contentType, body), contentLanguage, ContentPolicy.ALL, PayloadLimits.DEFAULT);
    }

    static InboundContent.Text text(String contentType, String body, String lang) {
        return assertInstanceOf(InboundContent.Text.class,
                decode(contentType, body.getBytes(StandardCharsets.UTF_8), lang).orElseThrow());
    }

    static ParseProblem problem(ParseResult<?> r) {
        assertFalse(r.isOk());
        return ((ParseResult.Refused<?>) r).problem();
    }

    static Message build(InboundContent.Text t) {
        MessageBuilder b = StanzaBuilder.buildMessage();
        return t.applyTo(b, true).build();
    }

    @Test
    @DisplayName("M2 / IM-17: a text/plain body becomes the character data of <body/>")
    void m2() {
        InboundContent.Text t = text("text/plain", "Neither, fair saint, if either thee dislike.", null);
        Message m = build(t);
        assertEquals("Neither, fair saint, if either thee dislike.", m.getBody());
        assertNull(m.getLanguage());
        assertEquals(Message.Type.normal, m.getType(), "the content adds no type attribute");
        assertFalse(m.toXML(XmlEnvironment.EMPTY).toString().contains("type="));
    }

    @Test
    @DisplayName("M3 / IM-21: Content-Language cs becomes xml:lang='cs'; the UTF-8 text arrives exactly (67 octets)")
    void m3() {
        String czech = "Nic z obého, má děvo spanilá,\nnenavidíš-li jedno nebo druhé.";
        assertEquals(67, czech.getBytes(StandardCharsets.UTF_8).length);
        Message m = build(text("text/plain", czech, "cs"));
        assertEquals("cs", m.getLanguage());
        assertEquals(czech, m.getBody());
        assertTrue(m.toXML(XmlEnvironment.EMPTY).toString().contains("xml:lang='cs'"));
    }

    @Test
    @DisplayName("IM-21: a Content-Language list gives its first tag; a malformed one is ignored")
    void contentLanguageEdgeCases() {
        assertEquals("en-GB", text("text/plain", "x", "en-GB, fr").body().lang());
        assertEquals("", text("text/plain", "x", "'><evil").body().lang());
    }

    @Test
    @DisplayName("AMB-M12: line ends are kept exactly (CRLF stays CRLF)")
    void lineEndsKept() {
        assertEquals("a\r\nb\nc\rd", text("text/plain", "a\r\nb\nc\rd", null).body().text());
    }

    @Test
    @DisplayName("charsets: declared charsets are honoured, invalid bytes refused, XML-illegal characters replaced")
    void charsets() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("café", ((InboundContent.Text) decode("text/plain;charset=ISO-8859-1", latin1, null).orElseThrow())
                .body().text());
        assertEquals(ParseProblem.MALFORMED, problem(decode("text/plain", new byte[] {'h', 'i', (byte) 0xFF}, null)));
        assertEquals("bell\uFFFD", text("text/plain", "bell\u0007", null).body().text());
        assertEquals(ParseProblem.UNSUPPORTED, problem(decode("text/plain;charset=x-klingon", new byte[] {'a'}, null)));
    }

    @Test
    @DisplayName("refusals: unsupported type (415), empty body, oversize")
    void refusals() {
        assertEquals(ParseProblem.UNSUPPORTED, problem(decode("image/png", new byte[] {1, 2}, null)));
        assertEquals(ParseProblem.UNEXPECTED_CONTENT, problem(SipToXmppContent.decode(SipBody.EMPTY, null,
                ContentPolicy.ALL, PayloadLimits.DEFAULT)));
        assertEquals(ParseProblem.TOO_LARGE, problem(SipToXmppContent.decode(SipBody.text("text/plain", "x".repeat(200)),
                null, ContentPolicy.ALL, new PayloadLimits(100, 8, 8))));
        assertEquals(ParseProblem.UNSUPPORTED, problem(SipToXmppContent.decode(SipBody.text("text/html", "<p>x</p>"),
                null, ContentPolicy.TEXT_ONLY, PayloadLimits.DEFAULT)));
    }

    @Test
    @DisplayName("M7 / IM-18 / IM-19: text/html becomes XHTML-IM in the integration set plus a plain body")
    void m7() {
        InboundContent.Text t = text("text/html", "<p>Hello <b>Juliet</b></p>", null);
        assertEquals("Hello Juliet", t.body().text());
        assertEquals("<body xmlns='http://www.w3.org/1999/xhtml'><p>Hello <strong>Juliet</strong></p></body>",
                t.xhtml().xhtmlBody());
        String xml = build(t).toXML(XmlEnvironment.EMPTY).toString();
        assertTrue(xml.contains("<body>Hello Juliet</body>"), xml);
        assertTrue(xml.contains("<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
                + "<p>Hello <strong>Juliet</strong></p></body></html>"), xml);
    }

    @Test
    @DisplayName("CPIM (RFC 5438 §8.1 style request): unwrapped, IMDN request and DateTime kept, receipt requested")
    void cpimWithImdnRequest() {
        String cpim = "From: Alice <im:alice@example.com>\r\n"
                + "To: Bob <im:bob@example.com>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: 34jk324j\r\n"
                + "DateTime: 2006-04-04T12:16:49-05:00\r\n"
                + "imdn.Disposition-Notification: positive-delivery, display\r\n"
                + "\r\n"
                + "Content-type: text/plain\r\n"
                + "Content-length: 12\r\n"
                + "\r\n"
                + "Hello World\n";
        InboundContent.Text t = text("message/cpim", cpim, null);
        assertEquals("Hello World\n", t.body().text());
        assertEquals("34jk324j", t.imdnMessageId());
        assertEquals(Set.of("positive-delivery", "display"), t.dispositions());
        assertEquals("2006-04-04T12:16:49-05:00", t.dateTime());
        assertTrue(t.receiptRequested());
        Message m = build(t);
        assertTrue(Receipts.requested(m), "XEP-0184 request added");
        assertFalse(Receipts.requested(t.applyTo(StanzaBuilder.buildMessage(), false).build()), "receipts off: no request");
    }

    @Test
    @DisplayName("CPIM: Subject and the content's Content-Language are used; nested CPIM and bad CPIM are refused")
    void cpimVariants() {
        String cpim = "From: <sip:romeo@example.net>\r\nTo: <sip:juliet@example.com>\r\nSubject:;lang=en Tonight\r\n\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Language: it\r\n\r\nStasera";
        InboundContent.Text t = text("message/cpim", cpim, "en");
        assertEquals("Tonight", t.subject());
        assertEquals(new TextBody("Stasera", "it"), t.body());
        assertEquals("Tonight", build(t).getSubject());

        String nested = "From: <sip:a@b>\r\n\r\nContent-Type: message/cpim\r\n\r\nFrom: <sip:a@b>\r\n\r\n\r\nx";
        assertEquals(ParseProblem.UNSUPPORTED, problem(decode("message/cpim", nested.getBytes(StandardCharsets.UTF_8), null)));
        assertEquals(ParseProblem.MALFORMED, problem(decode("message/cpim", "From: <sip:a@b>\r\nno end".getBytes(
                StandardCharsets.UTF_8), null)));
        String image = "From: <sip:a@b>\r\n\r\nContent-Type: image/png\r\n\r\nPNG";
        assertEquals(ParseProblem.UNSUPPORTED, problem(decode("message/cpim", image.getBytes(StandardCharsets.UTF_8), null)));
    }

    @Test
    @DisplayName("CPIM Subject with a NUL byte (fuzz finding): U+FFFD in <subject/>, so the stanza stays well-formed XML")
    void cpimSubjectWithControlCharacter() {
        String cpim = "From: <sip:romeo@example.net>\r\nTo: <sip:juliet@example.com>\r\nSubject: he\u0000o\u000bk\r\n\r\n"
                + "Content-Type: text/plain\r\n\r\nhi";
        InboundContent.Text t = text("message/cpim", cpim, null);
        assertEquals("he\uFFFDo\uFFFDk", t.subject());
        assertEquals("he\uFFFDo\uFFFDk", build(t).getSubject());
    }

    @Test
    @DisplayName("RFC 3994 isComposing active/idle -> XEP-0085 composing/paused")
    void isComposing() {
        String active = """
                <?xml version="1.0" encoding="UTF-8"?>
                <isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="urn:ietf:params:xml:ns:im-composing iscomposing.xsd">
                  <state>active</state>
                  <contenttype>text/plain</contenttype>
                  <refresh>90</refresh>
                </isComposing>""";
        InboundContent.Composing c = assertInstanceOf(InboundContent.Composing.class,
                decode("application/im-iscomposing+xml", active.getBytes(StandardCharsets.UTF_8), null).orElseThrow());
        assertEquals(new IsComposing(true, "text/plain", "", 90), c.status());
        assertEquals(org.jivesoftware.smackx.chatstates.ChatState.composing, c.chatState());
        Message m = c.applyTo(StanzaBuilder.buildMessage()).build();
        assertNull(m.getBody(), "standalone notification, no body");
        assertEquals(org.jivesoftware.smackx.chatstates.ChatState.composing, ChatStates.of(m).orElseThrow());

        String idle = """
                <?xml version="1.0" encoding="UTF-8"?>
                <isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">
                  <state>idle</state>
                  <lastactive>2003-01-27T10:43:00Z</lastactive>
                  <contenttype>audio</contenttype>
                </isComposing>""";
        InboundContent.Composing i = (InboundContent.Composing) decode("application/im-iscomposing+xml",
                idle.getBytes(StandardCharsets.UTF_8), null).orElseThrow();
        assertEquals(org.jivesoftware.smackx.chatstates.ChatState.paused, i.chatState());
        assertEquals("2003-01-27T10:43:00Z", i.status().lastActive());
        assertEquals(IsComposing.DEFAULT_REFRESH, i.status().effectiveRefresh());

        assertEquals(ParseProblem.INVALID_VALUE, problem(decode("application/im-iscomposing+xml",
                idle.replace(">idle<", ">typing<").getBytes(StandardCharsets.UTF_8), null)));
        assertEquals(ParseProblem.DTD_FORBIDDEN, problem(decode("application/im-iscomposing+xml",
                ("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                        + "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>&e;</state></isComposing>")
                        .getBytes(StandardCharsets.UTF_8), null)));
    }
}
