package org.stoxgw.mapping.message;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * The {@code <message type='error'/>} that tells an XMPP sender its message failed (RFC 6120 §8.3,
 * spec 03 table 2.4): from the original recipient, to the original sender (its full JID), with the
 * original id so the client can mark that message, and the mapped error. The original payload is not
 * echoed (RFC 6120 §8.3.1 makes that optional; it would double the size for nothing the sender lacks).
 * Pure.
 */
public final class ErrorStanzas {

    private ErrorStanzas() {
    }

    /** The bounce of {@code original} with {@code error}. */
    public static Message bounce(Message original, StanzaError error) {
        return bounce(original.getTo(), original.getFrom(), original.getStanzaId(), error);
    }

    /**
     * The bounce of a message with id {@code id} that {@code sender} sent to {@code recipient}.
     *
     * @param id the original id, or null when it had none (then the error has none either)
     */
    public static Message bounce(Jid recipient, Jid sender, String id, StanzaError error) {
        return StanzaBuilder.buildMessage(id).ofType(Message.Type.error).from(recipient).to(sender).setError(error).build();
    }

    /** Whether a message is an error bounce ({@code type='error'}). */
    public static boolean isBounce(Message m) {
        return m.getType() == Message.Type.error;
    }
}
