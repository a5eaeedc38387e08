package org.stoxgw.core.presence;

import java.util.List;
import org.stoxgw.core.presence.store.DialogRecord;
import org.stoxgw.mapping.presence.SubscriptionResponses.SubscribeClass;
import org.stoxgw.mapping.presence.WatcherRules.Phase;
import org.stoxgw.mapping.presence.WatcherRules.Purpose;
import org.stoxgw.mapping.presence.WatcherRules;

/**
 * What a {@link WatcherSide} stores and how it comes back after a restart: the phase, the presence
 * dialog and the phone dialog; then, without the user doing anything, a probe (PRES-15) and a
 * refresh in the stored dialog (a 481 leads to a new one), a new subscription when none was
 * confirmed, or the end of an unsubscribe that was under way. Static helpers run on the pair's loop.
 */
final class WatcherRestore {

    private WatcherRestore() {
    }

    /** Takes back the stored state (the stats gauges follow). */
    static void restore(WatcherSide w, PresenceContext ctx, PairSession pair, Phase stored, DialogRecord watch,
                        DialogRecord phoneDialog) {
        w.setPhase(stored);
        if (watch != null) {
            w.dialog = new DialogState(watch, ctx.settings.store().cseqGap());
        }
        if (phoneDialog != null && ctx.settings.phone().enabled()) {
            w.phone = new PhoneWatch(pair, ctx, w);
            w.phone.restore(phoneDialog);
        }
    }

    /** Re-establishes the stored subscription. */
    static void resume(WatcherSide w, PresenceContext ctx, PairSession pair) {
        switch (w.phase) {
            case CANCELLING -> {
                if (w.dialog != null && w.dialog.id.confirmed()) {
                    w.send(Purpose.CANCEL, 0);
                } else {
                    w.apply(WatcherRules.onAnswer(w.phase, Purpose.CANCEL, SubscribeClass.ESTABLISHED), null, null);
                }
            }
            case REQUESTED, AUTHORIZED -> {
                if (w.phase == Phase.AUTHORIZED || w.dialog != null && w.dialog.id.confirmed()) {
                    if (ctx.settings.probeBeforeRefresh()) {
                        w.timing.probing(ctx.now()); // PRES-15, then refresh or subscribe anew (AMB-P09)
                        pair.probeUser();
                    } else {
                        w.refreshOrResubscribe();
                    }
                } else {
                    w.subscribeNew();
                }
            }
            case NONE -> { }
        }
    }

    /** The dialogs to store: the confirmed presence dialog (not one only waiting for its final NOTIFY) and the phone dialog. */
    static void records(WatcherSide w, List<DialogRecord> out) {
        if (w.dialog != null && w.dialog.id.confirmed() && !w.closing) {
            out.add(w.dialog.record(DialogRecord.Role.WATCH));
        }
        if (w.phone != null) {
            w.phone.records(out);
        }
    }
}
