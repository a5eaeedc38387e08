package org.stoxgw.core.presence.store;

import java.util.Objects;
import org.stoxgw.mapping.presence.SubscriptionDialog;

/**
 * One SIP subscription dialog of a pair, as stored.
 *
 * @param role       what the dialog is for
 * @param dialog     its identity (Call-ID, tags, URIs, remote target, route set)
 * @param localCseq  the CSeq of the last request the gateway sent in it
 * @param remoteCseq the CSeq of the last request received in it, -1 if none
 * @param expiresAt  when the subscription expires (epoch milliseconds), 0 if not established
 */
public record DialogRecord(Role role, SubscriptionDialog dialog, long localCseq, long remoteCseq, long expiresAt) {

    /** What a stored dialog is for. */
    public enum Role {
        /** The gateway's presence subscription for the XMPP user (X2S). */
        WATCH,
        /** The gateway's dialog-package subscription for phone presence (RFC 4235). */
        PHONE,
        /** A SIP user's subscription to the XMPP user; the gateway notifies (S2X). */
        NOTIFY
    }

    public DialogRecord {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(dialog, "dialog");
    }
}
