package org.stoxgw.mapping.message;

import java.util.Objects;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressMapper.XmppAddresses;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.error.ReasonText;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlWriter;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * A SIP MESSAGE → the XMPP {@code <message/>} (RFC 7572 §5, table 2 / spec 03 §2.2, IM-10–IM-13,
 * IM-17–IM-21), or the SIP response that refuses it:
 * <table>
 *   <caption>S2X fields</caption>
 *   <tr><th>SIP</th><th>XMPP</th></tr>
 *   <tr><td>Request-URI (To only for the sips check)</td><td>{@code to}, through {@link AddressMapper}</td></tr>
 *   <tr><td>From; the Contact's public GRUU when From has none (IM-12)</td><td>{@code from}, full JID when a GRUU is known</td></tr>
 *   <tr><td>Call-ID</td><td>{@code <thread/>} of text messages (AMB-M04)</td></tr>
 *   <tr><td>Subject (or the CPIM Subject)</td><td>{@code <subject/>}</td></tr>
 *   <tr><td>Content-Language (or the CPIM content's)</td><td>{@code xml:lang}</td></tr>
 *   <tr><td>body</td><td>{@code <body/>} (+ XHTML-IM), chat state, or receipt, per {@link SipToXmppContent}</td></tr>
 *   <tr><td>transaction</td><td>a fresh {@code id} ({@link MessageIds}, AMB-M03)</td></tr>
 *   <tr><td>(none)</td><td>no {@code type} for text (IM-13); {@code chat} for typing notifications (XEP-0085)</td></tr>
 * </table>
 * Refusals: the address mapping's (404, 403, 416, 482), 482 when the target is one of the gateway's
 * own XMPP domains (a loop), 415 with {@code Accept} for an unsupported body, 413 when too large,
 * 400 for a malformed one, 488 for an IMDN notification that cannot be translated. Pure.
 */
public final class SipToXmppMessage {

    private SipToXmppMessage() {
    }

    /**
     * What the deployment translates.
     *
     * @param policy which payloads beyond text/plain (html, cpim, isComposing, IMDN ↔ receipts)
     * @param limits payload limits
     */
    public record Options(ContentPolicy policy, PayloadLimits limits) {
        public Options {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(limits, "limits");
        }
    }

    /** What a MESSAGE became. */
    public enum Kind {
        /** A text message (→ {@code <body/>}). */
        TEXT,
        /** A typing notification (isComposing → chat state). */
        COMPOSING,
        /** A delivery notification (IMDN → XEP-0184 {@code <received/>}). */
        RECEIPT
    }

    /** The result: a stanza to send, or the response that refuses the MESSAGE. */
    public sealed interface Result {
    }

    /**
     * A stanza for the XMPP side.
     *
     * @param stanza       the message (its {@code id} is the gateway's; {@link MessageIds})
     * @param kind         what it carries
     * @param lapseSeconds for an isComposing "active": after how many seconds without a refresh the
     *                     state is over (RFC 3994 §4), so the caller sends {@code <paused/>}; else 0
     */
    public record Translated(Message stanza, Kind kind, int lapseSeconds) implements Result {
        public Jid to() {
            return stanza.getTo();
        }

        public Jid from() {
            return stanza.getFrom();
        }
    }

    /**
     * A refusal: answer the MESSAGE with {@code response}.
     *
     * @param reason the reason for logs (the response's Reason-Phrase says the same, cleaned)
     */
    public record Refused(SipResponse response, String reason) implements Result {
    }

    /**
     * Translates {@code request}.
     *
     * @param unique a string unique among the gateway's messages in flight (the stanza id is built from it)
     */
    public static Result translate(SipRequest request, AddressMapper addresses, String unique, Options options) {
        SipRequest withGruu = withContactGruu(request);
        Mapping<XmppAddresses> mapped = addresses.sipRequestToXmpp(withGruu);
        if (!mapped.isOk() && withGruu != request) {
            // a GRUU that cannot be a resource costs the sender its resource, not its message
            mapped = addresses.sipRequestToXmpp(request);
        }
        if (mapped instanceof Mapping.Refused<XmppAddresses> r) {
            return new Refused(r.sipResponse(), r.reason());
        }
        XmppAddresses a = mapped.orElseThrow();
        if (addresses.servesXmppDomain(a.to().getDomain().toString())) {
            return refused(482, "Loop Detected: " + a.to().getDomain() + " is served by this gateway");
        }
        String lang = request.headers().first("Content-Language").orElse(null);
        ParseResult<InboundContent> content = SipToXmppContent.decode(request.body(), lang, options.policy(), options.limits());
        if (content instanceof ParseResult.Refused<InboundContent> r) {
            return contentRefusal(r, options.policy());
        }
        InboundContent c = content.orElseThrow();
        if (c instanceof InboundContent.Text t) {
            return new Translated(text(request, a, t, unique, options.policy()), Kind.TEXT, 0);
        }
        if (c instanceof InboundContent.Composing comp) {
            MessageBuilder b = StanzaBuilder.buildMessage(MessageIds.stanzaId(unique)).ofType(Message.Type.chat)
                    .from(a.from()).to(a.to());
            return new Translated(comp.applyTo(b).build(), Kind.COMPOSING,
                    comp.status().active() ? comp.status().effectiveRefresh() : 0);
        }
        return receipt((InboundContent.Notification) c, a, unique);
    }

    private static Message text(SipRequest request, XmppAddresses a, InboundContent.Text t, String unique,
                                ContentPolicy policy) {
        boolean receipt = policy.imdn() && t.receiptRequested();
        String id = receipt ? MessageIds.stanzaId(unique, t.imdnMessageId(), t.dateTime()) : MessageIds.stanzaId(unique);
        // IM-13: no type attribute (normal)
        // JAIN-SIP accepts control characters in a Call-ID; one in <thread/> would make the receiving
        // server close the S2S stream (fuzz finding, issue 9)
        MessageBuilder b = StanzaBuilder.buildMessage(id).from(a.from()).to(a.to());
        String thread = request.callId() == null ? "" : XmlWriter.xmlSafe(request.callId());
        if (!thread.isEmpty()) {
            b.setThread(thread);
        }
        t.applyTo(b, policy.imdn());
        if (t.subject().isEmpty()) {
            request.headers().first("Subject").map(ReasonText::clean).ifPresent(b::setSubject);
        }
        return b.build();
    }

    private static Result receipt(InboundContent.Notification n, XmppAddresses a, String unique) {
        ImdnNotification imdn = n.notification();
        if (!imdn.isDelivered()) {
            return refused(488, "Not Acceptable Here: IMDN " + imdn.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " notifications (" + imdn.status() + ") are not translated to XMPP");
        }
        Optional<String> original = MessageIds.xmppIdOf(imdn.messageId());
        if (original.isEmpty()) {
            return refused(400, "Bad Request: the IMDN reports on a message this gateway did not send");
        }
        Message m = StanzaBuilder.buildMessage(MessageIds.stanzaId(unique)).from(a.from()).to(a.to())
                .addExtension(Receipts.received(original.get())).build();
        return new Translated(m, Kind.RECEIPT, 0);
    }

    private static Result contentRefusal(ParseResult.Refused<InboundContent> r, ContentPolicy policy) {
        String detail = ReasonText.clean(r.detail());
        detail = detail == null ? "" : ": " + detail;
        return switch (r.problem()) {
            case UNSUPPORTED, MUST_UNDERSTAND -> new Refused(new SipResponse(415, "Unsupported Media Type" + detail,
                    SipHeaders.of("Accept", policy.acceptHeader()), null), r.detail());
            case TOO_LARGE -> refused(413, "Request Entity Too Large" + detail);
            default -> refused(400, "Bad Request" + detail);
        };
    }

    private static Refused refused(int status, String reason) {
        return new Refused(SipResponse.of(status, reason), reason);
    }

    /**
     * IM-12: when From carries no {@code gr} but the Contact is a public GRUU of the same AOR
     * (RFC 5627 §4), the sender is that instance: its {@code gr} becomes the resource.
     */
    public static SipRequest withContactGruu(SipRequest request) {
        Optional<String> contact = request.headers().first("Contact");
        if (contact.isEmpty()) {
            return request;
        }
        Mapping<SipUri> from = SipUri.fromNameAddress(request.from());
        SipUri c;
        try {
            c = SipUri.fromNameAddress(NameAddress.parse(contact.get())).orNull();
        } catch (IllegalArgumentException e) {
            return request;
        }
        SipUri f = from.orNull();
        if (f == null || c == null || f.param("gr") != null) {
            return request;
        }
        SipUri.Param gr = c.param("gr");
        if (gr == null || gr.value() == null || gr.value().isEmpty() || !Objects.equals(c.user(), f.user())
                || !c.host().equals(f.host())) {
            return request;
        }
        NameAddress from2 = new NameAddress(request.from().displayName(), f.withParam("gr", gr.value()).toString(),
                request.from().params());
        return new SipRequest(request.method(), request.requestUri(), from2, request.to(), request.callId(), request.cseq(),
                request.headers(), request.body());
    }
}
