package org.stoxgw.core.presence;

import java.util.Map;

/**
 * {@code org.stoxgw:instance=<name>,type=Presence}: subscriptions by direction and state,
 * notifications in and out, refreshes, failures and the store.
 */
public interface PresenceMXBean {
    /** X2S (the gateway subscribes for XMPP users): requested, authorized, lapsed, cancelling, phone_dialogs. */
    Map<String, Integer> getXmppToSip();

    /** S2X (SIP users subscribe to XMPP users): pending, active, dialogs. */
    Map<String, Integer> getSipToXmpp();

    long getNotificationsIn();

    long getNotificationsOut();

    long getRefreshes();

    /** Refresh failures, NOTIFY failures and undeliverable stanzas together. */
    long getFailures();

    /** Every counter by name. */
    Map<String, Long> getCounters();

    /** Pair changes waiting to be written to the store. */
    int getStoreQueue();

    long getStoreWrites();

    long getStoreFailures();

    /** Mean duration of one store transaction, microseconds. */
    long getStoreMeanBatchMicros();
}
