package org.stoxgw.core.presence;

import org.stoxgw.core.presence.store.DialogRecord;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.TerminationReason;

/**
 * A dialog in which the gateway is the notifier (S2X), with its NOTIFY pipeline: RFC 6665 §4.2.2
 * allows one NOTIFY in flight per subscription, so a change while one is in flight only marks the
 * dialog {@link #dirty}; when the answer comes the current state goes out once (changes coalesce).
 * A {@link #terminal} dialog sends its final NOTIFY and is then forgotten. Confined to the pair's loop.
 */
final class NotifyDialog extends DialogState {
    boolean inFlight;
    boolean dirty;
    /** Non-null once terminated: the reason of the final NOTIFY. */
    TerminationReason terminal;
    /** Whether the final NOTIFY (with {@link #terminal}) has been sent. */
    boolean terminalSent;
    /** Whether the final NOTIFY carries PIDF closed (PRES-27). */
    boolean closedBody;
    /** The presence version the last NOTIFY carried, to send only changes. */
    int sentVersion = -1;
    /** A fetch (Expires: 0, PRES-46): not stored, ends with its one NOTIFY. */
    final boolean fetch;
    /** For a fetch: when to answer at the latest (epoch ms); 0 = answer now. */
    long answerBy;
    /** For a fetch: presence arrived since it began (the probe was answered). */
    boolean heard;
    /** For a fetch: its NOTIFY was requested. */
    boolean answered;

    NotifyDialog(SubscriptionDialog id, boolean fetch) {
        super(id);
        this.fetch = fetch;
    }

    NotifyDialog(DialogRecord r, int gap) {
        super(r, gap);
        this.fetch = false;
    }
}
