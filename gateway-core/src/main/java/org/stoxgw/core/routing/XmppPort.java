package org.stoxgw.core.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.stoxgw.xmppadapter.IqOutcome;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * The XMPP adapter as routing code sees it. Tests substitute a fake. {@link #send} and
 * {@link #sendIq} may be called from any thread; their stages complete on an adapter thread, so
 * callers hop back onto their session's loop.
 */
public interface XmppPort {
    CompletionStage<XmppOutcome> send(Stanza stanza);

    /**
     * Sends an IQ request and completes with its answer, its delivery failure, or
     * {@code remote-server-timeout} after {@code timeout} (see the adapter's {@code sendIq}). A port
     * that cannot correlate answers (a fake for message tests) fails every request.
     */
    default CompletionStage<IqOutcome> sendIq(IQ request, Duration timeout) {
        return CompletableFuture.completedFuture(new IqOutcome.Failed(StanzaError.Condition.feature_not_implemented,
                "this XMPP port sends no IQ requests"));
    }
}
