package org.stoxgw.core.routing;

import java.util.concurrent.CompletionStage;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * The SIP adapter as routing code sees it: send a request, make tags and Call-IDs. Tests substitute
 * a fake. {@link #send} may be called from any thread; its stage completes on an adapter thread, so
 * callers hop back onto their session's loop.
 */
public interface SipPort {
    CompletionStage<SipOutcome> send(SipRequest request);

    String newTag();

    String newCallId();

    /**
     * The SIP adapter's INVITE layer, to place calls and MSRP chat sessions (UAC); incoming ones
     * come through {@link Router#invites}.
     *
     * @throws UnsupportedOperationException when this port has none (test fakes)
     */
    default org.stoxgw.sipadapter.invite.InviteDialogs invites() {
        throw new UnsupportedOperationException("this SIP port places no calls");
    }
}
