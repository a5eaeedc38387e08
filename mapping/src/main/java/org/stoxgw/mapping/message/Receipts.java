package org.stoxgw.mapping.message;

import java.util.Optional;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;

/**
 * XEP-0184 message delivery receipts, read whether or not Smack's providers for them are
 * registered. The IMDN side is {@link ImdnCodec}; correlation of XMPP ids with IMDN Message-IDs is
 * the wiring's table.
 */
public final class Receipts {

    private static final QName REQUEST = new QName(DeliveryReceipt.NAMESPACE, DeliveryReceiptRequest.ELEMENT);
    private static final QName RECEIVED = new QName(DeliveryReceipt.NAMESPACE, DeliveryReceipt.ELEMENT);

    private Receipts() {
    }

    /** Whether the message asks for a receipt ({@code <request xmlns='urn:xmpp:receipts'/>}). */
    public static boolean requested(Message message) {
        return message.getExtension(REQUEST) != null;
    }

    /** The id a {@code <received/>} acknowledges, if the message is a receipt with an id. */
    public static Optional<String> receivedId(Message message) {
        XmlElement e = message.getExtension(RECEIVED);
        String id = null;
        if (e instanceof DeliveryReceipt r) {
            id = r.getId();
        } else if (e instanceof StandardExtensionElement s) {
            id = s.getAttributeValue("id");
        }
        return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** {@code <received xmlns='urn:xmpp:receipts' id='…'/>} for the XMPP message with this id. */
    public static DeliveryReceipt received(String xmppStanzaId) {
        return new DeliveryReceipt(xmppStanzaId);
    }

    /** {@code <request xmlns='urn:xmpp:receipts'/>}. */
    public static DeliveryReceiptRequest request() {
        return new DeliveryReceiptRequest();
    }
}
