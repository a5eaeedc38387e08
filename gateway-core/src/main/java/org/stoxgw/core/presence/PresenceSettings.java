package org.stoxgw.core.presence;

import java.time.Duration;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.core.presence.store.StoreSettings;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.presence.PhonePresence;
import org.stoxgw.mapping.presence.Show;

/**
 * {@code gateway.presence}: presence (RFC 8048) in both directions. Every key, its default and its
 * meaning are in gateway-core's reference.conf.
 *
 * @param subscribeExpires   Expires of the SIP subscriptions the gateway holds for XMPP users
 * @param minExpires         shortest subscription granted to a SIP user (423 below)
 * @param maxExpires         longest subscription granted to a SIP user
 * @param refreshMargin      how long before expiry a held subscription is refreshed
 * @param probeBeforeRefresh probe the XMPP user before refreshing (PRES-15, AMB-P09)
 * @param probeTimeout       how long to wait for that probe's answer
 * @param minRefreshInterval least time between probe-triggered refreshes (PRES-10)
 * @param fetchWait          how long a SIP fetch waits for the XMPP user's presence
 * @param fetchSettle        how long a fetch waits for more resources after the first answer
 * @param retryInitial       first retry delay of a failed refresh
 * @param retryMax           longest retry delay
 * @param restartSpread      re-establishment after a restart is spread over this long
 * @param rpid               add RFC 4480 activities to PIDF (PRES-37)
 * @param limits             counts and sizes
 * @param phone              phone presence (RFC 4235)
 * @param store              durable state
 */
public record PresenceSettings(Duration subscribeExpires, Duration minExpires, Duration maxExpires, Duration refreshMargin,
                               boolean probeBeforeRefresh, Duration probeTimeout, Duration minRefreshInterval,
                               Duration fetchWait, Duration fetchSettle, Duration retryInitial, Duration retryMax,
                               Duration restartSpread, boolean rpid, Limits limits, Phone phone, StoreSettings store) {

    /**
     * {@code gateway.presence.limits}.
     *
     * @param maxPairs         subscription pairs held at most
     * @param dialogsPerPair   SIP subscriptions one SIP user may hold on one XMPP user
     * @param resourcesPerUser XMPP resources remembered per user
     * @param fetchesPerPair   polls in progress per pair
     * @param body             size and depth limits of PIDF and dialog-info bodies
     */
    public record Limits(int maxPairs, int dialogsPerPair, int resourcesPerUser, int fetchesPerPair, XmlLimits body) { }

    /**
     * {@code gateway.presence.phone}.
     *
     * @param enabled subscribe to the dialog event package next to presence
     * @param style   how "on the phone" looks
     */
    public record Phone(boolean enabled, PhonePresence.Style style) { }

    private static final Duration DAY = Duration.ofDays(1);

    public static PresenceSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("presence");
        Duration subscribeExpires = r.duration("subscribe-expires", Duration.ofSeconds(60), DAY);
        Duration minExpires = r.duration("min-expires", Duration.ofSeconds(1), DAY);
        Duration maxExpires = r.duration("max-expires", Duration.ofSeconds(60), Duration.ofDays(7));
        if (minExpires.compareTo(maxExpires) > 0) {
            r.problem("min-expires", "must not be longer than max-expires (" + maxExpires + ")");
        }
        Duration refreshMargin = r.duration("refresh-margin", Duration.ofSeconds(1), DAY);
        boolean probe = r.bool("probe-before-refresh");
        Duration probeTimeout = r.duration("probe-timeout", Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration minRefresh = r.duration("min-refresh-interval", Duration.ZERO, DAY);
        Duration fetchWait = r.duration("fetch-wait", Duration.ZERO, Duration.ofSeconds(25));
        Duration fetchSettle = r.duration("fetch-settle", Duration.ZERO, Duration.ofSeconds(10));
        Duration retryInitial = r.duration("retry-initial", Duration.ofMillis(100), DAY);
        Duration retryMax = r.duration("retry-max", Duration.ofMillis(100), DAY);
        Duration restartSpread = r.duration("restart-spread", Duration.ZERO, Duration.ofHours(1));
        boolean rpid = r.bool("rpid");

        ConfigReader l = r.section("limits");
        Limits limits = new Limits(l.integer("max-pairs", 1, 100_000_000), l.integer("dialogs-per-pair", 1, 64),
                l.integer("resources-per-user", 1, 1024), l.integer("fetches-per-pair", 1, 64),
                new XmlLimits((int) l.bytes("max-body-size", 1024, 16L * 1024 * 1024), l.integer("max-body-depth", 4, 256)));

        ConfigReader p = r.section("phone");
        Phone phone = new Phone(p.bool("enabled"), new PhonePresence.Style(p.enumValue("show", Show.class),
                p.string("status"), p.string("status-language")));

        return new PresenceSettings(subscribeExpires, minExpires, maxExpires, refreshMargin, probe, probeTimeout, minRefresh,
                fetchWait, fetchSettle, retryInitial, retryMax, restartSpread, rpid, limits, phone,
                StoreSettings.read(r.section("store")));
    }
}
