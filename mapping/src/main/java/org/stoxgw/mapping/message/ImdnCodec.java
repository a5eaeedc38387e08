package org.stoxgw.mapping.message;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlCursor;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.payload.XmlWriter;
import org.stoxgw.mapping.sip.SipBody;

/**
 * IMDN (RFC 5438): parsing {@code message/imdn+xml} notifications, writing delivery
 * notifications (CPIM-wrapped, §7.1.1), the CPIM headers that request one, and reading the
 * requested dispositions. A notification needs a {@code message-id} and one of the three
 * notification elements with a status; anything else is refused.
 */
public final class ImdnCodec {

    public static final String NS = "urn:ietf:params:xml:ns:imdn";

    private ImdnCodec() {
    }

    public static ParseResult<ImdnNotification> parse(byte[] body, XmlLimits limits) {
        return XmlCursor.parse(body, limits, ImdnCodec::read);
    }

    private static ImdnNotification read(XmlCursor c) throws XMLStreamException {
        if (!c.is(NS, "imdn")) {
            throw XmlCursor.refuse(ParseProblem.UNEXPECTED_CONTENT, "root is {" + c.namespace() + "}" + c.localName()
                    + ", not imdn");
        }
        String messageId = null;
        String dateTime = "";
        String recipient = "";
        String original = "";
        ImdnNotification.Kind kind = null;
        String status = null;
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (!c.namespace().equals(NS)) {
                continue;
            }
            switch (c.localName()) {
                case "message-id" -> messageId = c.text().trim();
                case "datetime" -> dateTime = c.text().trim();
                case "recipient-uri" -> recipient = c.text().trim();
                case "original-recipient-uri" -> original = c.text().trim();
                case "delivery-notification", "display-notification", "processing-notification" -> {
                    kind = kindOf(c.localName());
                    status = status(c);
                }
                default -> c.skip();
            }
        }
        if (messageId == null || messageId.isEmpty()) {
            throw XmlCursor.refuse(ParseProblem.INVALID_VALUE, "IMDN without message-id");
        }
        if (kind == null || status == null) {
            throw XmlCursor.refuse(ParseProblem.INVALID_VALUE, "IMDN without a notification status");
        }
        return new ImdnNotification(messageId, dateTime, recipient, original, kind, status);
    }

    private static String status(XmlCursor c) throws XMLStreamException {
        String status = null;
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (c.is(NS, "status")) {
                int sd = c.depth();
                while (c.nextChild(sd)) {
                    if (status == null && c.namespace().equals(NS)) {
                        status = c.localName();
                    }
                    c.skip();
                }
            }
        }
        return status;
    }

    private static ImdnNotification.Kind kindOf(String element) {
        for (ImdnNotification.Kind k : ImdnNotification.Kind.values()) {
            if (k.element.equals(element)) {
                return k;
            }
        }
        throw new IllegalArgumentException(element);
    }

    /** The {@code message/imdn+xml} document for a notification. */
    public static String write(ImdnNotification n) {
        XmlWriter w = new XmlWriter(384).declaration();
        w.start("imdn").attribute("xmlns", NS);
        w.newline(1).element("message-id", n.messageId());
        if (!n.dateTime().isEmpty()) {
            w.newline(1).element("datetime", n.dateTime());
        }
        if (!n.recipientUri().isEmpty()) {
            w.newline(1).element("recipient-uri", n.recipientUri());
        }
        if (!n.originalRecipientUri().isEmpty()) {
            w.newline(1).element("original-recipient-uri", n.originalRecipientUri());
        }
        w.newline(1).start(n.kind().element).start("status").start(n.status()).end().end().end();
        w.newline(0).end();
        return w.toString();
    }

    /**
     * A positive delivery notification for the message that carried {@code imdn.Message-ID:
     * originalMessageId}, wrapped in CPIM as RFC 5438 §7.1.1 requires.
     *
     * @param notificationId       a fresh IMDN Message-ID for the notification itself
     * @param from                 the notifier (recipient of the original message): its address of record,
     *                             the CPIM From (AMB-M13)
     * @param to                   the original sender URI
     * @param originalDateTime     the DateTime of the original message as received ("" if unknown)
     * @param originalRecipientUri the original recipient URI, "" if unknown
     * @param now                  the notification's DateTime
     * @param recipientUri         the {@code <recipient-uri>}: the instance (GRUU) that got the message
     */
    public static SipBody deliveredNotification(String originalMessageId, String notificationId, String from, String to,
                                                String originalDateTime, String originalRecipientUri, Instant now,
                                                String recipientUri) {
        ImdnNotification n = new ImdnNotification(originalMessageId, originalDateTime, recipientUri, originalRecipientUri,
                ImdnNotification.Kind.DELIVERY, "delivered");
        SipBody imdn = SipBody.text(MediaTypes.IMDN, write(n));
        return CpimCodec.wrap(from, to, now, List.of(
                CpimHeader.of("NS", "imdn <" + CpimMessage.IMDN_NS + ">"),
                CpimHeader.of("imdn.Message-ID", notificationId)),
                List.of(CpimHeader.of("Content-Disposition", "notification")), imdn);
    }

    /**
     * The CPIM headers asking for a positive delivery notification for a message with IMDN
     * Message-ID {@code messageId} (RFC 5438 §6.3; the wrapper must also carry DateTime).
     */
    public static List<CpimHeader> deliveryRequestHeaders(String messageId) {
        return List.of(CpimHeader.of("NS", "imdn <" + CpimMessage.IMDN_NS + ">"),
                CpimHeader.of("imdn.Message-ID", messageId),
                CpimHeader.of("imdn.Disposition-Notification", "positive-delivery"));
    }

    /** The dispositions a CPIM message requests (lower case, e.g. positive-delivery, display). */
    public static Set<String> requestedDispositions(CpimMessage m) {
        Set<String> out = new LinkedHashSet<>(4);
        m.imdnHeader("Disposition-Notification").ifPresent(v -> {
            for (String t : v.split(",")) {
                String d = t.trim().toLowerCase(Locale.ROOT);
                if (!d.isEmpty()) {
                    out.add(d);
                }
            }
        });
        return out;
    }

    /** RFC 3339 for DateTime values. */
    public static String dateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
