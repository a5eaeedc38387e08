package org.stoxgw.mapping.chat;

import java.util.Optional;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.stoxgw.mapping.message.IsComposing;
import org.stoxgw.mapping.message.IsComposingCodec;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;

/**
 * Chat states inside an MSRP session, RFC 7573 §6 tables 3 and 4 (CHAT-15), which differ from
 * the page-mode mapping in {@link org.stoxgw.mapping.message.ChatStates}: here isComposing
 * {@code idle} becomes {@code <active/>} (the user is in the conversation, not typing), and
 * {@code <active/>}, {@code <inactive/>}, {@code <paused/>} all become {@code idle} (one SEND in an
 * open session costs little). {@code <gone/>} has no isComposing: it ends the session (CHAT-17/19).
 */
public final class SessionChatStates {

    private SessionChatStates() {
    }

    /** RFC 7573 table 3: active → composing, idle (and any unknown state, RFC 3994 §4) → active. */
    public static ChatState toXmpp(IsComposing status) {
        return status.active() ? ChatState.composing : ChatState.active;
    }

    /** RFC 7573 table 4; empty for {@code gone}, which ends the session instead. */
    public static Optional<IsComposing> toMsrp(ChatState state, int refreshSeconds) {
        return switch (state) {
            case composing -> Optional.of(IsComposing.active(refreshSeconds));
            case active, inactive, paused -> Optional.of(IsComposing.idle());
            case gone -> Optional.empty();
        };
    }

    /**
     * Reads an isComposing body inside a session: a {@code <state>} other than active or idle is
     * idle (RFC 3994 §4), every other refusal stays a refusal.
     */
    public static ParseResult<IsComposing> parse(byte[] body, XmlLimits limits) {
        ParseResult<IsComposing> r = IsComposingCodec.parse(body, limits);
        if (r instanceof ParseResult.Refused<IsComposing> ref && ref.problem() == ParseProblem.INVALID_VALUE) {
            return ParseResult.ok(IsComposing.idle());
        }
        return r;
    }
}
