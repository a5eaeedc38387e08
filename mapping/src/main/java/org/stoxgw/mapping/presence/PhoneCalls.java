package org.stoxgw.mapping.presence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call state of one SIP user as learnt from dialog event notifications (RFC 4235), reduced to
 * "on the phone or not" for phone presence. Immutable: {@link #apply} returns the next state, which
 * the wiring keeps per subscription.
 *
 * <ul>
 *   <li>A notification whose version is not greater than the last one applied is stale or a
 *       duplicate and changes nothing (RFC 4235 §4.1.1).</li>
 *   <li>{@code full} replaces the known dialogs; {@code partial} updates the listed ones.</li>
 *   <li>Terminated dialogs are forgotten. At most {@link #MAX_DIALOGS} dialogs are remembered, so a
 *       peer listing endless dialogs cannot grow the state.</li>
 *   <li>On the phone = at least one dialog {@code confirmed}; ringing ({@code early}) is not yet a
 *       call.</li>
 * </ul>
 *
 * @param version the version of the last applied notification, −1 before the first
 * @param dialogs dialog id → state of the non-terminated dialogs
 */
public record PhoneCalls(long version, Map<String, DialogInfo.State> dialogs) {

    /** Dialogs remembered at most per user. */
    public static final int MAX_DIALOGS = 32;

    /** No notification seen yet. */
    public static final PhoneCalls NONE = new PhoneCalls(-1, Map.of());

    public PhoneCalls {
        dialogs = Collections.unmodifiableMap(new LinkedHashMap<>(dialogs));
    }

    /** The state after {@code info}. */
    public PhoneCalls apply(DialogInfo info) {
        if (info.version() <= version) {
            return this;
        }
        Map<String, DialogInfo.State> next = info.full() ? new LinkedHashMap<>() : new LinkedHashMap<>(dialogs);
        for (DialogInfo.Dialog d : info.dialogs()) {
            if (d.state() == DialogInfo.State.TERMINATED) {
                next.remove(d.id());
            } else if (next.containsKey(d.id()) || next.size() < MAX_DIALOGS) {
                next.put(d.id(), d.state());
            }
        }
        return new PhoneCalls(info.version(), next);
    }

    /**
     * Whether notifications were missed before {@code info} (a partial one more than one version
     * ahead): RFC 4235 §4.1.1 then asks the subscriber to refresh to obtain full state.
     */
    public boolean missedBefore(DialogInfo info) {
        return !info.full() && version >= 0 && info.version() > version + 1;
    }

    /** Whether the user is in an established call. */
    public boolean onThePhone() {
        return dialogs.containsValue(DialogInfo.State.CONFIRMED);
    }
}
