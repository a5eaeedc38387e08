package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.payload.MediaType;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.sip.SipRequest;

/** XMPP message → SIP MESSAGE: the RFC 7572 §4 table (IM-03–IM-06, IM-21), vectors M1, M4, M5, M8. */
class XmppToSipMessageTest {
    static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    static final XmppToSipMessage.Options ALL = new XmppToSipMessage.Options(ContentPolicy.ALL, 60);

    static final class Ids implements XmppToSipMessage.Identifiers {
        long cseq = 1;

        @Override
        public String newTag() {
            return "12345";
        }

        @Override
        public String newCallId() {
            return "D9AA95FD-2BD5-46E2-AF0F-6CFAA96BDDFA";
        }

        @Override
        public long nextCSeq() {
            return cseq++;
        }

        @Override
        public String newUnique() {
            return "r4nd0m";
        }
    }

    static XmppToSipMessage.Result translate(String xml) {
        return XmppToSipMessage.translate(message(xml), SipToXmppMessageTest.ADDRESSES, UserSpellings.NONE, ALL, new Ids(), NOW);
    }

    static XmppToSipMessage.Translated translated(String xml) {
        return assertInstanceOf(XmppToSipMessage.Translated.class, translate(xml));
    }

    static final String M1 = """
            <message from='juliet@example.com/yn0cl4bnw0yr3vym'
                     to='romeo@example.net'>
              <body>Art thou not Romeo, and a Montague?</body>
            </message>""";

    @Test
    @DisplayName("M1 / IM-03 / IM-04 / AMB-M13: Request-URI and To, From the address of record, the gr in Contact, "
            + "a text/plain body of 35 octets")
    void m1Vector() {
        XmppToSipMessage.Translated t = translated(M1);
        SipRequest r = t.request();
        assertEquals("MESSAGE", r.method());
        assertEquals("sip:romeo@example.net", r.requestUri());
        assertEquals("sip:romeo@example.net", r.to().uri());
        assertEquals("<sip:juliet@example.com>;tag=12345", r.from().toString());
        assertEquals("<sip:juliet@example.com;gr=yn0cl4bnw0yr3vym>", r.headers().first("Contact").orElseThrow());
        assertEquals("D9AA95FD-2BD5-46E2-AF0F-6CFAA96BDDFA", r.callId(), "no <thread/>: a generated Call-ID");
        assertEquals(1, r.cseq());
        assertEquals("text/plain", MediaType.parse(r.body().contentType()).orElseThrow().essence());
        assertEquals(35, r.body().length());
        assertEquals("Art thou not Romeo, and a Montague?", r.body().utf8());
        // MSG-07: no Expires, so no Date either
        assertFalse(r.headers().contains("Expires"));
        assertFalse(r.headers().contains("Date"));
        assertNull(t.plainFallback());
    }

    @Test
    @DisplayName("M4 / IM-21: Subject, Call-ID from <thread/>, Content-Language from xml:lang")
    void m4Vector() {
        SipRequest r = translated("""
                <message from='juliet@example.com/balcony' to='romeo@example.net'
                         id='k2n7x' xml:lang='en'>
                  <subject>Tonight</subject>
                  <thread>E1A1B9C0-1111-4A00-8751-1124FD4C7B2E</thread>
                  <body>Meet me at the balcony.</body>
                </message>""").request();
        assertEquals("<sip:juliet@example.com>;tag=12345", r.from().toString());
        assertEquals("<sip:juliet@example.com;gr=balcony>", r.headers().first("Contact").orElseThrow());
        assertEquals("Tonight", r.headers().first("Subject").orElseThrow());
        assertEquals("E1A1B9C0-1111-4A00-8751-1124FD4C7B2E", r.callId());
        assertEquals("en", r.headers().first("Content-Language").orElseThrow());
        assertEquals("Meet me at the balcony.", r.body().utf8());
    }

    @Test
    @DisplayName("M8 / IM-06: type='chat' changes nothing on SIP")
    void m8Vector() {
        SipRequest chat = translated(M1.replace("to='romeo@example.net'", "to='romeo@example.net' type='chat'")).request();
        SipRequest normal = translated(M1).request();
        assertEquals(normal, chat);
    }

    @Test
    @DisplayName("AMB-M04: a thread that is no valid Call-ID gives a stable Call-ID derived from it")
    void threadNotACallId() {
        String xml = "<message from='juliet@example.com/b' to='romeo@example.net'><thread>a thread with spaces</thread>"
                + "<body>x</body></message>";
        String a = translated(xml).request().callId();
        assertTrue(a.startsWith("thread-") && CallIds.isCallId(a), a);
        assertEquals(a, translated(xml).request().callId());
    }

    @Test
    @DisplayName("M5 / AMB-M06: the size counts the whole request, not just the 2000-octet body")
    void m5Size() {
        SipRequest r = translated("<message from='juliet@example.com/balcony' to='romeo@example.net' id='big1'><body>"
                + "x".repeat(2000) + "</body></message>").request();
        int size = XmppToSipMessage.wireSize(r);
        assertTrue(size > 2000 + 200, "start line and headers count: " + size);
        assertTrue(XmppToSipMessage.wireSize(translated(M1).request()) < 1300);
    }

    @Test
    @DisplayName("AMB-M12: CR/LF, XML special characters and non-ASCII go into the SIP body byte for byte")
    void exactText() {
        Message m = org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("x1")
                .from(org.jxmpp.jid.impl.JidCreate.fromOrThrowUnchecked("juliet@example.com/b"))
                .to(org.jxmpp.jid.impl.JidCreate.fromOrThrowUnchecked("romeo@example.net"))
                .setBody("a\r\nb\nc <&> \"' ü € 𝄞").build();
        XmppToSipMessage.Translated t = assertInstanceOf(XmppToSipMessage.Translated.class, XmppToSipMessage.translate(m,
                SipToXmppMessageTest.ADDRESSES, UserSpellings.NONE, ALL, new Ids(), NOW));
        assertArrayEquals("a\r\nb\nc <&> \"' ü € 𝄞".getBytes(StandardCharsets.UTF_8), t.request().body().content());
    }

    @Test
    @DisplayName("Receipt request → CPIM asking for an IMDN whose Message-ID carries the XMPP id; plain fallback for 415")
    void receiptRequest() {
        XmppToSipMessage.Translated t = translated("<message from='juliet@example.com/b' to='romeo@example.net' id='abc'>"
                + "<body>hi</body><request xmlns='urn:xmpp:receipts'/></message>");
        SipRequest r = t.request();
        assertEquals("message/cpim", r.body().contentType());
        CpimMessage cpim = CpimCodec.parse(r.body().content(), PayloadLimits.DEFAULT).orElseThrow();
        String imdnId = cpim.imdnHeader("Message-ID").orElseThrow();
        assertEquals("abc", MessageIds.xmppIdOf(imdnId).orElseThrow());
        assertTrue(ImdnCodec.requestedDispositions(cpim).contains("positive-delivery"));
        assertEquals("<sip:juliet@example.com>", cpim.first("From").orElseThrow().value(), "AMB-M13: CPIM From = SIP From");
        assertEquals("hi", cpim.content().utf8());
        assertEquals("hi", t.plainFallback().body().utf8());
        assertEquals(r.cseq() + 1, t.plainFallback().cseq());
        assertEquals(r.callId(), t.plainFallback().callId());
    }

    @Test
    @DisplayName("Chat states: composing → isComposing active, paused → idle, active → nothing")
    void chatStates() {
        SipRequest r = translated("<message from='juliet@example.com/b' to='romeo@example.net' type='chat'>"
                + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>").request();
        assertEquals("application/im-iscomposing+xml", r.body().contentType());
        IsComposing c = IsComposingCodec.parse(r.body().content(), XmlLimits.DEFAULT).orElseThrow();
        assertTrue(c.active());
        assertEquals(60, c.refresh());
        SipRequest p = translated("<message from='juliet@example.com/b' to='romeo@example.net' type='chat'>"
                + "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>").request();
        assertFalse(IsComposingCodec.parse(p.body().content(), XmlLimits.DEFAULT).orElseThrow().active());
        assertInstanceOf(XmppToSipMessage.Nothing.class, translate("<message from='juliet@example.com/b' to='romeo@example.net'"
                + " type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    }

    @Test
    @DisplayName("A <received/> for a gateway message → IMDN delivered with the SIP message's Message-ID and DateTime")
    void receipt() {
        String id = MessageIds.stanzaId("u9", "34jk324j", "2024-01-02T03:04:05Z");
        XmppToSipMessage.Translated t = translated("<message from='juliet@example.com/b' to='romeo@example.net'>"
                + "<received xmlns='urn:xmpp:receipts' id='" + id + "'/></message>");
        assertEquals(XmppToSipMessage.Kind.RECEIPT, t.kind());
        CpimMessage cpim = CpimCodec.parse(t.request().body().content(), PayloadLimits.DEFAULT).orElseThrow();
        ImdnNotification n = ImdnCodec.parse(cpim.content().content(), XmlLimits.DEFAULT).orElseThrow();
        assertTrue(n.isDelivered());
        assertEquals("34jk324j", n.messageId());
        assertEquals("2024-01-02T03:04:05Z", n.dateTime());
        assertInstanceOf(XmppToSipMessage.Nothing.class, translate("<message from='juliet@example.com/b' "
                + "to='romeo@example.net'><received xmlns='urn:xmpp:receipts' id='not-ours'/></message>"));
    }

    @Test
    @DisplayName("AMB-M13 (issue 13): two resources of juliet are one SIP peer; her receipt comes from the address romeo "
            + "wrote to, <recipient-uri> and Contact name the resource that got the message")
    void onePersonOnePeer() {
        String id = MessageIds.stanzaId("u9", "34jk324j", "2024-01-02T03:04:05Z");
        SipRequest phone = translated("<message from='juliet@example.com/phone' to='romeo@example.net'><body>a</body></message>")
                .request();
        SipRequest desk = translated("<message from='juliet@example.com/desk' to='romeo@example.net'><body>b</body></message>")
                .request();
        SipRequest receipt = translated("<message from='juliet@example.com/phone' to='romeo@example.net'>"
                + "<received xmlns='urn:xmpp:receipts' id='" + id + "'/></message>").request();
        for (SipRequest r : new SipRequest[] {phone, desk, receipt}) {
            assertEquals("sip:juliet@example.com", r.from().uri(), "one conversation: the address of record");
        }
        assertEquals("<sip:juliet@example.com;gr=phone>", phone.headers().first("Contact").orElseThrow());
        assertEquals("<sip:juliet@example.com;gr=desk>", desk.headers().first("Contact").orElseThrow());
        CpimMessage cpim = CpimCodec.parse(receipt.body().content(), PayloadLimits.DEFAULT).orElseThrow();
        assertEquals("<sip:juliet@example.com>", cpim.first("From").orElseThrow().value());
        ImdnNotification n = ImdnCodec.parse(cpim.content().content(), XmlLimits.DEFAULT).orElseThrow();
        assertEquals("sip:juliet@example.com;gr=phone", n.recipientUri(), "RFC 5438 §7.2.1.1: the instance that got it");
        // a bare JID has no instance: no Contact, recipient-uri is the address itself
        SipRequest bare = translated("<message from='juliet@example.com' to='romeo@example.net'><body>c</body></message>")
                .request();
        assertTrue(bare.headers().first("Contact").isEmpty());
    }

    @Test
    @DisplayName("Refusals: unknown target item-not-found, loop not-acceptable; error stanzas are nothing to send")
    void refusals() {
        XmppToSipMessage.Refused unknown = assertInstanceOf(XmppToSipMessage.Refused.class,
                translate("<message from='juliet@example.com/b' to='romeo@elsewhere.example'><body>x</body></message>"));
        assertEquals(Condition.item_not_found, unknown.error().getCondition());
        XmppToSipMessage.Refused loop = assertInstanceOf(XmppToSipMessage.Refused.class,
                translate("<message from='juliet@example.com/b' to='bob\\40gw.example.org@gw.example.org'><body>x</body></message>"));
        assertEquals(Condition.not_acceptable, loop.error().getCondition());
        assertInstanceOf(XmppToSipMessage.Nothing.class, translate("<message from='juliet@example.com/b' "
                + "to='romeo@example.net' type='error'><body>x</body><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"));
    }
}
