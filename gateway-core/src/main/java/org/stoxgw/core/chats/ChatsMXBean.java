package org.stoxgw.core.chats;

import java.util.Map;

/** JMX view of one-to-one chat sessions (RFC 7573). */
public interface ChatsMXBean {
    /** X2S sessions whose INVITE or MSRP bind is pending. */
    int getSettingUpXmppToSip();

    /** Established sessions the XMPP side started. */
    int getActiveXmppToSip();

    /** Established sessions the SIP side started. */
    int getActiveSipToXmpp();

    long getSessionsStarted();

    long getMessagesXmppToSip();

    long getMessagesSipToXmpp();

    long getBytesXmppToSip();

    long getBytesSipToXmpp();

    /** REPORTs sent for XMPP receipts. */
    long getReportsXmppToSip();

    /** REPORTs received and turned into XMPP receipts. */
    long getReportsSipToXmpp();

    /** Conversations sent as SIP MESSAGEs after the INVITE was refused (session-then-message). */
    long getFallbacksToMessage();

    /** Failed messages and sessions, by reason. */
    Map<String, Long> getFailures();
}
