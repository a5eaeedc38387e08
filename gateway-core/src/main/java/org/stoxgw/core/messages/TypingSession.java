package org.stoxgw.core.messages;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.Jid;
import org.stoxgw.core.engine.Session;
import org.stoxgw.core.engine.SessionContext;
import org.stoxgw.mapping.message.ChatStates;

/**
 * A SIP user typing to an XMPP user. An isComposing "active" lapses after its refresh interval unless
 * refreshed (RFC 3994 §4), but a XEP-0085 {@code <composing/>} lasts until the next state, so when
 * the interval passes without a refresh, a text message or an idle state from the SIP side, the
 * gateway sends {@code <paused/>} itself; otherwise the XMPP user would see "typing…" forever.
 *
 * <p>Threading: runs on its loop; {@link MessagePath} refreshes or closes it. Not engine work: it
 * does not hold up a graceful stop.
 */
final class TypingSession extends Session {
    private final MessagePath path;
    private final Jid from;
    private final Jid to;
    private ScheduledFuture<?> lapse;

    TypingSession(SessionContext context, MessagePath path, Jid from, Jid to) {
        super(context);
        this.path = path;
        this.from = from;
        this.to = to;
    }

    /** The SIP user is typing: the state lapses after {@code seconds} unless refreshed. */
    void active(int seconds) {
        if (lapse != null) {
            lapse.cancel(false);
        }
        lapse = schedule(this::lapsed, Duration.ofSeconds(seconds));
    }

    private void lapsed() {
        Message paused = StanzaBuilder.buildMessage(path.nextStanzaId()).ofType(Message.Type.chat).from(from).to(to)
                .addExtension(ChatStates.extension(ChatState.paused)).build();
        path.sendQuietly(paused);
        close();
    }
}
