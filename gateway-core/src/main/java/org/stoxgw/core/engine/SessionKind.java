package org.stoxgw.core.engine;

/** The kinds of session the engine keeps, one per STOX area that has state. */
public enum SessionKind {
    /** A single message in flight (RFC 7572): lives until its outcome is known. */
    MESSAGE,
    /** A presence subscription pair (RFC 8048). */
    PRESENCE,
    /** A one-to-one chat over MSRP (RFC 7573). */
    CHAT,
    /** A groupchat room (RFC 7702). */
    GROUPCHAT,
    /** A call, Jingle and SIP/SDP (draft-ietf-stox-media). */
    CALL
}
