package org.stoxgw.mapping.call;

import java.util.LinkedHashSet;
import java.util.Set;
import org.stoxgw.mapping.jingle.JingleMessage;
import org.stoxgw.mapping.jingle.JingleReason;

/**
 * Ringing every resource of an XMPP user for an incoming SIP call with XEP-0353 (AMB-V09): the
 * gateway sends {@code <propose/>} to the bare JID (the server delivers it to all the user's
 * resources); the first resource to {@code <proceed/>} wins and gets the session-initiate; a later
 * {@code <proceed/>} is answered {@code <retract/>} to that full JID; the winner's own {@code <accept/>}
 * to its bare JID stops the others (XEP-0353 §3.2). A {@code <reject/>} from any resource is the user's
 * answer (its reason decides the SIP status via {@link CallReasons}); the SIP caller giving up or the
 * ringing timer (the call path's) retracts the propose for all.
 *
 * <p>J2S the other way round: a {@code <propose/>} to a SIP address is answered {@code <proceed/>} at once
 * ({@link #answerToPropose}), since the INVITE needs the session-initiate's offer; the SIP side's
 * ringing comes later as session-info {@code <ringing/>}. Mutable, one per call, used on its loop.
 */
public final class RingAll {
    /** What the call path does for a JMI event. */
    public enum Action {
        /** Send session-initiate to {@link #winner()} (and 180 to SIP if not yet). */
        INITIATE,
        /** Send {@code <retract/>} to the full JID that sent this (it proceeded too late, or the call is over). */
        RETRACT_LATE,
        /** 180 Ringing to SIP (the first {@code <ringing/>}, MEDIA-11). */
        RINGING_180,
        /** End the SIP call with {@link CallReasons#sipStatus} of the reject's reason (decline when none). */
        REJECTED,
        /** Nothing to do. */
        IGNORE
    }

    private final String id;
    private final Set<String> ringing = new LinkedHashSet<>();
    private String winner;
    private boolean over;

    /** Ringing for the future Jingle session {@code id} (the propose's id = the sid, XEP-0353 §3.1). */
    public RingAll(String id) {
        this.id = id;
    }

    /** The propose to send to the user's bare JID, offering {@code media} ({@code audio}/{@code video}). */
    public JingleMessage propose(java.util.List<String> media) {
        return new JingleMessage(JingleMessage.Kind.PROPOSE, id, media, null);
    }

    /** A JMI element from resource {@code from} (full JID). */
    public Action on(JingleMessage m, String from) {
        if (!m.id().equals(id)) {
            return Action.IGNORE;
        }
        switch (m.kind()) {
            case RINGING -> {
                boolean first = ringing.isEmpty();
                ringing.add(from);
                return first && winner == null && !over ? Action.RINGING_180 : Action.IGNORE;
            }
            case PROCEED -> {
                if (winner == null && !over) {
                    winner = from;
                    return Action.INITIATE;
                }
                return from.equals(winner) ? Action.IGNORE : Action.RETRACT_LATE;
            }
            case REJECT -> {
                if (winner != null || over) {
                    return Action.IGNORE;
                }
                over = true;
                return Action.REJECTED;
            }
            default -> {
                return Action.IGNORE; // accept goes to the user's own devices; propose/retract/finish are ours
            }
        }
    }

    /** The SIP status for a reject (decline when it gives no reason, XEP-0353 §3.3). */
    public static int rejectStatus(JingleMessage reject) {
        return reject.reason() == null ? 603 : CallReasons.sipStatus(reject.reason().condition());
    }

    /** The caller gave up or nobody answered in time: the retract for the bare JID, or null if a resource already won. */
    public JingleMessage retract(JingleReason.Condition why) {
        if (winner != null || over) {
            return null;
        }
        over = true;
        return new JingleMessage(JingleMessage.Kind.RETRACT, id, java.util.List.of(), JingleReason.of(why));
    }

    /** The resource that proceeded first, or null. */
    public String winner() {
        return winner;
    }

    /** J2S: the answer to an XMPP user's propose to a SIP address: proceed, so that the session-initiate comes. */
    public static JingleMessage answerToPropose(JingleMessage propose) {
        return JingleMessage.of(JingleMessage.Kind.PROCEED, propose.id());
    }
}
