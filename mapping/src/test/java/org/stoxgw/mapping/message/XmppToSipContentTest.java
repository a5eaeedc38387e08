package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.payload.MediaType;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.sip.SipBody;

class XmppToSipContentTest {

    static OutboundContent classify(String xml) {
        return XmppToSipContent.classify(message(xml), ContentPolicy.ALL);
    }

    static OutboundContent.Text text(String xml) {
        return assertInstanceOf(OutboundContent.Text.class, classify(xml));
    }

    @Test
    @DisplayName("M1: <body/> becomes a text/plain body of exactly the body's 35 octets")
    void m1() {
        OutboundContent.Text t = text("""
                <message from='juliet@example.com/yn0cl4bnw0yr3vym'
                         to='romeo@example.net'>
                  <body>Art thou not Romeo, and a Montague?</body>
                </message>""");
        SipBody b = XmppToSipContent.textBody(t.body());
        assertEquals("text/plain", MediaType.parse(b.contentType()).orElseThrow().essence());
        assertEquals("UTF-8", MediaType.parse(b.contentType()).orElseThrow().parameter("charset").orElseThrow());
        assertEquals(35, b.length());
        assertEquals(35, t.byteLength(), "size policy counts UTF-8 bytes");
        assertArrayEquals("Art thou not Romeo, and a Montague?".getBytes(StandardCharsets.UTF_8), b.content());
        assertEquals("", t.body().lang());
        assertFalse(t.receiptRequested());
    }

    @Test
    @DisplayName("M4 / IM-21: xml:lang gives the Content-Language; M8: type chat changes nothing")
    void m4AndM8() {
        OutboundContent.Text t = text("""
                <message from='juliet@example.com/balcony' to='romeo@example.net' id='k2n7x' xml:lang='en'>
                  <subject>Tonight</subject>
                  <thread>E1A1B9C0-1111-4A00-8751-1124FD4C7B2E</thread>
                  <body>Meet me at the balcony.</body>
                </message>""");
        assertEquals(new TextBody("Meet me at the balcony.", "en"), t.body());
        OutboundContent.Text chat = text("<message from='juliet@example.com/yn0cl4bnw0yr3vym' to='romeo@example.net' "
                + "type='chat'><body>Art thou not Romeo, and a Montague?</body></message>");
        assertEquals(new TextBody("Art thou not Romeo, and a Montague?", ""), chat.body());
    }

    @Test
    @DisplayName("IM-21 (fuzz finding): an xml:lang that is no language tag gives no Content-Language, so it can "
            + "neither break the SIP header nor inject a CPIM header line")
    void xmlLangThatIsNoLanguageTag() {
        assertEquals("", text("<message xml:lang='en&#13;&#10;Require: x' from='a@example.com' to='b@example.net'>"
                + "<body>hi</body></message>").body().lang());
        assertEquals("", text("<message from='a@example.com' to='b@example.net'><body xml:lang='dumsip.n:xippxn--:e'>hi"
                + "</body></message>").body().lang());
        assertEquals("de-CH", text("<message from='a@example.com' to='b@example.net'><body xml:lang='de-CH'>hi</body>"
                + "</message>").body().lang());
    }

    @Test
    @DisplayName("AMB-M11: of several bodies the one in the stanza's language is sent, the others counted")
    void severalBodies() {
        OutboundContent.Text t = text("<message to='romeo@example.net' xml:lang='de'>"
                + "<body xml:lang='en'>Hello</body><body>Hallo</body><body xml:lang='fr'>Bonjour</body></message>");
        assertEquals(new TextBody("Hallo", "de"), t.body());
        assertEquals(2, t.otherLanguages());
        OutboundContent.Text explicit = text("<message to='romeo@example.net' xml:lang='fr'>"
                + "<body xml:lang='en'>Hello</body><body xml:lang='fr'>Bonjour</body></message>");
        assertEquals(new TextBody("Bonjour", "fr"), explicit.body());
        OutboundContent.Text noMatch = text("<message to='romeo@example.net'>"
                + "<body xml:lang='it'>Ciao</body><body xml:lang='en'>Hello</body></message>");
        assertEquals(new TextBody("Ciao", "it"), noMatch.body(), "else the first, with its own language");
    }

    @Test
    @DisplayName("AMB-M12: line ends and XML special characters arrive byte-identical")
    void exactText() {
        OutboundContent.Text t = text("<message to='romeo@example.net'><body>a &lt;b&gt; &amp; 'c'\n\"d\"&#13;\ne</body></message>");
        assertEquals("a <b> & 'c'\n\"d\"\r\ne", t.body().text());
        assertEquals("a <b> & 'c'\n\"d\"\r\ne", XmppToSipContent.textBody(t.body()).utf8());
    }

    @Test
    @DisplayName("AMB-M09: a body with a chat state, XHTML-IM and a receipt request is sent as text; the request is flagged")
    void bodyWithExtensions() {
        OutboundContent.Text t = text("<message to='romeo@example.net' id='m1'><body>hi</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<request xmlns='urn:xmpp:receipts'/>"
                + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p>hi</p></body></html>"
                + "</message>");
        assertEquals("hi", t.body().text());
        assertTrue(t.receiptRequested());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<message to='r@e.net'><active xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message to='r@e.net'><inactive xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message to='r@e.net'><gone xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message to='r@e.net'><body></body></message>",
        "<message to='r@e.net'><subject>only a subject</subject></message>",
        "<message to='r@e.net'><displayed xmlns='urn:xmpp:chat-markers:0' id='x'/></message>",
        "<message to='r@e.net' type='error'><body>bounced</body><error type='cancel'>"
            + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>",
        "<message to='r@e.net'/>"})
    @DisplayName("AMB-M10: body-less messages without a translatable extension produce no SIP MESSAGE")
    void nothing(String xml) {
        assertInstanceOf(OutboundContent.Nothing.class, classify(xml));
    }

    @Test
    @DisplayName("AMB-M09/M10: composing and paused become isComposing bodies (when enabled)")
    void chatStates() {
        OutboundContent.Composing c = assertInstanceOf(OutboundContent.Composing.class,
                classify("<message to='r@e.net'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"));
        assertEquals(ChatState.composing, c.state());
        SipBody body = XmppToSipContent.composingBody(c.state(), 60).orElseThrow();
        assertEquals(MediaTypes.IS_COMPOSING, body.contentType());
        assertEquals(new IsComposing(true, "text", "", 60), IsComposingCodec.parse(body.content(), XmlLimits.DEFAULT).orElseThrow());
        SipBody idle = XmppToSipContent.composingBody(ChatState.paused, 60).orElseThrow();
        assertEquals(false, IsComposingCodec.parse(idle.content(), XmlLimits.DEFAULT).orElseThrow().active());
        assertFalse(XmppToSipContent.composingBody(ChatState.gone, 60).isPresent());
        assertInstanceOf(OutboundContent.Nothing.class, XmppToSipContent.classify(message(
                "<message to='r@e.net'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"),
                ContentPolicy.TEXT_ONLY), "isComposing off");
    }

    @Test
    @DisplayName("a receipt becomes an IMDN delivery notification (when enabled)")
    void receipt() {
        OutboundContent.Receipt r = assertInstanceOf(OutboundContent.Receipt.class,
                classify("<message to='r@e.net'><received xmlns='urn:xmpp:receipts' id='richard2-4.1.247'/></message>"));
        assertEquals("richard2-4.1.247", r.receivedId());
        assertInstanceOf(OutboundContent.Nothing.class, XmppToSipContent.classify(message(
                "<message to='r@e.net'><received xmlns='urn:xmpp:receipts' id='x'/></message>"), ContentPolicy.TEXT_ONLY));
        assertInstanceOf(OutboundContent.Nothing.class, classify("<message to='r@e.net'><received xmlns='urn:xmpp:receipts'/></message>"),
                "a receipt without id cannot be correlated");
    }

    @Test
    @DisplayName("optional CPIM wrap with an IMDN delivery request parses back with the same values")
    void cpimWrap() {
        SipBody b = XmppToSipContent.cpimTextBody(new TextBody("Hello\r\nWorld", "en"), "sip:juliet@example.com",
                "sip:romeo@example.net", Instant.parse("2025-03-04T05:06:07Z"), "imdn-42");
        assertEquals(MediaTypes.CPIM, b.contentType());
        CpimMessage m = CpimCodec.parse(b.content(), PayloadLimits.DEFAULT).orElseThrow();
        assertEquals("<sip:juliet@example.com>", m.first("From").orElseThrow().value());
        assertEquals("2025-03-04T05:06:07Z", m.first("DateTime").orElseThrow().value());
        assertEquals("imdn-42", m.imdnHeader("Message-ID").orElseThrow());
        assertEquals(java.util.Set.of("positive-delivery"), ImdnCodec.requestedDispositions(m));
        assertEquals("Hello\r\nWorld", m.content().utf8());
        assertEquals("en", m.contentHeaders().first("Content-Language").orElseThrow());
        InboundContent.Text back = (InboundContent.Text) SipToXmppContent.decode(b, null, ContentPolicy.ALL,
                PayloadLimits.DEFAULT).orElseThrow();
        assertEquals(new TextBody("Hello\r\nWorld", "en"), back.body());
        assertTrue(back.receiptRequested());
    }
}
