package org.stoxgw.core.presence;

import org.stoxgw.mapping.presence.SubscriptionExpiry;

/**
 * When the subscription the gateway holds for an XMPP user is refreshed, and whether at all
 * (PRES-09/11/15, AMB-P09/P13): the refresh and retry deadlines, the probe sent before a refresh
 * and its answer, what is known of the user's presence session, the back-off after failures.
 * Holds time and knowledge only; {@link WatcherSide} acts on it. Confined to the pair's loop.
 */
final class WatcherRefresh {

    /** What the gateway knows about the XMPP user's presence session. */
    enum Online { UNKNOWN, ONLINE, OFFLINE }

    /** The answer to the probe before a refresh. */
    private enum ProbeAnswer { NONE, AVAILABLE, UNAVAILABLE }

    private final PresenceSettings settings;
    /** When to refresh (probing first), epoch ms; 0 = not scheduled. */
    long refreshAt;
    /** When to try again after a failure, epoch ms; 0 = no retry pending. */
    long retryAt;
    /** Until when the answer to the probe is awaited, epoch ms; 0 = no probe out. */
    long probeUntil;
    private ProbeAnswer probeAnswer = ProbeAnswer.NONE;
    private int failures;
    private long lastRefresh;
    private long lastImmediate = Long.MIN_VALUE / 2;
    Online online = Online.UNKNOWN;

    WatcherRefresh(PresenceSettings settings) {
        this.settings = settings;
    }

    /** A 2xx granted {@code seconds}: refresh a margin before expiry (PRES-11). */
    void granted(long now, int seconds) {
        refreshAt = now + SubscriptionExpiry.refreshAfter(seconds, settings.refreshMargin().toSeconds()) * 1000L;
        failures = 0;
    }

    /** A NOTIFY shortened the subscription (RFC 6665 §4.1.3): refresh earlier if needed. */
    void shortened(long now, int seconds) {
        long at = now + SubscriptionExpiry.refreshAfter(seconds, settings.refreshMargin().toSeconds()) * 1000L;
        if (refreshAt == 0 || at < refreshAt) {
            refreshAt = at;
        }
    }

    /** A refresh went out now (PRES-10 rate limit). */
    void refreshing(long now) {
        lastRefresh = now;
        refreshAt = 0;
    }

    /**
     * Whether a terminated subscription may be re-subscribed at once (AMB-P06): once per
     * {@code min-refresh-interval}; a notifier that ends every new subscription at once
     * (deactivated) gets the back-off, not a SUBSCRIBE loop.
     */
    boolean resubscribeNow(long now) {
        if (now - lastImmediate < settings.minRefreshInterval().toMillis()) {
            return false;
        }
        lastImmediate = now;
        return true;
    }

    /** Whether a refresh went out less than {@code min-refresh-interval} ago. */
    boolean recentlyRefreshed(long now) {
        return now - lastRefresh < settings.minRefreshInterval().toMillis();
    }

    /** Schedules a retry with exponential back-off ({@code retry-initial} doubling to {@code retry-max}). */
    void backOff(long now) {
        if (retryAt == 0) {
            retryAt = now + Math.min(settings.retryMax().toMillis(), settings.retryInitial().toMillis() << Math.min(failures, 20));
        }
        failures++;
    }

    /** Retry after the notifier's Retry-After (probation, giveup). */
    void retryAfter(long now, int seconds) {
        retryAt = now + seconds * 1000L;
    }

    /** PRES-15: the probe before a refresh goes out now. */
    void probing(long now) {
        probeUntil = now + settings.probeTimeout().toMillis();
        probeAnswer = ProbeAnswer.NONE;
        refreshAt = 0;
    }

    /** The user's presence session started (a probe from the user's server, PRES-10). */
    void userStarted() {
        online = Online.ONLINE;
    }

    /**
     * Presence from the user to the contact. Updates what is known (unavailable from a full JID means
     * offline only when no other resource is known open) and answers the outstanding probe.
     *
     * @return true if it answered the probe
     */
    boolean userPresence(boolean available, boolean fromFullJid, boolean otherResourceOpen) {
        if (available) {
            online = Online.ONLINE;
        } else if (!fromFullJid || !otherResourceOpen) {
            online = Online.OFFLINE;
        }
        if (probeUntil == 0) {
            return false;
        }
        probeAnswer = available ? ProbeAnswer.AVAILABLE : ProbeAnswer.UNAVAILABLE;
        probeUntil = 0;
        return true;
    }

    /** The user's server would not show presence (unsubscribed to the probe); true if a probe was out. */
    boolean probeRefused() {
        if (probeUntil == 0) {
            return false;
        }
        probeUntil = 0;
        return true;
    }

    /**
     * AMB-P09: after the probe (answered, refused or timed out), whether the user is offline, so the
     * subscription lapses instead of being refreshed.
     */
    boolean offline() {
        return probeAnswer == ProbeAnswer.UNAVAILABLE || probeAnswer == ProbeAnswer.NONE && online == Online.OFFLINE;
    }

    /** Forgets planned refreshes and probes (the dialog is gone). */
    void stop() {
        refreshAt = 0;
        probeUntil = 0;
    }

    /** Forgets everything planned, retries included (the subscription ended). */
    void stopAll() {
        stop();
        retryAt = 0;
    }

    long nextDeadline() {
        return Math.min(min(refreshAt), Math.min(min(retryAt), min(probeUntil)));
    }

    private static long min(long deadline) {
        return deadline == 0 ? Long.MAX_VALUE : deadline;
    }
}
