package org.stoxgw.core.presence;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Session;
import org.stoxgw.core.engine.SessionContext;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.core.presence.store.DialogRecord;
import org.stoxgw.core.presence.store.PairRecord;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.presence.DialogInfo;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.NotifierRules;
import org.stoxgw.mapping.presence.PidfDocument;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.SubscriptionHeaders;
import org.stoxgw.mapping.presence.SubscriptionResponses;
import org.stoxgw.mapping.presence.SubscriptionState;
import org.stoxgw.mapping.presence.TerminationReason;
import org.stoxgw.mapping.presence.WatcherRules;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;

/**
 * One subscription pair: an XMPP user and a SIP user (both bare JIDs, the session key), with both
 * directions: the subscription the gateway holds for the XMPP user ({@link WatcherSide}, X2S) and
 * the SIP user's subscriptions to the XMPP user ({@link NotifierSide}, S2X). Each side exists only
 * while it has something to do, so an idle pair costs little memory.
 *
 * <p>Threading: a {@link Session} of kind PRESENCE, pinned to one event loop; every event runs there
 * (see {@link #settle()}: after each event the pair writes its state to the store if it changed,
 * re-arms its one timer, and closes itself when both directions are over). Its stanzas go only to
 * its XMPP user and its NOTIFYs only into its own dialogs (PRES-49).
 */
final class PairSession extends Session {
    private static final Logger log = LoggerFactory.getLogger(PairSession.class);

    /** The SIP URIs of the pair: the XMPP user as SIP sees it, and the SIP user. */
    record Uris(String user, String contact) { }

    private final PresenceContext ctx;
    private WatcherSide watcher;
    private NotifierSide notifier;
    private boolean dirty;
    private boolean stored;
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private long probeUntil;

    PairSession(SessionContext sc, PresenceContext ctx) {
        super(sc);
        this.ctx = ctx;
    }

    // ------------------------------------------------------------------ identity

    String pairKey() {
        return key().id();
    }

    /** The XMPP user's bare JID. */
    EntityBareJid userJid() {
        String id = key().id();
        return PresenceContext.bare(id.substring(0, id.indexOf(' ')));
    }

    /** The SIP user's bare JID (as presented on XMPP). */
    EntityBareJid contactJid() {
        String id = key().id();
        return PresenceContext.bare(id.substring(id.indexOf(' ') + 1));
    }

    /** Both users' SIP URIs from the address mapping (RFC 7247), or null if they no longer map. */
    Uris uris() {
        AddressMapper m = ctx.addresses;
        Mapping<AddressMapper.SipAddresses> a = m.xmppStanzaToSip(userJid(), contactJid(), UriScheme.SIP, UserSpellings.NONE);
        if (a instanceof Mapping.Ok<AddressMapper.SipAddresses> ok) {
            return new Uris(canonical(ok.value().from().toString()), canonical(ok.value().to().toString()));
        }
        return null;
    }

    /**
     * {@code s}, or an equal String a dialog of this pair already holds: both directions name the
     * same two users, and an idle pair should hold each URI once (heap per pair, see
     * PresenceHeapMeasurement).
     */
    String canonical(String s) {
        if (watcher != null && watcher.dialog != null) {
            SubscriptionDialog d = watcher.dialog.id;
            if (s.equals(d.localUri())) {
                return d.localUri();
            }
            if (s.equals(d.remoteUri())) {
                return d.remoteUri();
            }
        }
        if (notifier != null) {
            for (NotifyDialog n : notifier.dialogs) {
                if (s.equals(n.id.localUri())) {
                    return n.id.localUri();
                }
                if (s.equals(n.id.remoteUri())) {
                    return n.id.remoteUri();
                }
            }
        }
        return s;
    }

    /** {@code d} with its URIs shared with the pair's other dialogs (see {@link #canonical(String)}). */
    SubscriptionDialog canonical(SubscriptionDialog d) {
        String l = canonical(d.localUri());
        String r = canonical(d.remoteUri());
        return l == d.localUri() && r == d.remoteUri() ? d
                : new SubscriptionDialog(d.callId(), l, d.localTag(), r, d.remoteTag(), d.remoteTarget(), d.routeSet());
    }

    WatcherSide watcher() {
        if (watcher == null) {
            watcher = new WatcherSide(this, ctx);
        }
        return watcher;
    }

    NotifierSide notifier() {
        if (notifier == null) {
            notifier = new NotifierSide(this, ctx);
        }
        return notifier;
    }

    /** For tests and JMX-free inspection: the X2S phase. */
    WatcherRules.Phase watchPhase() {
        return watcher == null ? WatcherRules.Phase.NONE : watcher.phase;
    }

    NotifierRules.Phase notifyPhase() {
        return notifier == null ? NotifierRules.Phase.NONE : notifier.phase;
    }

    /**
     * Runs {@code task} on the pair's loop as an event of its own (an answer from an adapter, a
     * delivery failure): skipped if the pair closed meanwhile, followed by {@link #settle()}.
     */
    void run(Runnable task) {
        // always queued, even on the loop: an adapter stage may complete before its callback is
        // registered, and the callback must not run inside the event that sent the request
        loop().execute(() -> execute(() -> {
            if (!isClosed()) {
                task.run();
                settle();
            }
        }));
    }

    // ------------------------------------------------------------------ SIP input

    /** A SUBSCRIBE from the SIP user to the XMPP user (S2X). */
    void onSubscribe(InboundSipRequest in) {
        ctx.stats.count(Counter.SUBSCRIBES_RECEIVED);
        notifier().onSubscribe(in);
    }

    /**
     * A NOTIFY in one of the gateway's own subscriptions: the presence dialog, a poll, or the
     * phone dialog. Anything that matches none is 481; a stale CSeq is 500 (RFC 3261 §12.2.2) and
     * never translated; a body that cannot be read is refused (C-01) rather than guessed at.
     */
    void onNotify(InboundSipRequest in, EventPackage pkg) {
        ctx.stats.count(Counter.NOTIFICATIONS_IN);
        SipRequest req = in.request();
        DialogState d = null;
        int kind = 0;
        if (watcher != null && pkg == EventPackage.PRESENCE) {
            if (watcher.dialog != null && watcher.dialog.id.matches(req)) {
                d = watcher.dialog;
                kind = 1;
            } else if (watcher.fetches != null && (d = watcher.fetches.match(req)) != null) {
                kind = 2;
            }
        } else if (watcher != null && watcher.phone != null && pkg == EventPackage.DIALOG) {
            d = watcher.phone.match(req);
            kind = 3;
        }
        if (d == null) {
            in.respond(SipResponse.of(481, "Subscription Does Not Exist"));
            return;
        }
        Optional<SubscriptionState> state = SubscriptionHeaders.subscriptionState(req.headers());
        if (state.isEmpty()) {
            in.respond(SipResponse.of(400, "Bad Request (NOTIFY without Subscription-State, RFC 6665 section 8.2.3)"));
            return;
        }
        if (!d.acceptRemote(req.cseq())) {
            in.respond(SipResponse.of(500, "Server Internal Error (CSeq out of order)"));
            return;
        }
        dirty();
        NotifyContent.Read content = NotifyContent.read(in, pkg, ctx.settings.limits().body());
        if (content == null) {
            return;
        }
        in.respond(SipResponse.of(200, "OK"));
        switch (kind) {
            case 1 -> watcher.onNotify(in, state.get(),
                    new PresenceBody((PidfDocument) content.document(), NotifyContent.gruuOf(req)));
            case 2 -> watcher.fetches.onNotify(d, req, state.get(),
                    new PresenceBody((PidfDocument) content.document(), NotifyContent.gruuOf(req)));
            default -> watcher.phone.onNotify(req, state.get(), (DialogInfo) content.document());
        }
    }

    // ------------------------------------------------------------------ XMPP input

    /** A presence stanza from the XMPP user to the SIP user (its addresses already checked). */
    void onStanza(Presence p) {
        ctx.stats.count(Counter.STANZAS_IN);
        switch (p.getType()) {
            case subscribe, unsubscribe, probe -> watcher().onStanza(p);
            case subscribed -> {
                if (notifier != null) {
                    notifier.onStanza(p);
                } else {
                    ctx.stats.count(Counter.DROPPED_NO_SUBSCRIPTION);
                }
            }
            case unsubscribed -> {
                if (watcher != null) {
                    watcher.onProbeRefused();
                }
                if (notifier != null) {
                    notifier.onStanza(p);
                } else if (!probeOutstanding()) {
                    ctx.stats.count(Counter.DROPPED_NO_SUBSCRIPTION);
                }
            }
            case available, unavailable -> {
                if (notifier != null) {
                    notifier.onStanza(p);
                } else {
                    ctx.stats.count(Counter.DROPPED_NO_SUBSCRIPTION); // AMB-P12
                }
                if (watcher != null) {
                    watcher.onUserPresence(p, notifier != null && notifier.presence.anyOpen());
                }
            }
            case error -> onXmppError(p.getError());
        }
        if (p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable
                || p.getType() == Presence.Type.unsubscribed || p.getType() == Presence.Type.error) {
            probeUntil = 0; // answered: the next probe goes out again
        }
    }

    private void onXmppError(StanzaError e) {
        if (e == null) {
            return;
        }
        if (notifier != null) {
            notifier.onError(e);
        }
        if (watcher != null && SubscriptionResponses.terminationFor(e) == TerminationReason.NORESOURCE) {
            watcher.onPermanentError(); // the user's account is gone
        }
    }

    /** Sends a stanza to XMPP; a delivery failure of our own subscribe request ends the pending subscription. */
    void toXmpp(Presence p) {
        boolean subscribe = p.getType() == Presence.Type.subscribe;
        ctx.send(p, subscribe ? f -> run(() -> {
            if (notifier != null) {
                notifier.onDeliveryFailure();
            }
        }) : null);
    }

    /**
     * A probe from the SIP user's JID to the XMPP user's bare JID: before a refresh (PRES-15), for a
     * fetch (PRES-46), after approval or a restart. Its answer arrives as ordinary presence.
     */
    void probeUser() {
        if (probeOutstanding()) {
            return; // one probe answers every side of the pair waiting for it
        }
        ctx.stats.count(Counter.PROBES_SENT);
        probeUntil = ctx.now() + ctx.settings.probeTimeout().toMillis();
        toXmpp(PresenceStanzas.of(Presence.Type.probe, contactJid(), userJid()));
    }

    /** Whether a probe was sent recently enough that an {@code unsubscribed} may be its answer. */
    boolean probeOutstanding() {
        return probeUntil != 0 && ctx.now() < probeUntil;
    }

    // ------------------------------------------------------------------ bookkeeping

    /** Something that must survive a restart changed. */
    void dirty() {
        dirty = true;
    }

    /**
     * After every event: keep the gauges right, close the pair when both directions are over
     * (deleting it from the store), else write it if it changed and re-arm the timer.
     */
    void settle() {
        if (isClosed()) {
            return;
        }
        if (watcher != null) {
            watcher.syncGauges();
            if (watcher.idle()) {
                watcher = null;
            }
        }
        if (notifier != null && notifier.idle()) {
            notifier = null;
        }
        if (watcher == null && notifier == null) {
            if (stored) {
                ctx.store.delete(pairKey());
            }
            close();
            return;
        }
        if (dirty) {
            dirty = false;
            ctx.store.save(snapshot());
            stored = true;
        }
        reschedule();
    }

    PairRecord snapshot() {
        List<DialogRecord> dialogs = new ArrayList<>(2);
        if (watcher != null) {
            WatcherRestore.records(watcher, dialogs);
        }
        if (notifier != null) {
            notifier.records(dialogs);
        }
        String id = key().id();
        int sp = id.indexOf(' ');
        return new PairRecord(id.substring(0, sp), id.substring(sp + 1), watchPhase(), notifyPhase(), dialogs);
    }

    /** Arms the pair's one timer for its earliest deadline. */
    void reschedule() {
        long next = Long.MAX_VALUE;
        if (watcher != null) {
            next = Math.min(next, watcher.nextDeadline());
        }
        if (notifier != null) {
            next = Math.min(next, notifier.nextDeadline());
        }
        if (next == timerAt && timer != null && !timer.isDone()) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerAt = next;
        if (next != Long.MAX_VALUE) {
            timer = schedule(this::onTimer, Duration.ofMillis(Math.max(0, next - ctx.now())));
        }
    }

    private void onTimer() {
        timer = null;
        timerAt = Long.MAX_VALUE;
        long now = ctx.now();
        if (watcher != null) {
            watcher.onTimer(now);
        }
        if (notifier != null) {
            notifier.onTimer(now);
        }
        settle();
    }

    // ------------------------------------------------------------------ restart

    /** Takes back a stored pair (at start-up, before the adapters run). */
    void restore(PairRecord r) {
        DialogRecord watch = null;
        DialogRecord phone = null;
        List<DialogRecord> notifies = new ArrayList<>(1);
        for (DialogRecord d : r.dialogs()) {
            switch (d.role()) {
                case WATCH -> watch = d;
                case PHONE -> phone = d;
                case NOTIFY -> notifies.add(d);
            }
        }
        if (r.watchPhase() != WatcherRules.Phase.NONE) {
            WatcherRestore.restore(watcher(), ctx, this, r.watchPhase(), watch, phone);
            watcher.syncGauges();
        }
        if (r.notifyPhase() != NotifierRules.Phase.NONE || !notifies.isEmpty()) {
            notifier().restore(r.notifyPhase(), notifies);
            if (watcher != null) {
                for (NotifyDialog n : notifier.dialogs) {
                    n.id = canonical(n.id);
                }
            }
        }
        stored = true;
        ctx.stats.count(Counter.RESTORED);
    }

    /** Re-establishes what the pair holds (after the adapters started). */
    void resume() {
        log.debug("{}: resuming (x2s {}, s2x {})", pairKey(), watchPhase(), notifyPhase());
        if (watcher != null) {
            WatcherRestore.resume(watcher, ctx, this);
        }
        if (notifier != null) {
            notifier.resume();
        }
    }

    @Override
    protected void onClose() {
        ctx.pairs.decrementAndGet();
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
