package org.stoxgw.core.routing;

import java.util.concurrent.CompletionStage;
import org.jivesoftware.smack.packet.Stanza;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * The XMPP adapter as routing code sees it. Tests substitute a fake. {@link #send} may be called
 * from any thread; its stage completes on an adapter thread, so callers hop back onto their
 * session's loop.
 */
public interface XmppPort {
    CompletionStage<XmppOutcome> send(Stanza stanza);
}
