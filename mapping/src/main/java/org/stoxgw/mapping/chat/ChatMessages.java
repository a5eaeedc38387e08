package org.stoxgw.mapping.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.message.ChatStates;
import org.stoxgw.mapping.message.CpimCodec;
import org.stoxgw.mapping.message.ContentPolicy;
import org.stoxgw.mapping.message.InboundContent;
import org.stoxgw.mapping.message.IsComposingCodec;
import org.stoxgw.mapping.message.MediaTypes;
import org.stoxgw.mapping.message.OutboundContent;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.Receipts;
import org.stoxgw.mapping.message.SipToXmppContent;
import org.stoxgw.mapping.message.XmppToSipContent;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.sip.SipBody;

/**
 * XMPP chat messages ↔ the content of MSRP SENDs inside a session (RFC 7573 §4–§7; spec 04
 * table 2.2). Bodies are the same as in page mode (RFC 7572 via {@code mapping.message}: UTF-8
 * text, CPIM unwrapped once, multipart alternatives); what differs is the frame around them:
 * {@code type='chat'} and {@code <thread/>} (CHAT-07), chat states per RFC 7573 §6
 * ({@link SessionChatStates}), receipts ↔ Success-Report/REPORT (CHAT-21/22). Pure.
 */
public final class ChatMessages {

    private ChatMessages() {
    }

    /** What an XMPP message in a chat session becomes towards MSRP. */
    public sealed interface Outbound {
    }

    /** A SEND with {@code body}; {@code successReport} when the stanza asked for a receipt (CHAT-21). */
    public record Text(SipBody body, boolean successReport) implements Outbound {
    }

    /** A chat state: isComposing SEND, or for {@code gone} the end of the session (CHAT-17). */
    public record State(ChatState state) implements Outbound {
    }

    /** A XEP-0184 {@code <received id/>}: a REPORT for the SEND that carried {@code receivedId} (CHAT-21). */
    public record Receipt(String receivedId) implements Outbound {
    }

    /** Nothing MSRP can carry. */
    public record Nothing(String reason) implements Outbound {
    }

    /** X2S: classifies {@code m} (a chat message of a session). A body wins over a chat state it carries. */
    public static Outbound toMsrp(Message m) {
        OutboundContent c = XmppToSipContent.classify(m, ContentPolicy.ALL);
        if (c instanceof OutboundContent.Text t) {
            return new Text(XmppToSipContent.textBody(t.body()), t.receiptRequested());
        }
        Optional<String> received = Receipts.receivedId(m);
        if (received.isPresent()) {
            return new Receipt(received.get());
        }
        Optional<ChatState> state = ChatStates.of(m);
        if (state.isPresent()) {
            return new State(state.get());
        }
        return new Nothing(c instanceof OutboundContent.Nothing n ? n.reason() : "nothing for MSRP");
    }

    /** The isComposing body for a chat state (RFC 7573 table 4); empty for {@code gone}. */
    public static Optional<SipBody> isComposing(ChatState s, int refreshSeconds) {
        return SessionChatStates.toMsrp(s, refreshSeconds).map(IsComposingCodec::write);
    }

    /** {@code inner} wrapped in message/cpim (RFC 3862) for a peer that takes only CPIM. */
    public static SipBody cpim(SipBody inner, String fromUri, String toUri, Instant now) {
        return CpimCodec.wrap(fromUri, toUri, now, List.of(), inner);
    }

    /**
     * Which form a body of {@code type} takes towards a peer with {@code acceptTypes} /
     * {@code wrappedTypes} (MSRP-20): itself when listed directly, CPIM-wrapped when the peer lists
     * message/cpim and the type among its wrapped types, else not sendable (empty).
     */
    public static Optional<String> form(String type, org.stoxgw.mapping.sip.MsrpMedia peer) {
        if (peer.acceptsDirectly(type)) {
            return Optional.of(type);
        }
        if (peer.acceptsDirectly(MediaTypes.CPIM) && peer.accepts(type)) {
            return Optional.of(MediaTypes.CPIM);
        }
        return Optional.empty();
    }

    /** What a SEND's content becomes on the XMPP side. */
    public sealed interface Inbound {
    }

    /** A text (CHAT-07). */
    public record InText(InboundContent.Text text) implements Inbound {
    }

    /** A chat state from isComposing (RFC 7573 table 3). */
    public record InState(ChatState state) implements Inbound {
    }

    /** S2X: decodes a reassembled SEND body (CHAT-24) with its Content-Type. */
    public static ParseResult<Inbound> fromMsrp(SipBody body, PayloadLimits limits) {
        if (MediaTypes.IS_COMPOSING.equalsIgnoreCase(body.contentType().split(";")[0].trim())) {
            return SessionChatStates.parse(body.content(), new XmlLimits(limits.maxBytes(), 16))
                    .map(s -> new InState(SessionChatStates.toXmpp(s)));
        }
        return SipToXmppContent.decode(body, null, ContentPolicy.ALL, limits).flatMap(x -> {
            if (x instanceof InboundContent.Text t) {
                return ParseResult.ok(new InText(t));
            }
            if (x instanceof InboundContent.Composing comp) { // isComposing inside CPIM
                return ParseResult.ok(new InState(SessionChatStates.toXmpp(comp.status())));
            }
            // IMDN inside a session: receipts travel as REPORTs here (CHAT-21/22)
            return ParseResult.refused(ParseProblem.UNSUPPORTED, "IMDN notification inside an MSRP session");
        });
    }

    /**
     * CHAT-07: an XMPP {@code type='chat'} message with {@code <thread/>} and the text; with
     * {@code receiptRequest} (Success-Report: yes, CHAT-22) it asks for a XEP-0184 receipt.
     */
    public static Message chat(String id, Jid from, Jid to, String thread, InboundContent.Text text, boolean receiptRequest) {
        MessageBuilder b = StanzaBuilder.buildMessage(id).ofType(Message.Type.chat).from(from).to(to).setThread(thread);
        text.applyTo(b, false);
        if (receiptRequest) {
            b.addExtension(Receipts.request());
        }
        return b.build();
    }

    /** A standalone chat state in the session's thread (C13, CHAT-09/18 for {@code gone}). */
    public static Message state(String id, Jid from, Jid to, String thread, ChatState state) {
        return StanzaBuilder.buildMessage(id).ofType(Message.Type.chat).from(from).to(to).setThread(thread)
                .addExtension(ChatStates.extension(state)).build();
    }

    /** C12, CHAT-22: a message carrying only {@code <received id/>} with the original message's id. */
    public static Message received(String id, Jid from, Jid to, String originalId) {
        return StanzaBuilder.buildMessage(id).from(from).to(to).addExtension(Receipts.received(originalId)).build();
    }
}
