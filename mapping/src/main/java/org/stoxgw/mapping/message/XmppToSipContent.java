package org.stoxgw.mapping.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.stoxgw.mapping.sip.SipBody;

/**
 * X2S content: an XMPP {@code <message/>} → what SIP gets, and the SIP bodies for it.
 *
 * <p>{@link #classify} (AMB-M10, AMB-M11):
 * <ol>
 *   <li>{@code type='error'} → Nothing (bounces are the error mapping's business);</li>
 *   <li>a non-empty {@code <body/>} → Text. Of several bodies (XMPP allows one per language) the one
 *       in the stanza's {@code xml:lang} is sent, else the one without explicit language, else the
 *       first; the others are counted, not sent (RFC 3428 receivers need only text/plain, and
 *       multipart/alternative with per-part languages is rarely rendered). Chat states and
 *       XHTML-IM next to a body are not sent (AMB-M09: the text is the message; RFC 3994 §3.1
 *       lets a received message end the composing state);</li>
 *   <li>no body, a {@code <received/>} receipt and IMDN on → Receipt;</li>
 *   <li>no body, {@code <composing/>} or {@code <paused/>} and isComposing on → Composing;</li>
 *   <li>anything else (other chat states, markers, empty body, subject only) → Nothing: an empty
 *       SIP MESSAGE would show as a blank message.</li>
 * </ol>
 * Line ends are sent as they are (AMB-M12).
 */
public final class XmppToSipContent {

    private static final QName BODY = new QName(Message.Body.NAMESPACE, Message.Body.ELEMENT);

    private XmppToSipContent() {
    }

    public static OutboundContent classify(Message message, ContentPolicy policy) {
        if (message.getType() == Message.Type.error) {
            return new OutboundContent.Nothing("error message");
        }
        List<XmlElement> bodies = message.getExtensions(BODY);
        Optional<TextBody> chosen = choose(bodies, message.getLanguage());
        if (chosen.isPresent()) {
            return new OutboundContent.Text(chosen.get(), countNonEmpty(bodies) - 1, Receipts.requested(message));
        }
        Optional<String> received = Receipts.receivedId(message);
        if (received.isPresent()) {
            return policy.imdn() ? new OutboundContent.Receipt(received.get())
                    : new OutboundContent.Nothing("receipt, IMDN translation is off");
        }
        Optional<ChatState> state = ChatStates.of(message);
        if (state.isPresent()) {
            if (!policy.isComposing()) {
                return new OutboundContent.Nothing("chat state, isComposing translation is off");
            }
            if (state.get() == ChatState.composing || state.get() == ChatState.paused) {
                return new OutboundContent.Composing(state.get());
            }
            return new OutboundContent.Nothing("chat state " + state.get() + " is not sent to SIP");
        }
        return new OutboundContent.Nothing("no body and nothing else SIP can carry");
    }

    /** A text/plain body in UTF-8 (IM-04 table: {@code <body/>} → body of MESSAGE). */
    public static SipBody textBody(TextBody body) {
        return SipBody.text(MediaTypes.TEXT_PLAIN_UTF8, body.text());
    }

    /**
     * The text wrapped in message/cpim, with IMDN headers asking for a positive delivery
     * notification when {@code imdnMessageId} is not null (used when the stanza requested a receipt
     * and IMDN is on, or when the deployment always wraps).
     */
    public static SipBody cpimTextBody(TextBody body, String fromUri, String toUri, Instant now, String imdnMessageId) {
        List<CpimHeader> headers = imdnMessageId == null ? List.of() : ImdnCodec.deliveryRequestHeaders(imdnMessageId);
        List<CpimHeader> content = body.lang().isEmpty() ? List.of() : List.of(CpimHeader.of("Content-Language", body.lang()));
        return CpimCodec.wrap(fromUri, toUri, now, headers, content, textBody(body));
    }

    /** The isComposing body for a chat state ({@code refreshSeconds} from configuration). */
    public static Optional<SipBody> composingBody(ChatState state, int refreshSeconds) {
        return ChatStates.toSip(state, refreshSeconds).map(IsComposingCodec::write);
    }

    private static Optional<TextBody> choose(List<XmlElement> bodies, String stanzaLang) {
        Message.Body inLang = null;
        Message.Body noLang = null;
        Message.Body first = null;
        for (XmlElement e : bodies) {
            if (!(e instanceof Message.Body b) || b.getMessage() == null || b.getMessage().isEmpty()) {
                continue;
            }
            if (first == null) {
                first = b;
            }
            if (b.getLanguage() == null && noLang == null) {
                noLang = b;
            } else if (stanzaLang != null && stanzaLang.equals(b.getLanguage()) && inLang == null) {
                inLang = b;
            }
        }
        Message.Body pick = inLang != null ? inLang : noLang != null ? noLang : first;
        if (pick == null) {
            return Optional.empty();
        }
        String lang = pick.getLanguage() != null ? pick.getLanguage() : stanzaLang;
        // xml:lang is any string (a character reference can even put CR LF into it); only a language
        // tag may become Content-Language or a CPIM header (fuzz finding, issue 9)
        lang = lang != null && TextContent.isLanguageTag(lang) ? lang : "";
        return Optional.of(new TextBody(pick.getMessage(), lang));
    }

    private static int countNonEmpty(List<XmlElement> bodies) {
        int n = 0;
        for (XmlElement e : bodies) {
            if (e instanceof Message.Body b && b.getMessage() != null && !b.getMessage().isEmpty()) {
                n++;
            }
        }
        return n;
    }
}
