package org.stoxgw.sipadapter.invite;

/** Where a call's INVITE dialog stands (RFC 3261 section 12, 13). */
public enum CallState {
    /** INVITE sent or received, no provisional response with a To tag yet. */
    CALLING,
    /** A provisional response with a To tag was sent or received: an early dialog (RFC 3261 section 12.1). */
    EARLY,
    /** A 2xx was sent or received: the dialog is confirmed (media may flow). */
    CONFIRMED,
    /** Ended; {@link CallListener#onEnded} was called once. */
    TERMINATED
}
