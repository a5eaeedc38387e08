package org.stoxgw.core.presence;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.presence.store.DialogRecord;
import org.stoxgw.mapping.presence.DialogInfo;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.PhoneCalls;
import org.stoxgw.mapping.presence.PhonePresence;
import org.stoxgw.mapping.presence.PresenceRequests;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.SubscriptionExpiry;
import org.stoxgw.mapping.presence.SubscriptionHeaders;
import org.stoxgw.mapping.presence.SubscriptionResponses.SubscribeClass;
import org.stoxgw.mapping.presence.SubscriptionResponses;
import org.stoxgw.mapping.presence.SubscriptionState;
import org.stoxgw.mapping.presence.TerminationReason;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * Phone presence (issue 7, RFC 4235): next to an authorized presence subscription the gateway
 * subscribes to the SIP user's {@code dialog} event package; while a call is confirmed, the XMPP
 * user sees the configured show and status over the contact's presence ({@link PhonePresence}).
 * A SIP side that does not offer the package (489, 403, other permanent failures) simply gets no
 * phone presence for this pair; nothing about it reaches the XMPP user. Refreshed on its own
 * schedule, stopped with the presence subscription, stored with it. Confined to the pair's loop.
 */
final class PhoneWatch implements Announcements.PhoneView {
    private static final Logger log = LoggerFactory.getLogger(PhoneWatch.class);

    private final PairSession pair;
    private final PresenceContext ctx;
    private final WatcherSide watcher;
    private DialogState dialog;
    private boolean inFlight;
    private boolean unsupported;
    /** Cancelled: waits only for the notifier's final NOTIFY (answered 200, not 481), at most 32 s. */
    private boolean closing;
    private int expires;
    private long refreshAt;
    private PhoneCalls calls = PhoneCalls.NONE;

    PhoneWatch(PairSession pair, PresenceContext ctx, WatcherSide watcher) {
        this.pair = pair;
        this.ctx = ctx;
        this.watcher = watcher;
    }

    @Override
    public boolean onThePhone() {
        return calls.onThePhone();
    }

    @Override
    public PhonePresence.Style style() {
        return ctx.settings.phone().style();
    }

    boolean idle() {
        return dialog == null;
    }

    /** Subscribes to the dialog package (once the presence subscription is authorized). */
    void start(int seconds) {
        expires = seconds;
        if (closing) {
            forget(); // subscribed again before the old dialog's final NOTIFY came
        }
        if (unsupported || dialog != null) {
            return;
        }
        PairSession.Uris uris = pair.uris();
        if (uris == null) {
            return;
        }
        dialog = new DialogState(SubscriptionDialog.subscriber(ctx.sip.newCallId(), uris.user(), ctx.sip.newTag(),
                uris.contact()));
        ctx.stats.phoneDialogsDelta(1);
        send(seconds);
    }

    /** Refreshes the dialog-package subscription (or starts it again). */
    void refresh(int seconds) {
        expires = seconds;
        if (closing) {
            return;
        }
        if (dialog == null) {
            start(seconds);
        } else if (!inFlight && dialog.id.confirmed()) {
            send(seconds);
        }
    }

    /**
     * Ends it with the presence subscription: Expires 0 in the dialog, the call state forgotten; the
     * dialog stays until the notifier's final NOTIFY (RFC 6665 §4.1.2.3) or 32 s.
     */
    void stop() {
        calls = PhoneCalls.NONE;
        unsupported = false;
        if (dialog != null && dialog.id.confirmed() && !closing) {
            ctx.send(PresenceRequests.subscribe(dialog.id, dialog.nextCseq(), EventPackage.DIALOG, 0));
            closing = true;
            inFlight = false;
            refreshAt = 0;
            dialog.expiresAt = ctx.now() + 32_000;
            pair.dirty();
        } else if (!closing) {
            forget();
        }
    }

    private void forget() {
        closing = false;
        if (dialog != null) {
            dialog = null;
            ctx.stats.phoneDialogsDelta(-1);
            pair.dirty();
        }
        inFlight = false;
        refreshAt = 0;
    }

    private void send(int seconds) {
        DialogState d = dialog;
        inFlight = true;
        refreshAt = 0;
        pair.dirty();
        SipRequest r = PresenceRequests.subscribe(d.id, d.nextCseq(), EventPackage.DIALOG, seconds);
        ctx.send(r).whenComplete((o, err) -> pair.run(() -> onAnswer(d, seconds,
                o != null ? o : new SipOutcome.Failure(SipOutcome.Kind.REFUSED, String.valueOf(err)))));
    }

    private void onAnswer(DialogState d, int asked, SipOutcome o) {
        if (pair.isClosed() || d != dialog) {
            return;
        }
        inFlight = false;
        SipResponse r = o instanceof SipOutcome.Response resp ? resp.response() : null;
        SubscribeClass c = r != null ? SubscriptionResponses.classifySubscribe(r.status())
                : SubscriptionResponses.subscribeFailedLocally();
        switch (c) {
            case ESTABLISHED -> {
                d.id = d.id.confirmedBy(r);
                int granted = Math.min(asked, SubscriptionHeaders.expires(r.headers()).orElse(asked));
                d.expiresAt = ctx.now() + granted * 1000L;
                refreshAt = ctx.now() + SubscriptionExpiry.refreshAfter(granted, ctx.settings.refreshMargin().toSeconds()) * 1000L;
                pair.dirty();
            }
            case NO_SUBSCRIPTION -> {
                forget();
                start(expires);
            }
            case TOO_BRIEF -> {
                int min = SubscriptionHeaders.minExpires(r.headers()).orElse(asked * 2);
                if (min <= ctx.settings.maxExpires().toSeconds()) {
                    send(Math.max(asked, min));
                } else {
                    giveUp("Min-Expires " + min + " too long");
                }
            }
            case TRANSIENT -> {
                if (!d.id.confirmed()) {
                    forget(); // tried again with the next presence refresh
                }
            }
            case REFUSED, FAILED -> giveUp(r != null ? r.status() + " " + r.reason() : String.valueOf(o));
        }
    }

    private void giveUp(String why) {
        log.debug("{}: no phone presence: dialog package subscription answered {}", pair.key(), why);
        forget();
        unsupported = true;
    }

    /** Matches a NOTIFY of the dialog package. */
    DialogState match(SipRequest notify) {
        return dialog != null && dialog.id.matches(notify) ? dialog : null;
    }

    /** A dialog-info NOTIFY (answered 200 by the caller); {@code info} is null without body. */
    void onNotify(SipRequest notify, SubscriptionState state, DialogInfo info) {
        if (closing) {
            if (state.substate() == SubscriptionState.Substate.TERMINATED) {
                forget();
            }
            return;
        }
        dialog.id = dialog.id.confirmedBy(notify);
        boolean was = calls.onThePhone();
        if (info != null) {
            if (calls.missedBefore(info)) {
                refresh(expires); // RFC 4235 §4.1.1: a gap in versions: ask for full state
            }
            calls = calls.apply(info);
        }
        if (state.substate() == SubscriptionState.Substate.TERMINATED) {
            forget();
            calls = PhoneCalls.NONE;
            if (state.reason().followUp() == TerminationReason.FollowUp.ENDED) {
                unsupported = true;
            }
        }
        pair.dirty();
        if (was != calls.onThePhone()) {
            watcher.announced.reannounce(pair.contactJid(), pair.userJid(), this, pair::toXmpp);
        }
    }

    long nextDeadline() {
        long t = Long.MAX_VALUE;
        if (refreshAt != 0) {
            t = refreshAt;
        }
        if (dialog != null && dialog.expiresAt != 0) {
            t = Math.min(t, dialog.expiresAt);
        }
        return t;
    }

    void onTimer(long now) {
        if (closing) {
            if (dialog != null && now >= dialog.expiresAt) {
                forget();
            }
            return;
        }
        if (refreshAt != 0 && now >= refreshAt) {
            refresh(expires);
        }
        if (dialog != null && dialog.expiresAt != 0 && now >= dialog.expiresAt && !inFlight) {
            boolean was = calls.onThePhone();
            forget();
            calls = PhoneCalls.NONE;
            if (was) {
                watcher.announced.reannounce(pair.contactJid(), pair.userJid(), this, pair::toXmpp);
            }
        }
    }

    void restore(DialogRecord r) {
        dialog = new DialogState(r, ctx.settings.store().cseqGap());
        expires = (int) ctx.settings.subscribeExpires().toSeconds();
        ctx.stats.phoneDialogsDelta(1);
    }

    void records(List<DialogRecord> out) {
        if (dialog != null && dialog.id.confirmed() && !closing) {
            out.add(dialog.record(DialogRecord.Role.PHONE));
        }
    }
}
