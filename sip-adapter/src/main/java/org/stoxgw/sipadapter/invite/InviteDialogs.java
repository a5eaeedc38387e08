package org.stoxgw.sipadapter.invite;

import io.netty.util.concurrent.EventExecutor;

/**
 * Places calls: the UAC half of the INVITE layer, from {@code SipAdapter.invites()}.
 * Thread-safe.
 */
public interface InviteDialogs {

    /**
     * Sends an INVITE; returns at once. Every event of the call, its failure included (limits,
     * unresolvable target, the adapter stopping), comes to {@code listener} on {@code loop}, never
     * from inside this method.
     *
     * @param loop the event loop the call is pinned to (the caller's session loop)
     */
    OutgoingCall call(CallRequest request, EventExecutor loop, CallListener listener);

    /** Dialogs open now (calls not yet ended), both directions. */
    int openCalls();
}
