package org.stoxgw.core.presence;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.Jid;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.PresenceRequests;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.SubscriptionState;
import org.stoxgw.mapping.presence.WatcherRules;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * Polls for an XMPP probe when the pair holds no authorized subscription (PRES-44, P12): SUBSCRIBE
 * Expires: 0 in a new dialog each, and the state of its NOTIFY goes to the prober only (PRES-49).
 * At most {@code fetches-per-pair} at once; each is forgotten after its final NOTIFY or after 64*T1
 * (32 s). Not stored: a poll does not outlive a restart. Confined to the pair's loop.
 */
final class WatcherFetches {
    /** RFC 3261 Timer F / RFC 6665: no NOTIFY after this long means none is coming. */
    private static final long LIFETIME_MS = 32_000;

    private static final class Fetch {
        final Jid prober;
        final DialogState dialog;
        final long deadline;

        Fetch(Jid prober, DialogState dialog, long deadline) {
            this.prober = prober;
            this.dialog = dialog;
            this.deadline = deadline;
        }
    }

    private final PairSession pair;
    private final PresenceContext ctx;
    private final List<Fetch> list = new ArrayList<>(1);

    WatcherFetches(PairSession pair, PresenceContext ctx) {
        this.pair = pair;
        this.ctx = ctx;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** Starts a poll for {@code prober} (the probe's {@code from}). */
    void start(Jid prober) {
        if (list.size() >= ctx.settings.limits().fetchesPerPair()) {
            ctx.stats.count(Counter.REFUSED);
            return;
        }
        PairSession.Uris uris = pair.uris();
        if (uris == null) {
            return;
        }
        DialogState d = new DialogState(SubscriptionDialog.subscriber(ctx.sip.newCallId(), uris.user(), ctx.sip.newTag(),
                uris.contact()));
        Fetch f = new Fetch(prober, d, ctx.now() + LIFETIME_MS);
        list.add(f);
        ctx.stats.count(Counter.FETCHES_SENT);
        SipRequest r = PresenceRequests.subscribe(d.id, d.nextCseq(), EventPackage.PRESENCE, 0);
        ctx.send(r).whenComplete((o, err) -> pair.run(() -> onAnswer(f, o)));
        pair.reschedule();
    }

    private void onAnswer(Fetch f, SipOutcome o) {
        if (o instanceof SipOutcome.Response r && r.response().isSuccess()) {
            f.dialog.id = f.dialog.id.confirmedBy(r.response());
            return;
        }
        // refused or failed: the probe gets no answer (RFC 6121 §4.3: nothing is revealed)
        list.remove(f);
    }

    /** The poll a NOTIFY belongs to, or null. */
    DialogState match(SipRequest notify) {
        for (Fetch f : list) {
            if (f.dialog.id.matches(notify)) {
                return f.dialog;
            }
        }
        return null;
    }

    /** A NOTIFY of poll {@code d} (answered 200 by the caller): its state goes to the prober. */
    void onNotify(DialogState d, SipRequest notify, SubscriptionState state, PresenceBody body) {
        for (Iterator<Fetch> it = list.iterator(); it.hasNext(); ) {
            Fetch f = it.next();
            if (f.dialog != d) {
                continue;
            }
            d.id = d.id.confirmedBy(notify);
            if (WatcherRules.fetchAnswers(state, body.document() != null)) {
                if (body.document() == null) {
                    pair.toXmpp(Announcements.unavailable(pair.contactJid(), "", f.prober)); // PRES-08
                } else {
                    for (Presence p : body.presences(pair.contactJid(), f.prober)) {
                        pair.toXmpp(p);
                    }
                }
            }
            if (state.substate() == SubscriptionState.Substate.TERMINATED) {
                it.remove();
            }
            return;
        }
    }

    long nextDeadline() {
        long t = Long.MAX_VALUE;
        for (Fetch f : list) {
            t = Math.min(t, f.deadline);
        }
        return t;
    }

    void expire(long now) {
        list.removeIf(f -> now >= f.deadline);
    }
}
