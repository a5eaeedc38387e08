package org.stoxgw.core.presence;

import org.stoxgw.core.presence.store.DialogRecord;
import org.stoxgw.mapping.presence.SubscriptionDialog;

/**
 * One SIP subscription dialog as a pair keeps it: its identity (replaced when confirmed or
 * target-refreshed), both CSeq counters and its expiry. Confined to the pair's loop.
 */
class DialogState {
    SubscriptionDialog id;
    /** CSeq of the last request the gateway sent in the dialog. */
    long localCseq;
    /** CSeq of the last request received in it; -1 before the first. */
    long remoteCseq = -1;
    /** Expiry, epoch milliseconds; 0 while not established. */
    long expiresAt;

    DialogState(SubscriptionDialog id) {
        this.id = id;
    }

    /** Restored from the store; CSeq moved on by {@code gap}, since the last requests may not have been written. */
    DialogState(DialogRecord r, int gap) {
        this.id = r.dialog();
        this.localCseq = r.localCseq() + gap;
        this.remoteCseq = r.remoteCseq();
        this.expiresAt = r.expiresAt();
    }

    /** The next CSeq for a request the gateway sends (RFC 3261 §12.2.1.1: one higher each time). */
    long nextCseq() {
        return ++localCseq;
    }

    /**
     * Checks and records the CSeq of an in-dialog request (RFC 3261 §12.2.2): false if it is not
     * higher than the last one (out of order or stale: answered 500, never translated).
     */
    boolean acceptRemote(long cseq) {
        if (remoteCseq >= 0 && cseq <= remoteCseq) {
            return false;
        }
        remoteCseq = cseq;
        return true;
    }

    DialogRecord record(DialogRecord.Role role) {
        return new DialogRecord(role, id, localCseq, remoteCseq, expiresAt);
    }
}
