package org.stoxgw.xmppadapter;

import org.jivesoftware.smack.packet.StanzaError;

/**
 * How a stanza the gateway sent ended on the XMPP side: handed to the remote server over an
 * authenticated stream, or given up with the error condition its sender must get.
 */
public sealed interface XmppOutcome {

    /** Written to an authenticated stream to the remote domain. */
    record Sent() implements XmppOutcome { }

    /** Not delivered: the condition to report (e.g. remote-server-not-found, remote-server-timeout). */
    record Failed(StanzaError.Condition condition, String detail) implements XmppOutcome { }
}
