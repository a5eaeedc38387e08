package org.stoxgw.sipadapter.msrp;

/**
 * What an {@link MsrpSession} tells its owner. Every call runs on the session's event loop.
 */
public interface MsrpSessionListener {

    /**
     * A complete message (all chunks reassembled).
     *
     * @param messageId     its Message-ID (for a REPORT, {@link MsrpSession#report})
     * @param contentType   Content-Type of the first chunk, without parameters
     * @param content       the octets
     * @param successReport the sender asked for a success REPORT (MSRP-10, CHAT-22)
     */
    void onMessage(MsrpSession session, String messageId, String contentType, byte[] content, boolean successReport);

    /** A REPORT for one of this session's messages (MSRP-11: never answered). */
    void onReport(MsrpSession session, String messageId, int status, String comment);

    /** The session is over: closed locally, or its connection failed (MSRP-18). Called once. */
    void onClosed(MsrpSession session, String reason);
}
