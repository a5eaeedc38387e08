package org.stoxgw.mapping.call;

/** Where a call is, as the mapping tables need it. */
public enum CallPhase {
    /** Jingle → SIP: session-initiate acked, candidates being gathered, no INVITE sent yet (MEDIA-04). */
    GATHERING,
    /** INVITE sent or received, no final answer yet. */
    PROCEEDING,
    /** Answered (2xx / session-accept). */
    ESTABLISHED,
    /** Ended. */
    ENDED
}
