package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.sip.SipBody;

/** XEP-0184 receipts ↔ RFC 5438 IMDN delivery notifications, both directions, with correlation ids passed in. */
class ReceiptsAndImdnTest {

    /** RFC 5438 §8.1 style delivery notification for message 34jk324j. */
    static final String NOTIFICATION = "From: Bob <im:bob@example.com>\r\n"
            + "To: Alice <im:alice@example.com>\r\n"
            + "NS: imdn <urn:ietf:params:imdn>\r\n"
            + "imdn.Message-ID: dfjkleriou432333\r\n"
            + "DateTime: 2006-04-04T12:16:49-05:00\r\n"
            + "\r\n"
            + "Content-type: message/imdn+xml\r\n"
            + "Content-Disposition: notification\r\n"
            + "\r\n"
            + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\r\n"
            + "  <message-id>34jk324j</message-id>\r\n"
            + "  <datetime>2008-04-04T12:16:49-05:00</datetime>\r\n"
            + "  <recipient-uri>im:bob@example.com</recipient-uri>\r\n"
            + "  <original-recipient-uri\r\n"
            + "    >im:bob@example.com</original-recipient-uri>\r\n"
            + "  <delivery-notification>\r\n"
            + "    <status>\r\n"
            + "      <delivered/>\r\n"
            + "    </status>\r\n"
            + "  </delivery-notification>\r\n"
            + "</imdn>\r\n";

    static ParseResult<InboundContent> decode(SipBody b) {
        return SipToXmppContent.decode(b, null, ContentPolicy.ALL, PayloadLimits.DEFAULT);
    }

    @Test
    @DisplayName("S2X: an IMDN delivered notification (RFC 5438) yields the message-id to correlate, then <received/>")
    void notificationToReceipt() {
        InboundContent.Notification n = assertInstanceOf(InboundContent.Notification.class,
                decode(SipBody.text("message/cpim", NOTIFICATION)).orElseThrow());
        ImdnNotification imdn = n.notification();
        assertTrue(imdn.isDelivered());
        assertEquals("34jk324j", imdn.messageId());
        assertEquals("im:bob@example.com", imdn.recipientUri());
        assertEquals("im:bob@example.com", imdn.originalRecipientUri());
        // the wiring maps 34jk324j to the XMPP id it gave the message, e.g. "x-17"
        Message receipt = StanzaBuilder.buildMessage().addExtension(Receipts.received("x-17")).build();
        assertEquals("x-17", Receipts.receivedId(message(receipt.toXML().toString())).orElseThrow());
    }

    @Test
    @DisplayName("display and failure notifications are parsed but are not delivery receipts")
    void otherNotifications() {
        String display = NOTIFICATION.replace("delivery-notification", "display-notification").replace("<delivered/>", "<displayed/>");
        ImdnNotification d = ((InboundContent.Notification) decode(SipBody.text("message/cpim", display)).orElseThrow()).notification();
        assertEquals(ImdnNotification.Kind.DISPLAY, d.kind());
        assertFalse(d.isDelivered());
        String failed = NOTIFICATION.replace("<delivered/>", "<failed/>");
        assertFalse(((InboundContent.Notification) decode(SipBody.text("message/cpim", failed)).orElseThrow())
                .notification().isDelivered());
        String bare = NOTIFICATION.substring(NOTIFICATION.indexOf("<?xml"));
        assertTrue(((InboundContent.Notification) decode(SipBody.text("message/imdn+xml", bare)).orElseThrow())
                .notification().isDelivered(), "a bare message/imdn+xml body is tolerated");
        assertEquals(ParseProblem.INVALID_VALUE, ((ParseResult.Refused<?>) ImdnCodec.parse(
                bare.replace("<message-id>34jk324j</message-id>", "").getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT))
                .problem());
    }

    @Test
    @DisplayName("X2S: a XEP-0184 <received/> becomes a CPIM-wrapped IMDN delivered notification that parses back")
    void receiptToNotification() {
        SipBody body = ImdnCodec.deliveredNotification("34jk324j", "n-1", "sip:bob@example.com", "sip:alice@example.com",
                "2006-04-04T12:16:49-05:00", "sip:bob@example.com", Instant.parse("2006-04-04T17:17:00Z"), "sip:bob@example.com");
        assertEquals(MediaTypes.CPIM, body.contentType());
        CpimMessage cpim = CpimCodec.parse(body.content(), PayloadLimits.DEFAULT).orElseThrow();
        assertEquals("n-1", cpim.imdnHeader("Message-ID").orElseThrow());
        assertEquals("notification", cpim.contentHeaders().first("Content-Disposition").orElseThrow());
        assertEquals("2006-04-04T17:17:00Z", cpim.first("DateTime").orElseThrow().value());
        ImdnNotification n = ((InboundContent.Notification) decode(body).orElseThrow()).notification();
        assertEquals(new ImdnNotification("34jk324j", "2006-04-04T12:16:49-05:00", "sip:bob@example.com",
                "sip:bob@example.com", ImdnNotification.Kind.DELIVERY, "delivered"), n);
    }

    @Test
    @DisplayName("round trip of the request: XMPP <request/> -> CPIM IMDN request -> XMPP <request/>")
    void requestRoundTrip() {
        Message in = message("<message to='romeo@example.net' id='abc'><body>hi</body><request xmlns='urn:xmpp:receipts'/></message>");
        OutboundContent.Text t = (OutboundContent.Text) XmppToSipContent.classify(in, ContentPolicy.ALL);
        assertTrue(t.receiptRequested());
        SipBody sip = XmppToSipContent.cpimTextBody(t.body(), "sip:juliet@example.com", "sip:romeo@example.net",
                Instant.EPOCH, "imdn-abc");
        InboundContent.Text back = (InboundContent.Text) decode(sip).orElseThrow();
        assertEquals("imdn-abc", back.imdnMessageId());
        assertTrue(Receipts.requested(back.applyTo(StanzaBuilder.buildMessage(), true).build()));
    }
}
