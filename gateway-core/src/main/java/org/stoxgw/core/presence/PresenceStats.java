package org.stoxgw.core.presence;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.stoxgw.mapping.presence.NotifierRules;
import org.stoxgw.mapping.presence.WatcherRules;

/**
 * Counters and gauges of the presence path, for JMX and tests. Gauges (subscriptions by direction
 * and state) move with every phase change a pair reports; counters only grow. Thread-safe,
 * lock-free.
 */
public final class PresenceStats {

    /** What is counted. */
    public enum Counter {
        /** SUBSCRIBEs the gateway sent to start a subscription for an XMPP user. */
        SUBSCRIBES_SENT,
        /** Refresh SUBSCRIBEs the gateway sent (PRES-11). */
        REFRESHES,
        /** Refreshes and re-subscriptions that failed (to be retried). */
        REFRESH_FAILURES,
        /** Fetches (SUBSCRIBE Expires: 0) sent for XMPP probes (PRES-44). */
        FETCHES_SENT,
        /** SUBSCRIBEs received from SIP users (new, refresh, cancel, fetch). */
        SUBSCRIBES_RECEIVED,
        /** NOTIFYs received in the gateway's subscriptions. */
        NOTIFICATIONS_IN,
        /** NOTIFYs sent to SIP subscribers. */
        NOTIFICATIONS_OUT,
        /** NOTIFYs the SIP side did not accept. */
        NOTIFY_FAILURES,
        /** Presence stanzas received from XMPP. */
        STANZAS_IN,
        /** Presence stanzas sent to XMPP. */
        STANZAS_OUT,
        /** Stanzas the XMPP side could not deliver. */
        STANZA_FAILURES,
        /** Probes sent to XMPP users (PRES-15, PRES-46, after approval and restart). */
        PROBES_SENT,
        /** Presence for a SIP user without a subscription, dropped on purpose (AMB-P12, PRES-49). */
        DROPPED_NO_SUBSCRIPTION,
        /** Presence received while the subscription is pending, not notified (PRES-06 spirit). */
        SUPPRESSED_PENDING,
        /** Held subscriptions left to lapse because their user was offline (AMB-P09/P13). */
        LAPSED,
        /** Requests and stanzas refused with an error to their sender. */
        REFUSED,
        /** Pairs read back from the store at start-up. */
        RESTORED
    }

    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final Map<WatcherRules.Phase, AtomicInteger> watch = new EnumMap<>(WatcherRules.Phase.class);
    private final Map<NotifierRules.Phase, AtomicInteger> notify = new EnumMap<>(NotifierRules.Phase.class);
    private final AtomicInteger lapsed = new AtomicInteger();
    private final AtomicInteger sipDialogs = new AtomicInteger();
    private final AtomicInteger phoneDialogs = new AtomicInteger();

    public PresenceStats() {
        for (Counter c : Counter.values()) {
            counters.put(c, new LongAdder());
        }
        for (WatcherRules.Phase p : WatcherRules.Phase.values()) {
            watch.put(p, new AtomicInteger());
        }
        for (NotifierRules.Phase p : NotifierRules.Phase.values()) {
            notify.put(p, new AtomicInteger());
        }
    }

    public void count(Counter c) {
        counters.get(c).increment();
    }

    public long get(Counter c) {
        return counters.get(c).sum();
    }

    /** A pair's X2S phase changed (NONE is not shown). */
    void watch(WatcherRules.Phase from, WatcherRules.Phase to) {
        if (from != to) {
            watch.get(from).decrementAndGet();
            watch.get(to).incrementAndGet();
        }
    }

    /** A pair's S2X phase changed (NONE is not shown). */
    void notify(NotifierRules.Phase from, NotifierRules.Phase to) {
        if (from != to) {
            notify.get(from).decrementAndGet();
            notify.get(to).incrementAndGet();
        }
    }

    /** An authorized X2S subscription lost (+1) or regained (-1) its SIP dialog. */
    void lapsedDelta(int d) {
        lapsed.addAndGet(d);
    }

    /** SIP subscribers' dialogs (S2X) added or removed. */
    void sipDialogsDelta(int d) {
        sipDialogs.addAndGet(d);
    }

    void phoneDialogsDelta(int d) {
        phoneDialogs.addAndGet(d);
    }

    /** X2S subscriptions by state: requested, authorized, lapsed (authorized without dialog), cancelling. */
    public Map<String, Integer> xmppToSip() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("requested", watch.get(WatcherRules.Phase.REQUESTED).get());
        m.put("authorized", watch.get(WatcherRules.Phase.AUTHORIZED).get() - lapsed.get());
        m.put("lapsed", lapsed.get());
        m.put("cancelling", watch.get(WatcherRules.Phase.CANCELLING).get());
        m.put("phone_dialogs", phoneDialogs.get());
        return m;
    }

    /** S2X subscriptions by state: pending and active pairs, and the SIP dialogs they hold. */
    public Map<String, Integer> sipToXmpp() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("pending", notify.get(NotifierRules.Phase.PENDING).get());
        m.put("active", notify.get(NotifierRules.Phase.ACTIVE).get());
        m.put("dialogs", sipDialogs.get());
        return m;
    }

    /** Every counter by its lower-case name. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        counters.forEach((k, v) -> m.put(k.name().toLowerCase(Locale.ROOT), v.sum()));
        return m;
    }
}
