package org.stoxgw.mapping.message;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;

/** What the body of a SIP MESSAGE means on the XMPP side (S2X), from {@link SipToXmppContent}. */
public sealed interface InboundContent {

    /**
     * A text message.
     *
     * @param body          the text with its language (Content-Language → xml:lang, IM-21)
     * @param xhtml         the XHTML-IM rendering of an HTML body, or null
     * @param subject       a CPIM Subject, "" if none (the SIP Subject header is the wiring's)
     * @param imdnMessageId the CPIM {@code imdn.Message-ID}, "" if none
     * @param dispositions  the IMDN dispositions requested (e.g. positive-delivery), empty if none
     * @param dateTime      the CPIM DateTime as received, "" if none (needed in the IMDN answer)
     */
    record Text(TextBody body, XhtmlIm xhtml, String subject, String imdnMessageId, Set<String> dispositions,
                String dateTime) implements InboundContent {

        public Text {
            Objects.requireNonNull(body, "body");
            subject = subject == null ? "" : subject;
            imdnMessageId = imdnMessageId == null ? "" : imdnMessageId;
            dispositions = Set.copyOf(dispositions);
            dateTime = dateTime == null ? "" : dateTime;
        }

        /** Plain text only. */
        public static Text of(TextBody body) {
            return new Text(body, null, "", "", Set.of(), "");
        }

        /** Whether the sender asked for a positive delivery notification (→ XEP-0184 request). */
        public boolean receiptRequested() {
            return !imdnMessageId.isEmpty() && dispositions.contains("positive-delivery");
        }

        /**
         * Puts the content on a message being built: {@code xml:lang} and {@code <body/>} (IM-17,
         * IM-21), XHTML-IM (IM-19), subject, and the receipt request if one was asked for and
         * {@code receipts} is on. Addresses, id, thread and type are the caller's.
         */
        public MessageBuilder applyTo(MessageBuilder b, boolean receipts) {
            if (!body.lang().isEmpty()) {
                b.setLanguage(body.lang());
            }
            b.setBody(body.text());
            if (!subject.isEmpty()) {
                b.setSubject(subject);
            }
            if (xhtml != null && xhtml.hasMarkup()) {
                b.addExtension(xhtml.extension());
            }
            if (receipts && receiptRequested()) {
                b.addExtension(Receipts.request());
            }
            return b;
        }
    }

    /** A typing notification (RFC 3994) → XEP-0085 chat state. */
    record Composing(IsComposing status) implements InboundContent {
        public Composing {
            Objects.requireNonNull(status, "status");
        }

        public ChatState chatState() {
            return ChatStates.toXmpp(status);
        }

        /** Adds the chat state; the message has no body (XEP-0085 §5.5 standalone notification). */
        public MessageBuilder applyTo(MessageBuilder b) {
            return b.addExtension(ChatStates.extension(chatState()));
        }
    }

    /**
     * An IMDN notification (RFC 5438). Only a positive delivery notification maps to XEP-0184
     * ({@link ImdnNotification#isDelivered()}); the wiring looks up the XMPP id for
     * {@code notification().messageId()} and adds {@link Receipts#received(String)}.
     */
    record Notification(ImdnNotification notification, List<CpimHeader> cpimHeaders) implements InboundContent {
        public Notification {
            Objects.requireNonNull(notification, "notification");
            cpimHeaders = List.copyOf(cpimHeaders);
        }
    }
}
