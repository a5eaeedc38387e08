package org.stoxgw.core.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jivesoftware.smack.packet.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.core.presence.store.DialogRecord;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.NotifierRules.Notify;
import org.stoxgw.mapping.presence.NotifierRules.Phase;
import org.stoxgw.mapping.presence.NotifierRules;
import org.stoxgw.mapping.presence.PidfTimestamps;
import org.stoxgw.mapping.presence.PidfWriter;
import org.stoxgw.mapping.presence.PresenceRequests;
import org.stoxgw.mapping.presence.PresenceToPidf;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.SubscriptionExpiry;
import org.stoxgw.mapping.presence.SubscriptionHeaders;
import org.stoxgw.mapping.presence.SubscriptionResponses;
import org.stoxgw.mapping.presence.SubscriptionState;
import org.stoxgw.mapping.presence.TerminationReason;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * The SIP-to-XMPP half of a pair (RFC 8048 §5.3, §6.2, §7.2): the SIP user's subscriptions to the
 * XMPP user (one dialog per device, at most {@code dialogs-per-pair}), the XMPP authorization, the
 * XMPP user's presence as last heard ({@link NotifierPresence}) and the NOTIFYs. Decisions come from
 * {@link NotifierRules}. Confined to the pair's loop.
 */
final class NotifierSide {
    private static final Logger log = LoggerFactory.getLogger(NotifierSide.class);

    private final PairSession pair;
    private final PresenceContext ctx;
    Phase phase = Phase.NONE;
    final List<NotifyDialog> dialogs = new ArrayList<>(1);
    private List<NotifyDialog> fetches;
    final NotifierPresence presence;
    private long lastStamp;

    NotifierSide(PairSession pair, PresenceContext ctx) {
        this.pair = pair;
        this.ctx = ctx;
        this.presence = new NotifierPresence(ctx.settings.limits().resourcesPerUser());
    }

    boolean idle() {
        return phase == Phase.NONE && dialogs.isEmpty() && (fetches == null || fetches.isEmpty());
    }

    // ------------------------------------------------------------------ SIP input

    /** A SUBSCRIBE from the SIP user (new dialog, refresh, cancel or fetch). */
    void onSubscribe(InboundSipRequest in) {
        SipRequest req = in.request();
        OptionalInt asked = SubscriptionHeaders.expires(req.headers());
        SubscriptionExpiry.Grant g = SubscriptionExpiry.grant(asked, (int) ctx.settings.minExpires().toSeconds(),
                (int) ctx.settings.maxExpires().toSeconds());
        if (g.tooBrief()) {
            // SEV-04
            in.respond(new SipResponse(423, "Interval Too Brief", SipHeaders.of("Min-Expires", Integer.toString(g.minExpires())), null));
            return;
        }
        if (req.to().tag().isPresent()) {
            inDialog(in, g.seconds());
            return;
        }
        if (g.seconds() == 0) {
            fetch(in);
            return;
        }
        if (dialogs.size() >= ctx.settings.limits().dialogsPerPair()) {
            ctx.stats.count(Counter.REFUSED);
            in.respond(SipResponse.of(403, "Forbidden (too many subscriptions to this user from one subscriber)"));
            return;
        }
        NotifyDialog d = new NotifyDialog(pair.canonical(SubscriptionDialog.notifier(req, in.localTag())), false);
        d.remoteCseq = req.cseq();
        d.expiresAt = ctx.now() + g.seconds() * 1000L;
        dialogs.add(d);
        ctx.stats.sipDialogsDelta(1);
        NotifierRules.Step s = NotifierRules.onNewDialog(phase);
        setPhase(s.next());
        respondThenNotify(in, g.seconds(), d);
        if (s.signal() == NotifierRules.Signal.SUBSCRIBE) {
            pair.toXmpp(PresenceStanzas.of(Presence.Type.subscribe, pair.contactJid(), pair.userJid())); // PRES-20
        } else if (phase == Phase.ACTIVE && !presence.known()) {
            pair.probeUser();
        }
        pair.dirty();
    }

    private void inDialog(InboundSipRequest in, int seconds) {
        SipRequest req = in.request();
        NotifyDialog d = find(req);
        if (d == null || d.terminal != null) {
            in.respond(SipResponse.of(481, "Subscription Does Not Exist"));
            return;
        }
        if (!d.acceptRemote(req.cseq())) {
            in.respond(SipResponse.of(500, "Server Internal Error (CSeq out of order)"));
            return;
        }
        d.id = d.id.withRemoteTarget(SubscriptionHeaders.contactUri(req.headers()).orElse(null));
        pair.dirty();
        if (seconds == 0) {
            // PRES-27: cancel
            in.respond(new SipResponse(200, "OK", SipHeaders.of("Expires", "0"), null))
                    .whenComplete((v, err) -> pair.run(() -> end(d)));
            return;
        }
        d.expiresAt = ctx.now() + seconds * 1000L;
        respondThenNotify(in, seconds, d); // PRES-25/26
    }

    private void respondThenNotify(InboundSipRequest in, int seconds, NotifyDialog d) {
        // RFC 6665 §4.2.1: the 2xx carries Expires; the NOTIFY follows it (SEV-02)
        in.respond(new SipResponse(200, "OK", SipHeaders.of("Expires", Integer.toString(seconds)), null))
                .whenComplete((v, err) -> pair.run(() -> {
                    d.sentVersion = -1;
                    requestNotify(d);
                }));
    }

    /** PRES-46: a fetch is answered from known presence, else after a probe (at most fetch-wait). */
    private void fetch(InboundSipRequest in) {
        if (fetches == null) {
            fetches = new ArrayList<>(1);
        }
        if (fetches.size() >= ctx.settings.limits().fetchesPerPair()) {
            ctx.stats.count(Counter.REFUSED);
            in.respond(SipResponse.of(503, "Service Unavailable (too many polls in progress)"));
            return;
        }
        NotifyDialog f = new NotifyDialog(SubscriptionDialog.notifier(in.request(), in.localTag()), true);
        f.terminal = TerminationReason.TIMEOUT;
        fetches.add(f);
        NotifierRules.Signal s = NotifierRules.onFetch(phase, presence.known());
        if (s == NotifierRules.Signal.PROBE) {
            f.answerBy = ctx.now() + ctx.settings.fetchWait().toMillis();
            pair.probeUser();
            pair.reschedule();
            in.respond(new SipResponse(200, "OK", SipHeaders.of("Expires", "0"), null));
        } else {
            f.answered = true;
            in.respond(new SipResponse(200, "OK", SipHeaders.of("Expires", "0"), null))
                    .whenComplete((v, err) -> pair.run(() -> requestNotify(f)));
        }
    }

    // ------------------------------------------------------------------ XMPP input

    /** subscribed, unsubscribed, available or unavailable from the XMPP user to the SIP user. */
    void onStanza(Presence p) {
        Presence.Type type = p.getType();
        if (type == Presence.Type.available || type == Presence.Type.unavailable) {
            boolean changed = presence.update(p);
            answerFetches(null);
            NotifierRules.Step s = NotifierRules.onStanza(phase, type);
            count(s.signal());
            if (s.notification() == Notify.CURRENT && changed) {
                for (NotifyDialog d : dialogs) {
                    requestNotify(d);
                }
            }
            return;
        }
        if (type == Presence.Type.unsubscribed && pair.probeOutstanding() && phase != Phase.ACTIVE) {
            // the answer to our probe (not authorized to see), not a refusal of a request (Prosody does this)
            answerFetches(TerminationReason.REJECTED);
            return;
        }
        if (type == Presence.Type.unsubscribed) {
            answerFetches(TerminationReason.REJECTED);
        }
        NotifierRules.Step s = NotifierRules.onStanza(phase, type);
        count(s.signal());
        apply(s);
    }

    /** A permanent or temporary XMPP error about the pair (AMB-P07). */
    void onError(org.jivesoftware.smack.packet.StanzaError error) {
        TerminationReason r = SubscriptionResponses.terminationFor(error);
        if (r != null) {
            answerFetches(r);
        }
        apply(NotifierRules.onError(phase, r));
    }

    /**
     * Our {@code subscribe} to the XMPP user could not be delivered (the adapter's own failure, not
     * an answer from the user's server): pending dialogs end with {@code giveup}, inviting the
     * subscriber to try again later (RFC 6665 §4.1.3).
     */
    void onDeliveryFailure() {
        if (phase == Phase.PENDING) {
            apply(NotifierRules.onError(phase, TerminationReason.GIVEUP));
        }
    }

    private void count(NotifierRules.Signal s) {
        if (s == NotifierRules.Signal.DROPPED && (fetches == null || fetches.isEmpty())) {
            ctx.stats.count(Counter.DROPPED_NO_SUBSCRIPTION); // AMB-P12, PRES-49
        } else if (s == NotifierRules.Signal.SUPPRESSED) {
            ctx.stats.count(Counter.SUPPRESSED_PENDING);
        }
    }

    private void apply(NotifierRules.Step s) {
        if (phase == Phase.PENDING && s.next() == Phase.ACTIVE) {
            // what arrived before the approval (e.g. a server's "unavailable" acknowledging the request)
            // is no presence the subscriber may rely on: start from unknown, the probe brings the truth
            presence.reset();
        }
        setPhase(s.next());
        switch (s.notification()) {
            case TERMINATED -> {
                for (NotifyDialog d : new ArrayList<>(dialogs)) {
                    d.terminal = s.reason();
                    d.closedBody = s.closedBody();
                    requestNotify(d);
                }
            }
            case ACTIVE_EMPTY, CURRENT, PENDING -> dialogs.forEach(this::requestNotify);
            case NONE -> { }
        }
        if (s.signal() == NotifierRules.Signal.PROBE) {
            pair.probeUser(); // after approval: the current presence, whatever the server sends on its own
        }
        pair.dirty();
    }

    /** Ends one dialog: NOTIFY terminated;reason=timeout and, for the last one, unavailable (PRES-27). */
    private void end(NotifyDialog d) {
        if (d.terminal != null || !dialogs.contains(d)) {
            return;
        }
        boolean last = dialogs.stream().filter(x -> x.terminal == null).count() == 1;
        NotifierRules.Step s = NotifierRules.onDialogEnd(phase, last);
        d.terminal = s.reason();
        d.closedBody = s.closedBody();
        setPhase(s.next());
        requestNotify(d);
        if (s.signal() == NotifierRules.Signal.UNAVAILABLE) {
            pair.toXmpp(PresenceStanzas.of(Presence.Type.unavailable, pair.contactJid(), pair.userJid()));
        }
        pair.dirty();
    }

    /** Completes the fetches waiting for the probe's answer: with presence, or terminated for {@code reason}. */
    private void answerFetches(TerminationReason reason) {
        if (fetches == null) {
            return;
        }
        long settle = ctx.now() + ctx.settings.fetchSettle().toMillis();
        for (NotifyDialog f : fetches) {
            if (f.answered || f.inFlight) {
                continue;
            }
            if (reason != null) {
                f.terminal = reason;
                f.answered = true;
                requestNotify(f);
            } else {
                f.answerBy = Math.min(f.answerBy, settle); // wait briefly for the user's other resources
                f.heard = true;
            }
        }
        pair.reschedule();
    }

    // ------------------------------------------------------------------ NOTIFY pipeline

    /** Sends the current state to {@code d} now, or after the NOTIFY in flight (RFC 6665 §4.2.2). */
    private void requestNotify(NotifyDialog d) {
        d.dirty = true;
        if (!d.inFlight) {
            sendNotify(d);
        }
    }

    private void sendNotify(NotifyDialog d) {
        d.dirty = false;
        long now = ctx.now();
        SubscriptionState state;
        SipBody body = SipBody.EMPTY;
        if (d.terminal != null) {
            d.terminalSent = true;
            state = SubscriptionState.terminated(d.terminal);
            if (d.fetch && d.terminal == TerminationReason.TIMEOUT && (d.heard || phase == Phase.ACTIVE)) {
                body = body(d, presence.document(d.id.localUri()), now);
            } else if (d.closedBody) {
                body = body(d, presence.closedDocument(), now);
            }
        } else {
            int left = (int) Math.max(0, (d.expiresAt - now) / 1000);
            if (phase == Phase.ACTIVE) {
                state = SubscriptionState.active(left);
                body = body(d, presence.document(d.id.localUri()), now); // PRES-25; empty when unknown (PRES-26)
            } else {
                state = SubscriptionState.pending(left); // never a pending notification with content
            }
        }
        d.inFlight = true;
        d.sentVersion = presence.version();
        SipRequest r = PresenceRequests.notify(d.id, d.nextCseq(), EventPackage.PRESENCE, state, body,
                body.isEmpty() ? null : presence.language());
        ctx.stats.count(Counter.NOTIFICATIONS_OUT);
        pair.dirty();
        ctx.send(r).whenComplete((o, err) -> pair.run(() -> onNotifyAnswer(d,
                o != null ? o : new SipOutcome.Failure(SipOutcome.Kind.REFUSED, String.valueOf(err)))));
    }

    private SipBody body(NotifyDialog d, List<org.stoxgw.mapping.presence.PidfTuple> tuples, long now) {
        if (tuples.isEmpty()) {
            return SipBody.EMPTY;
        }
        Instant stamp = PidfTimestamps.next(Instant.ofEpochMilli(now), lastStamp == 0 ? null : Instant.ofEpochMilli(lastStamp));
        lastStamp = stamp.toEpochMilli(); // PIDF-08: never the same timestamp twice
        return PidfWriter.body(PresenceToPidf.document(PresenceToPidf.presUri(d.id.localUri()), tuples), stamp,
                ctx.settings.rpid());
    }

    private void onNotifyAnswer(NotifyDialog d, SipOutcome o) {
        d.inFlight = false;
        SubscriptionResponses.NotifyClass c = o instanceof SipOutcome.Response r
                ? SubscriptionResponses.classifyNotify(r.response().status())
                : ((SipOutcome.Failure) o).kind() == SipOutcome.Kind.REFUSED ? SubscriptionResponses.NotifyClass.FAILED
                : SubscriptionResponses.NotifyClass.GONE;
        if (c != SubscriptionResponses.NotifyClass.DELIVERED) {
            ctx.stats.count(Counter.NOTIFY_FAILURES);
            log.debug("{}: NOTIFY answered {}", pair.key(), o);
        }
        if (d.terminal != null && !d.terminalSent && c != SubscriptionResponses.NotifyClass.GONE) {
            sendNotify(d); // terminated while a NOTIFY was in flight: the final one goes now
            return;
        }
        if (d.fetch) {
            if (fetches != null && (d.terminal != null || c == SubscriptionResponses.NotifyClass.GONE)) {
                fetches.remove(d);
            }
            return;
        }
        if (d.terminal != null || c == SubscriptionResponses.NotifyClass.GONE) {
            if (dialogs.remove(d)) {
                ctx.stats.sipDialogsDelta(-1);
                if (d.terminal == null) {
                    // the subscriber has no subscription any more (RFC 6665 §4.2.2): as if it ended it
                    boolean last = dialogs.stream().noneMatch(x -> x.terminal == null);
                    NotifierRules.Step s = NotifierRules.onDialogEnd(phase, last);
                    setPhase(s.next());
                    if (s.signal() == NotifierRules.Signal.UNAVAILABLE) {
                        pair.toXmpp(PresenceStanzas.of(Presence.Type.unavailable, pair.contactJid(), pair.userJid()));
                    }
                }
            }
            pair.dirty();
            return;
        }
        if (d.dirty || d.sentVersion != presence.version() && phase == Phase.ACTIVE) {
            sendNotify(d);
        }
    }

    private NotifyDialog find(SipRequest req) {
        for (NotifyDialog d : dialogs) {
            if (d.id.matches(req)) {
                return d;
            }
        }
        return null;
    }

    private void setPhase(Phase next) {
        if (next != phase) {
            ctx.stats.notify(phase, next);
            phase = next;
            pair.dirty();
        }
    }

    // ------------------------------------------------------------------ timers, restart, store

    long nextDeadline() {
        long t = Long.MAX_VALUE;
        for (NotifyDialog d : dialogs) {
            if (d.terminal == null && d.expiresAt != 0) {
                t = Math.min(t, d.expiresAt);
            }
        }
        if (fetches != null) {
            for (NotifyDialog f : fetches) {
                if (!f.answered && f.answerBy != 0) {
                    t = Math.min(t, f.answerBy);
                }
            }
        }
        return t;
    }

    void onTimer(long now) {
        for (NotifyDialog d : new ArrayList<>(dialogs)) {
            if (d.terminal == null && d.expiresAt != 0 && now >= d.expiresAt) {
                end(d); // RFC 6665 §4.2.2: expired without refresh
            }
        }
        if (fetches != null) {
            for (NotifyDialog f : new ArrayList<>(fetches)) {
                if (!f.answered && f.answerBy != 0 && now >= f.answerBy) {
                    f.answered = true; // with what was heard, else empty (PRES-26)
                    requestNotify(f);
                }
            }
        }
    }

    void restore(Phase stored, List<DialogRecord> records) {
        setPhase(stored);
        for (DialogRecord r : records) {
            dialogs.add(new NotifyDialog(r, ctx.settings.store().cseqGap()));
            ctx.stats.sipDialogsDelta(1);
        }
    }

    /**
     * After a restart: expired dialogs end, a pending request is sent again (a {@code subscribed}
     * sent while the gateway was down was bounced), an approved pair asks for the current presence
     * so its NOTIFYs continue without anyone acting.
     */
    void resume() {
        long now = ctx.now();
        for (NotifyDialog d : new ArrayList<>(dialogs)) {
            if (d.expiresAt != 0 && now >= d.expiresAt) {
                end(d);
            }
        }
        if (phase == Phase.PENDING) {
            pair.toXmpp(PresenceStanzas.of(Presence.Type.subscribe, pair.contactJid(), pair.userJid()));
        } else if (phase == Phase.ACTIVE) {
            pair.probeUser();
        }
    }

    void records(List<DialogRecord> out) {
        for (NotifyDialog d : dialogs) {
            if (d.terminal == null) {
                out.add(d.record(DialogRecord.Role.NOTIFY));
            }
        }
    }
}
