package org.stoxgw.core.presence;

import java.util.OptionalInt;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.mapping.error.SipErrors;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.PresenceRequests;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.SubscriptionHeaders;
import org.stoxgw.mapping.presence.SubscriptionResponses.SubscribeClass;
import org.stoxgw.mapping.presence.SubscriptionResponses;
import org.stoxgw.mapping.presence.SubscriptionState;
import org.stoxgw.mapping.presence.WatcherRules.Phase;
import org.stoxgw.mapping.presence.WatcherRules.Purpose;
import org.stoxgw.mapping.presence.WatcherRules.Step;
import org.stoxgw.mapping.presence.WatcherRules;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * The XMPP-to-SIP half of a pair (RFC 8048 §5.2): the SIP subscription the gateway holds for the
 * XMPP user, its refreshes (PRES-09/11, probing first, PRES-15/AMB-P09), the NOTIFYs it receives
 * and what the user is told. Decisions come from {@link WatcherRules}; this class keeps the
 * dialog and the I/O; timing in {@link WatcherRefresh}, polls (PRES-44) in {@link WatcherFetches}, the
 * dialog package in {@link PhoneWatch}, storing and restarting in {@link WatcherRestore}. Confined to
 * the pair's loop.
 */
final class WatcherSide {
    private static final Logger log = LoggerFactory.getLogger(WatcherSide.class);
    /** How long a cancelled dialog waits for its final NOTIFY: 64*T1, RFC 3261 Timer F. */
    private static final long CLOSING_MS = 32_000;

    private final PairSession pair;
    private final PresenceContext ctx;
    Phase phase = Phase.NONE;
    /** The presence dialog; null when there is none or it lapsed. */
    DialogState dialog;
    /** The SUBSCRIBE outstanding in {@link #dialog}, null if none. */
    private Purpose inFlight;
    /** The user asked to unsubscribe while a SUBSCRIBE was in flight. */
    private boolean cancelQueued;
    /** The dialog was cancelled and waits only for the notifier's final NOTIFY (answered 200, not 481). */
    boolean closing;
    private int expires;
    /** Refresh and retry timing, probes, what is known of the user (AMB-P09/P13). */
    final WatcherRefresh timing;
    final Announcements announced;
    PhoneWatch phone;
    WatcherFetches fetches;

    WatcherSide(PairSession pair, PresenceContext ctx) {
        this.pair = pair;
        this.ctx = ctx;
        this.expires = (int) ctx.settings.subscribeExpires().toSeconds();
        this.announced = new Announcements(ctx.settings.limits().resourcesPerUser());
        this.timing = new WatcherRefresh(ctx.settings);
    }

    /** Whether the lapsed gauge counts this pair now. */
    private boolean countedLapsed;

    /** Keeps the "lapsed" gauge (authorized without a dialog) in step; called after every event. */
    void syncGauges() {
        boolean lapsed = phase == Phase.AUTHORIZED && dialog == null;
        if (lapsed != countedLapsed) {
            ctx.stats.lapsedDelta(lapsed ? 1 : -1);
            countedLapsed = lapsed;
        }
    }

    boolean idle() {
        return phase == Phase.NONE && dialog == null && (fetches == null || fetches.isEmpty()) && (phone == null || phone.idle());
    }

    // ------------------------------------------------------------------ XMPP input

    /** subscribe, unsubscribe or probe from the XMPP user (table 2.1). */
    void onStanza(Presence p) {
        if (p.getType() == Presence.Type.probe) {
            timing.userStarted(); // PRES-10: the user's presence session starts
        }
        if (p.getType() == Presence.Type.probe && phase == Phase.AUTHORIZED && dialog != null && inFlight == null
                && timing.recentlyRefreshed(ctx.now())) {
            // another resource logging in: answer it from what is known instead of refreshing again
            for (Presence known : announced.current(pair.contactJid(), p.getFrom(), phoneView())) {
                pair.toXmpp(known);
            }
            return;
        }
        Step s = WatcherRules.onStanza(phase, p.getType(), dialog != null);
        if (s.sip() == WatcherRules.SipAction.FETCH) {
            fetches().start(p.getFrom());
            return;
        }
        apply(s, null, null);
    }

    /** Availability from the XMPP user to the SIP contact: the answer to a probe, or a sign of life. */
    void onUserPresence(Presence p, boolean otherResourceOpen) {
        boolean available = p.getType() == Presence.Type.available;
        if (timing.userPresence(available, p.getFrom().hasResource(), otherResourceOpen)) {
            afterProbe();
        } else if (available && phase == Phase.AUTHORIZED && dialog == null && timing.retryAt == 0) {
            subscribeNew(); // the user is back while the subscription lapsed (AMB-P13)
        }
    }

    /** The XMPP user's server refused to show presence to the contact (unsubscribed to our probe). */
    void onProbeRefused() {
        if (timing.probeRefused()) {
            afterProbe();
        }
    }

    /** A permanent XMPP error about the user (e.g. the account is gone): end the subscription. */
    void onPermanentError() {
        if (phase == Phase.NONE) {
            return;
        }
        if (dialog != null && dialog.id.confirmed()) {
            setPhase(Phase.CANCELLING);
            send(Purpose.CANCEL, 0);
        } else {
            setPhase(Phase.NONE);
            dropDialog();
        }
    }

    // ------------------------------------------------------------------ SIP input

    /** A NOTIFY matched to the presence dialog; already checked for CSeq and answered 200 by the caller. */
    void onNotify(InboundSipRequest in, SubscriptionState state, PresenceBody body) {
        if (closing) {
            // RFC 6665 §4.1.2.3: the final NOTIFY after our Expires: 0 ends the dialog; nothing to translate
            if (state.substate() == SubscriptionState.Substate.TERMINATED) {
                dropDialog();
            }
            return;
        }
        dialog.id = dialog.id.confirmedBy(in.request());
        if (state.expires() >= 0 && state.substate() != SubscriptionState.Substate.TERMINATED) {
            // RFC 6665 §4.1.3: the notifier may shorten the subscription
            long at = ctx.now() + state.expires() * 1000L;
            if (dialog.expiresAt == 0 || at < dialog.expiresAt) {
                dialog.expiresAt = at;
                timing.shortened(ctx.now(), state.expires());
            }
        }
        pair.dirty();
        Step s = WatcherRules.onNotify(phase, state);
        if (s.mapContent()) {
            setPhase(s.next());
            if (s.signal() == WatcherRules.Signal.SUBSCRIBED) {
                pair.toXmpp(PresenceStanzas.of(Presence.Type.subscribed, pair.contactJid(), pair.userJid()));
                startPhone();
            }
            if (body.document() == null) {
                announced.unknown(pair.contactJid(), pair.userJid(), pair::toXmpp); // PRES-08
            } else {
                announced.apply(body.presences(pair.contactJid(), pair.userJid()), pair.contactJid(), pair.userJid(),
                        phoneView(), pair::toXmpp);
            }
            return;
        }
        if (state.substate() == SubscriptionState.Substate.TERMINATED && phase != Phase.NONE && phase != Phase.CANCELLING) {
            // the dialog ends with this NOTIFY (RFC 6665 §4.1.3); what follows needs a new one
            dropDialog();
            if (state.retryAfter() > 0 && s.sip() == WatcherRules.SipAction.RETRY_LATER) {
                timing.retryAfter(ctx.now(), state.retryAfter());
            }
            if (s.sip() == WatcherRules.SipAction.SUBSCRIBE_NEW && !timing.resubscribeNow(ctx.now())) {
                s = new Step(s.next(), s.signal(), WatcherRules.SipAction.RETRY_LATER, false); // no SUBSCRIBE loop
            }
        }
        apply(s, null, null);
    }

    // ------------------------------------------------------------------ timers

    long nextDeadline() {
        long t = timing.nextDeadline();
        if (dialog != null && dialog.expiresAt != 0) {
            t = Math.min(t, dialog.expiresAt);
        }
        if (fetches != null) {
            t = Math.min(t, fetches.nextDeadline());
        }
        if (phone != null) {
            t = Math.min(t, phone.nextDeadline());
        }
        return t;
    }

    void onTimer(long now) {
        if (fetches != null) {
            fetches.expire(now);
        }
        if (phone != null) {
            phone.onTimer(now);
        }
        if (timing.retryAt != 0 && now >= timing.retryAt) {
            timing.retryAt = 0;
            if (phase == Phase.CANCELLING) {
                send(Purpose.CANCEL, 0);
            } else if (phase != Phase.NONE) {
                if (dialog != null && dialog.id.confirmed()) {
                    refresh();
                } else {
                    subscribeNew();
                }
            }
        }
        if (timing.refreshAt != 0 && now >= timing.refreshAt) {
            if (ctx.settings.probeBeforeRefresh() && phase != Phase.CANCELLING) {
                timing.probing(now); // PRES-15
                pair.probeUser();
            } else {
                timing.refreshAt = 0;
                refreshOrResubscribe();
            }
        }
        if (timing.probeUntil != 0 && now >= timing.probeUntil) {
            timing.probeUntil = 0;
            afterProbe();
        }
        if (dialog != null && dialog.expiresAt != 0 && now >= dialog.expiresAt && inFlight == null) {
            if (closing) {
                dropDialog(); // no final NOTIFY came
            } else {
                // not refreshed in time: the user was offline, or the SIP side did not answer (AMB-P13)
                ctx.stats.count(Counter.LAPSED);
                lapse();
            }
        }
    }

    /** AMB-P09: refresh unless the probe said the user is offline (or nothing answered and we know so). */
    private void afterProbe() {
        if (timing.offline()) {
            log.debug("{}: user offline, letting the subscription lapse", pair.key());
            return;
        }
        refreshOrResubscribe();
    }

    void refreshOrResubscribe() {
        if (phase == Phase.CANCELLING || phase == Phase.NONE) {
            return;
        }
        if (dialog != null && dialog.id.confirmed()) {
            refresh();
        } else if (inFlight == null) {
            subscribeNew();
        }
    }

    // ------------------------------------------------------------------ actions

    void apply(Step s, SipResponse response, SipOutcome.Failure failure) {
        Phase before = phase;
        setPhase(s.next());
        if (s.next() == Phase.NONE && s.sip() == WatcherRules.SipAction.DROP) {
            // RFC 6121 §3.2.2 / §3.3.3: the contact's announced resources go away before the unsubscribed
            announced.takeAll(pair.contactJid(), pair.userJid(), pair::toXmpp);
        }
        switch (s.signal()) {
            case SUBSCRIBED -> {
                pair.toXmpp(PresenceStanzas.of(Presence.Type.subscribed, pair.contactJid(), pair.userJid()));
                startPhone();
            }
            case UNSUBSCRIBED -> pair.toXmpp(PresenceStanzas.of(Presence.Type.unsubscribed, pair.contactJid(), pair.userJid()));
            case UNAVAILABLE_THEN_UNSUBSCRIBED -> {
                announced.takeAll(pair.contactJid(), pair.userJid(), pair::toXmpp);
                pair.toXmpp(PresenceStanzas.of(Presence.Type.unsubscribed, pair.contactJid(), pair.userJid()));
            }
            case ERROR -> {
                // AMB-P07: the error tables (SIP status, or the local failure) for the subscribe
                StanzaError e = response != null ? SipErrors.toXmpp(response, ctx.addresses)
                        : failure != null ? localFailure(failure).toXmpp(failure.detail())
                        : LocalFailure.REFUSED.toXmpp("the contact's address cannot be mapped");
                pair.toXmpp(org.jivesoftware.smack.packet.StanzaBuilder.buildPresence().from(pair.contactJid())
                        .to(pair.userJid()).ofType(Presence.Type.error).setError(e).build());
            }
            case NONE -> { }
        }
        switch (s.sip()) {
            case SUBSCRIBE_NEW -> subscribeNew();
            case REFRESH -> refresh();
            case UNSUBSCRIBE -> {
                if (inFlight != null || dialog == null || !dialog.id.confirmed()) {
                    cancelQueued = true; // sent when the outstanding SUBSCRIBE is answered
                } else {
                    send(Purpose.CANCEL, 0);
                }
            }
            case RETRY_MIN_EXPIRES -> {
                OptionalInt min = response == null ? OptionalInt.empty() : SubscriptionHeaders.minExpires(response.headers());
                int want = Math.max(expires, min.orElse(expires * 2));
                if (want > ctx.settings.maxExpires().toSeconds()) {
                    // PRES-14 retry only within what the gateway is willing to hold
                    apply(WatcherRules.onAnswer(before, Purpose.INITIAL, SubscribeClass.FAILED), response, null);
                    return;
                }
                expires = want;
                if (dialog != null && dialog.id.confirmed()) {
                    refresh();
                } else if (dialog != null) {
                    send(Purpose.INITIAL, expires);
                }
            }
            case RETRY_LATER -> {
                ctx.stats.count(Counter.REFRESH_FAILURES);
                timing.backOff(ctx.now());
                if (dialog != null && !dialog.id.confirmed()) {
                    dropDialog(); // a first SUBSCRIBE that failed made no dialog
                }
                if (dialog == null && announced.anyAvailable()) {
                    // no dialog: the contact's presence is unknown until the retry succeeds (never stale)
                    announced.takeAll(pair.contactJid(), pair.userJid(), pair::toXmpp);
                }
            }
            case RESUBSCRIBE_IF_ONLINE -> {
                if (timing.online != WatcherRefresh.Online.OFFLINE) {
                    subscribeNew();
                } else {
                    lapse();
                }
            }
            case LAPSE -> lapse();
            case DROP -> {
                dropDialog();
                if (phone != null) {
                    phone.stop();
                }
                timing.stopAll();
            }
            case FETCH, NONE -> { }
        }
    }

    /** The adapter's failure kind as mapping's local failure (error tables, DECISIONS "Local failures"). */
    static LocalFailure localFailure(SipOutcome.Failure f) {
        return switch (f.kind()) {
            case TIMEOUT -> LocalFailure.TIMEOUT;
            case TRANSPORT -> LocalFailure.TRANSPORT;
            case UNRESOLVABLE -> LocalFailure.UNRESOLVABLE;
            case REFUSED -> LocalFailure.REFUSED;
            case TOO_LARGE -> LocalFailure.TOO_LARGE;
        };
    }

    /** A SUBSCRIBE in a new dialog (PRES-04; PRES-14 after 481; a lapsed subscription resumed). */
    void subscribeNew() {
        PairSession.Uris uris = pair.uris();
        if (uris == null) {
            log.warn("{}: addresses no longer map (configuration changed?); subscription dropped", pair.key());
            apply(WatcherRules.onAnswer(phase, Purpose.INITIAL, SubscribeClass.FAILED), null, null);
            return;
        }
        dropDialog();
        dialog = new DialogState(SubscriptionDialog.subscriber(ctx.sip.newCallId(), uris.user(), ctx.sip.newTag(),
                uris.contact()));
        ctx.stats.count(Counter.SUBSCRIBES_SENT);
        send(Purpose.INITIAL, expires);
    }

    /** A refresh in the dialog (PRES-10/11); the phone subscription is refreshed with it. */
    private void refresh() {
        if (dialog == null || inFlight != null) {
            return;
        }
        ctx.stats.count(Counter.REFRESHES);
        timing.refreshing(ctx.now());
        send(Purpose.REFRESH, expires);
        if (phone != null) {
            phone.refresh(expires);
        }
    }

    void send(Purpose purpose, int seconds) {
        DialogState d = dialog;
        inFlight = purpose;
        timing.refreshAt = 0;
        pair.dirty();
        long cseq = d.nextCseq();
        ctx.send(PresenceRequests.subscribe(d.id, cseq, EventPackage.PRESENCE, seconds))
                .whenComplete((o, err) -> pair.run(() -> {
                    SipOutcome outcome = o != null ? o : new SipOutcome.Failure(SipOutcome.Kind.REFUSED, String.valueOf(err));
                    onAnswer(d, purpose, seconds, outcome);
                }));
    }

    private void onAnswer(DialogState d, Purpose purpose, int asked, SipOutcome outcome) {
        if (pair.isClosed() || d != dialog) {
            return; // an answer for a dialog replaced meanwhile
        }
        inFlight = null;
        SipResponse r = outcome instanceof SipOutcome.Response resp ? resp.response() : null;
        SubscribeClass c = r != null ? SubscriptionResponses.classifySubscribe(r.status())
                : SubscriptionResponses.subscribeFailedLocally();
        if (c == SubscribeClass.ESTABLISHED && purpose != Purpose.CANCEL) {
            d.id = d.id.confirmedBy(r);
            int granted = Math.min(asked, SubscriptionHeaders.expires(r.headers()).orElse(asked));
            d.expiresAt = ctx.now() + granted * 1000L;
            timing.granted(ctx.now(), granted);
            pair.dirty();
            if (cancelQueued) {
                cancelQueued = false;
                setPhase(Phase.CANCELLING);
                send(Purpose.CANCEL, 0);
                return;
            }
        } else if (c != SubscribeClass.ESTABLISHED && purpose != Purpose.CANCEL) {
            log.debug("{}: SUBSCRIBE ({}) answered {}", pair.key(), purpose, r != null ? r.status() : outcome);
        }
        Step s = WatcherRules.onAnswer(phase, purpose, c);
        if (cancelQueued && s.next() == Phase.NONE) {
            cancelQueued = false;
        }
        apply(s, r, outcome instanceof SipOutcome.Failure f ? f : null);
        if (purpose == Purpose.CANCEL && c == SubscribeClass.ESTABLISHED && phase == Phase.NONE && dialog == null) {
            // keep the dialog a little for the notifier's final NOTIFY (RFC 6665 §4.1.2.3), answered 200
            dialog = d;
            closing = true;
            d.expiresAt = ctx.now() + CLOSING_MS;
        }
    }

    /** The dialog is gone but the authorization stays until the next presence session (AMB-P13). */
    private void lapse() {
        dropDialog();
        timing.stop();
        if (phone != null) {
            phone.stop();
        }
        // the contact's presence is no longer known: never leave it shown stale
        if (announced.anyAvailable()) {
            announced.takeAll(pair.contactJid(), pair.userJid(), pair::toXmpp);
        }
        if (phase == Phase.REQUESTED) {
            timing.backOff(ctx.now());
        }
    }

    private void dropDialog() {
        closing = false;
        if (dialog != null) {
            dialog = null;
            inFlight = null;
            pair.dirty();
        }
    }

    void setPhase(Phase next) {
        if (next != phase) {
            ctx.stats.watch(phase, next);
            phase = next;
            pair.dirty();
        }
    }

    private void startPhone() {
        if (ctx.settings.phone().enabled()) {
            if (phone == null) {
                phone = new PhoneWatch(pair, ctx, this);
            }
            phone.start(expires);
        }
    }

    Announcements.PhoneView phoneView() {
        return phone != null ? phone : Announcements.PhoneView.NONE;
    }

    WatcherFetches fetches() {
        if (fetches == null) {
            fetches = new WatcherFetches(pair, ctx);
        }
        return fetches;
    }
}
