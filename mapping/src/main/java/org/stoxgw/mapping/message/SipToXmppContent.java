package org.stoxgw.mapping.message;

import java.util.List;
import java.util.Set;
import org.stoxgw.mapping.payload.MediaType;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlWriter;
import org.stoxgw.mapping.sip.SipBody;

/**
 * S2X content: the body of a SIP MESSAGE (with its Content-Type and Content-Language) → an
 * {@link InboundContent}. The wiring answers the MESSAGE from the result:
 * <ul>
 *   <li>{@code Refused(UNSUPPORTED)} → 415 with {@code Accept: policy.acceptHeader()};</li>
 *   <li>other refusals (malformed, too large, empty, mustUnderstand) → 400 with the detail as
 *       reason phrase or Warning (413 for TOO_LARGE);</li>
 *   <li>{@code Ok} → translate and answer 2xx.</li>
 * </ul>
 * message/cpim is unwrapped once (a CPIM inside CPIM is refused); its Subject, IMDN headers and
 * DateTime are kept; the content's own Content-Language wins over the SIP one.
 */
public final class SipToXmppContent {

    private SipToXmppContent() {
    }

    public static ParseResult<InboundContent> decode(SipBody body, String contentLanguage, ContentPolicy policy,
                                                     PayloadLimits limits) {
        if (body.length() > limits.maxBytes()) {
            return ParseResult.refused(ParseProblem.TOO_LARGE, body.length() + " bytes exceed the limit of "
                    + limits.maxBytes());
        }
        if (body.isEmpty()) {
            return ParseResult.refused(ParseProblem.UNEXPECTED_CONTENT, "empty MESSAGE body");
        }
        ContentDecision d = ContentClassifier.classify(body.contentType(), policy);
        if (d instanceof ContentDecision.Refuse r) {
            return ParseResult.refused(ParseProblem.UNSUPPORTED, r.reason());
        }
        if (d instanceof ContentDecision.Unwrap) {
            return unwrap(body, contentLanguage, policy, limits);
        }
        ContentDecision.Translate t = (ContentDecision.Translate) d;
        return translate(t, body.content(), TextContent.language(contentLanguage), limits, null);
    }

    private static ParseResult<InboundContent> unwrap(SipBody body, String contentLanguage, ContentPolicy policy,
                                                      PayloadLimits limits) {
        ParseResult<CpimMessage> parsed = CpimCodec.parse(body.content(), limits);
        if (!parsed.isOk()) {
            return ((ParseResult.Refused<CpimMessage>) parsed).cast();
        }
        CpimMessage cpim = parsed.orElseThrow();
        ContentDecision inner = ContentClassifier.classify(cpim.content().contentType(), policy);
        if (inner instanceof ContentDecision.Refuse r) {
            return ParseResult.refused(ParseProblem.UNSUPPORTED, "inside CPIM: " + r.reason());
        }
        if (inner instanceof ContentDecision.Unwrap) {
            return ParseResult.refused(ParseProblem.UNSUPPORTED, "CPIM nested in CPIM");
        }
        String lang = TextContent.language(cpim.contentHeaders().first("Content-Language").orElse(contentLanguage));
        return translate((ContentDecision.Translate) inner, cpim.content().content(), lang, limits, cpim);
    }

    private static ParseResult<InboundContent> translate(ContentDecision.Translate t, byte[] bytes, String lang,
                                                         PayloadLimits limits, CpimMessage cpim) {
        return switch (t.kind()) {
            case TEXT_PLAIN -> TextContent.decode(bytes, t.type()).flatMap(text -> text(text, null, lang, cpim));
            case TEXT_HTML -> html(bytes, t.type(), lang, limits, cpim);
            case IS_COMPOSING -> IsComposingCodec.parse(bytes, limits.xml()).map(InboundContent.Composing::new);
            case IMDN -> ImdnCodec.parse(bytes, limits.xml()).map(n -> new InboundContent.Notification(n,
                    cpim == null ? List.of() : cpim.headers()));
        };
    }

    private static ParseResult<InboundContent> html(byte[] bytes, MediaType type, String lang, PayloadLimits limits,
                                                    CpimMessage cpim) {
        return TextContent.decode(bytes, type).flatMap(html -> {
            XhtmlIm x = HtmlToXhtmlIm.convert(html, limits.maxDepth());
            return text(x.plainText(), x, lang, cpim);
        });
    }

    private static ParseResult<InboundContent> text(String text, XhtmlIm xhtml, String lang, CpimMessage cpim) {
        if (text.isEmpty()) {
            return ParseResult.refused(ParseProblem.UNEXPECTED_CONTENT, "the message has no text");
        }
        TextBody body = new TextBody(text, lang);
        if (cpim == null) {
            return ParseResult.ok(new InboundContent.Text(body, xhtml, "", "", Set.of(), ""));
        }
        // like the body: a character XML cannot carry would make the receiving server close the stream
        String subject = XmlWriter.xmlSafe(cpim.first("Subject").map(CpimHeader::value).orElse(""));
        return ParseResult.ok(new InboundContent.Text(body, xhtml, subject,
                cpim.imdnHeader("Message-ID").orElse(""), ImdnCodec.requestedDispositions(cpim),
                cpim.first("DateTime").map(CpimHeader::value).orElse("")));
    }
}
