package org.stoxgw.mapping.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressMapper.SipAddresses;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.error.ReasonText;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * An XMPP {@code <message/>} → the SIP MESSAGE (RFC 7572 §4, table 1 / spec 03 §2.1, IM-03–IM-06,
 * IM-21), or the stanza error that refuses it, or nothing (AMB-M10):
 * <table>
 *   <caption>X2S fields</caption>
 *   <tr><th>XMPP</th><th>SIP</th></tr>
 *   <tr><td>{@code to}</td><td>Request-URI and To, through {@link AddressMapper}</td></tr>
 *   <tr><td>{@code from}</td><td>From (and CPIM From): the bare JID's URI, a fresh tag; Contact: that URI with
 *       the resource as {@code gr}, the sender's public GRUU (AMB-M13: not in From, as IM-05 has it)</td></tr>
 *   <tr><td>{@code <thread/>}</td><td>Call-ID ({@link CallIds}); none: a fresh one</td></tr>
 *   <tr><td>{@code <subject/>}</td><td>Subject</td></tr>
 *   <tr><td>{@code xml:lang} of the chosen body</td><td>Content-Language</td></tr>
 *   <tr><td>{@code <body/>}</td><td>text/plain;charset=UTF-8, or message/cpim asking for an IMDN when a XEP-0184
 *       receipt was requested (with a text/plain fallback for a 415)</td></tr>
 *   <tr><td>{@code id}</td><td>kept by the caller for errors; carried in the IMDN Message-ID (AMB-M03)</td></tr>
 *   <tr><td>{@code type}</td><td>not mapped (IM-06)</td></tr>
 * </table>
 * Typing notifications become isComposing MESSAGEs, receipts IMDN delivery notifications. No
 * Expires is written, so no Date is needed (MSG-07). Pure; identifiers and the clock come in.
 */
public final class XmppToSipMessage {

    private XmppToSipMessage() {
    }

    /**
     * What the deployment translates.
     *
     * @param policy                  which payloads beyond text (isComposing, IMDN ↔ receipts)
     * @param composingRefreshSeconds the {@code refresh} of isComposing active states (RFC 3994 §4)
     */
    public record Options(ContentPolicy policy, int composingRefreshSeconds) {
        public Options {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** Fresh identifiers for one request, from the caller (the SIP adapter makes tags and Call-IDs). */
    public interface Identifiers {
        String newTag();

        String newCallId();

        /** The CSeq of a request outside a dialog. */
        long nextCSeq();

        /** At least 32 random bits as text of Message-ID characters (RFC 5438 §6.3). */
        String newUnique();
    }

    /** What a message became. */
    public enum Kind { TEXT, COMPOSING, RECEIPT }

    /** The result of a translation. */
    public sealed interface Result {
    }

    /**
     * A MESSAGE to send.
     *
     * @param request        the request
     * @param kind           what it carries
     * @param plainFallback  for a CPIM-wrapped text: the same text as text/plain with the next CSeq,
     *                       to send when the far end answers 415; otherwise null
     * @param otherLanguages bodies in other languages that were not sent (AMB-M11), for the log
     */
    public record Translated(SipRequest request, Kind kind, SipRequest plainFallback, int otherLanguages)
            implements Result {
    }

    /** Refused: send {@code error} back to the XMPP sender. */
    public record Refused(StanzaError error, String reason) implements Result {
    }

    /** Nothing SIP can carry (AMB-M10): no request, no error. */
    public record Nothing(String reason) implements Result {
    }

    /** Translates {@code m} (not an error stanza: those are bounces for the caller). */
    public static Result translate(Message m, AddressMapper addresses, UserSpellings spellings, Options options,
                                   Identifiers ids, Instant now) {
        OutboundContent content = XmppToSipContent.classify(m, options.policy());
        if (content instanceof OutboundContent.Nothing n) {
            return new Nothing(n.reason());
        }
        Optional<MessageIds.ImdnRef> receiptOf = Optional.empty();
        if (content instanceof OutboundContent.Receipt r) {
            receiptOf = MessageIds.imdnRefOf(r.receivedId());
            if (receiptOf.isEmpty()) {
                return new Nothing("receipt for a message the gateway did not send");
            }
        }
        if (m.getFrom() == null || m.getTo() == null) {
            return refused(Condition.bad_request, "message without from or to");
        }
        Mapping<SipAddresses> mapped = addresses.xmppStanzaToSip(m.getFrom(), m.getTo(), UriScheme.SIP, spellings);
        if (mapped instanceof Mapping.Refused<SipAddresses> r) {
            return new Refused(r.stanzaError(), r.reason());
        }
        SipAddresses a = mapped.orElseThrow();
        if (addresses.servesSipDomain(a.to().host())) {
            return refused(Condition.not_acceptable, "Loop Detected: " + a.to().host() + " is served by this gateway");
        }
        // AMB-M13: one XMPP person is one SIP peer (From is the address of record, RFC 3261 section
        // 8.1.1.3); the resource rides as the public GRUU in Contact (RFC 5627 section 4), where a
        // reply aimed at this instance finds it (its gr maps back to the resource, ADDR-06)
        SipUri gruu = a.from();
        String from = gruu.withoutParam("gr").toString();
        String instance = gruu.param("gr") != null ? gruu.toString() : "";
        String to = a.to().toString();
        String callId = m.getThread() != null && !m.getThread().isEmpty() ? CallIds.fromThread(m.getThread()) : ids.newCallId();
        long cseq = ids.nextCSeq();
        NameAddress fromHeader = NameAddress.of(from).withTag(ids.newTag());
        NameAddress toHeader = NameAddress.of(to);
        SipHeaders contact = instance.isEmpty() ? SipHeaders.EMPTY : SipHeaders.of("Contact", "<" + instance + ">");
        if (content instanceof OutboundContent.Text t) {
            SipHeaders h = contact;
            String subject = ReasonText.clean(m.getSubject());
            if (subject != null) {
                h = h.with("Subject", subject);
            }
            if (!t.body().lang().isEmpty()) {
                h = h.with("Content-Language", t.body().lang());
            }
            SipBody plain = XmppToSipContent.textBody(t.body());
            Optional<String> imdnId = options.policy().imdn() && t.receiptRequested()
                    ? MessageIds.imdnMessageId(ids.newUnique(), m.getStanzaId()) : Optional.empty();
            if (imdnId.isEmpty()) {
                return new Translated(new SipRequest("MESSAGE", to, fromHeader, toHeader, callId, cseq, h, plain), Kind.TEXT,
                        null, t.otherLanguages());
            }
            SipBody cpim = XmppToSipContent.cpimTextBody(t.body(), from, to, now, imdnId.get());
            SipRequest wrapped = new SipRequest("MESSAGE", to, fromHeader, toHeader, callId, cseq, h, cpim);
            SipRequest fallback = new SipRequest("MESSAGE", to, fromHeader, toHeader, callId, cseq + 1, h, plain);
            return new Translated(wrapped, Kind.TEXT, fallback, t.otherLanguages());
        }
        if (content instanceof OutboundContent.Composing c) {
            Optional<SipBody> body = XmppToSipContent.composingBody(c.state(), options.composingRefreshSeconds());
            if (body.isEmpty()) {
                return new Nothing("chat state " + c.state() + " is not sent to SIP");
            }
            return new Translated(new SipRequest("MESSAGE", to, fromHeader, toHeader, callId, cseq, contact,
                    body.get()), Kind.COMPOSING, null, 0);
        }
        MessageIds.ImdnRef ref = receiptOf.orElseThrow();
        // RFC 5438 section 7.2.1.1: recipient-uri names the instance that got the message; the IMDN
        // comes from the address the SIP user wrote to, so it is filed under that conversation
        SipBody imdn = ImdnCodec.deliveredNotification(ref.messageId(), ids.newUnique(), from, to, ref.dateTime(), "", now,
                instance.isEmpty() ? from : instance);
        return new Translated(new SipRequest("MESSAGE", to, fromHeader, toHeader, callId, cseq, contact, imdn),
                Kind.RECEIPT, null, 0);
    }

    private static Refused refused(Condition condition, String reason) {
        return new Refused(StanzaError.getBuilder(condition).setDescriptiveTexts(java.util.Map.of("", reason)).build(), reason);
    }

    /**
     * The size of {@code r} on the wire as the SIP adapter will write it, counting a typical Via,
     * Max-Forwards and User-Agent it adds ({@value #ADAPTER_HEADERS} bytes); exact for everything
     * else. For the size policy (IM-15, AMB-M06); the adapter checks the real size once more before
     * it sends over UDP.
     */
    public static int wireSize(SipRequest r) {
        int n = r.method().length() + 1 + r.requestUri().length() + 10;
        n += header("From", r.from().toString()) + header("To", r.to().toString()) + header("Call-ID", r.callId())
                + header("CSeq", r.cseq() + " " + r.method());
        for (SipHeaders.Field f : r.headers().fields()) {
            n += header(f.name(), f.value());
        }
        if (!r.body().isEmpty()) {
            n += header("Content-Type", r.body().contentType());
        }
        n += header("Content-Length", Integer.toString(r.body().length())) + 2 + r.body().length();
        return n + ADAPTER_HEADERS;
    }

    /** Bytes the SIP adapter adds: {@code Via} with branch and rport (~110), {@code Max-Forwards: 70}, {@code User-Agent}. */
    public static final int ADAPTER_HEADERS = 150;

    private static int header(String name, String value) {
        return name.length() + 2 + org.stoxgw.mapping.payload.Utf8.byteLength(value) + 2;
    }
}
