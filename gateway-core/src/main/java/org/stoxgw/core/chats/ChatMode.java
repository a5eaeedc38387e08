package org.stoxgw.core.chats;

/**
 * How XMPP {@code chat} messages toward a SIP domain travel (AMB-C01, CHAT-02/05).
 */
public enum ChatMode {
    /** Single SIP MESSAGEs (RFC 7572), as for every other message. */
    MESSAGE,
    /** An MSRP session (RFC 7573); a refused INVITE is an error for the queued messages. */
    SESSION,
    /** An MSRP session; when the INVITE is refused (415/488/606) or times out, the messages go as SIP MESSAGEs. */
    SESSION_THEN_MESSAGE
}
