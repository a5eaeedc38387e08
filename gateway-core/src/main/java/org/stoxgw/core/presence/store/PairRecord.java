package org.stoxgw.core.presence.store;

import java.util.List;
import java.util.Objects;
import org.stoxgw.mapping.presence.NotifierRules;
import org.stoxgw.mapping.presence.WatcherRules;

/**
 * What survives a restart of one subscription pair: the XMPP user and the SIP user (both as bare
 * JIDs), the phase of each direction and the SIP dialogs. Presence itself is not stored: after a
 * restart it is asked for again (probe, refresh), never replayed stale. Immutable snapshot, made on
 * the pair's event loop and written by the store's thread.
 *
 * @param user    the XMPP user's bare JID
 * @param contact the SIP user's bare JID (as presented on XMPP)
 * @param watchPhase  the X2S phase (the gateway subscribes for {@code user})
 * @param notifyPhase the S2X phase ({@code contact} subscribes to {@code user})
 * @param dialogs the pair's dialogs
 */
public record PairRecord(String user, String contact, WatcherRules.Phase watchPhase, NotifierRules.Phase notifyPhase,
                         List<DialogRecord> dialogs) {

    public PairRecord {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(watchPhase, "watchPhase");
        Objects.requireNonNull(notifyPhase, "notifyPhase");
        dialogs = List.copyOf(dialogs);
    }

    /** The key of the pair: {@code user + " " + contact} (a space never occurs in a bare JID). */
    public String key() {
        return key(user, contact);
    }

    public static String key(String user, String contact) {
        return user + " " + contact;
    }
}
