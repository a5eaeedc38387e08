package org.stoxgw.mapping.message;

import java.util.Objects;

/**
 * An IMDN disposition notification (RFC 5438 §7.2, {@code message/imdn+xml}).
 *
 * @param messageId            the IMDN Message-ID of the message it reports on
 * @param dateTime             the {@code datetime} of that message as text, "" if absent
 * @param recipientUri         who reports, "" if absent
 * @param originalRecipientUri the original recipient, "" if absent
 * @param kind                 delivery, display or processing notification
 * @param status               the status element name: delivered, failed, forbidden, error,
 *                             displayed, processed, stored
 */
public record ImdnNotification(String messageId, String dateTime, String recipientUri, String originalRecipientUri,
                               Kind kind, String status) {

    /** The three notification types of RFC 5438 §7.2.1. */
    public enum Kind {
        DELIVERY("delivery-notification"), DISPLAY("display-notification"), PROCESSING("processing-notification");

        final String element;

        Kind(String element) {
            this.element = element;
        }
    }

    public ImdnNotification {
        Objects.requireNonNull(messageId, "messageId");
        dateTime = dateTime == null ? "" : dateTime;
        recipientUri = recipientUri == null ? "" : recipientUri;
        originalRecipientUri = originalRecipientUri == null ? "" : originalRecipientUri;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }

    /** A positive delivery notification: the one XEP-0184 {@code <received/>} corresponds to. */
    public boolean isDelivered() {
        return kind == Kind.DELIVERY && "delivered".equals(status);
    }
}
