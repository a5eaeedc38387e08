package org.stoxgw.mapping.message;

import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;

/**
 * RFC 3994 isComposing ↔ XEP-0085 chat states (AMB-M08/M09).
 * <ul>
 *   <li>S2X: {@code active} → {@code <composing/>}; {@code idle} → {@code <paused/>} (the user was
 *       composing and stopped). When an active state lapses without refresh
 *       ({@link IsComposing#effectiveRefresh()}), the wiring sends {@code <paused/>} too.</li>
 *   <li>X2S: {@code <composing/>} → active with the configured refresh; {@code <paused/>} → idle.
 *       {@code <active/>}, {@code <inactive/>} and {@code <gone/>} are about attention, not
 *       typing, and are not sent (each would cost a SIP MESSAGE); an active indicator on the SIP
 *       side lapses by itself after its refresh interval.</li>
 * </ul>
 */
public final class ChatStates {

    private ChatStates() {
    }

    public static ChatState toXmpp(IsComposing status) {
        return status.active() ? ChatState.composing : ChatState.paused;
    }

    public static ChatStateExtension extension(ChatState state) {
        return new ChatStateExtension(state);
    }

    /** The isComposing status for a chat state, if it is one that is sent to SIP. */
    public static Optional<IsComposing> toSip(ChatState state, int refreshSeconds) {
        return switch (state) {
            case composing -> Optional.of(IsComposing.active(refreshSeconds));
            case paused -> Optional.of(IsComposing.idle());
            default -> Optional.empty();
        };
    }

    /**
     * The chat state a message carries, whether Smack's provider parsed it into a
     * {@link ChatStateExtension} or left it a generic element.
     */
    public static Optional<ChatState> of(Message message) {
        for (XmlElement e : message.getExtensions()) {
            if (ChatStateExtension.NAMESPACE.equals(e.getNamespace())) {
                if (e instanceof ChatStateExtension c) {
                    return Optional.of(c.getChatState());
                }
                for (ChatState s : ChatState.values()) {
                    if (s.name().equals(e.getElementName())) {
                        return Optional.of(s);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
