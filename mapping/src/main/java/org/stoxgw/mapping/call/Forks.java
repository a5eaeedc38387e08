package org.stoxgw.mapping.call;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The responses to one outgoing INVITE (J2S) from possibly several forks (To tags), reduced to what
 * the single Jingle session may see (draft §8, §11): at most one ringing (MEDIA-31, the first), at
 * most one session-accept (MEDIA-34, the first 2xx; every other 2xx is ACKed and BYEd, MEDIA-35), no
 * early SDP forwarded (MEDIA-23: no early-media support known, AMB-V17) but an SDP answer in a reliable
 * provisional stored per fork and used when its 2xx carries none (MEDIA-24, V10). Mutable, not
 * thread-safe: one per call, used on the call's loop.
 *
 * @param <A> the stored answer's type (the parsed model, or the raw body)
 */
public final class Forks<A> {
    /** What to do with a response. */
    public enum Action {
        /** Send session-info {@code <ringing/>} to Jingle. */
        FORWARD_RINGING,
        /** Nothing to Jingle (a later provisional, or one without anything to say). */
        IGNORE,
        /** Send session-accept (then ACK when the IQ result comes, V2 F12/F13). */
        ACCEPT,
        /** ACK this 2xx and BYE its dialog: another fork won (MEDIA-35, V9). */
        ACK_AND_BYE,
        /** Send session-terminate with {@link CallReasons#reason} (the final error of the transaction). */
        TERMINATE
    }

    private final Map<String, A> earlyAnswers = new HashMap<>(4);
    private boolean ringingForwarded;
    private String winner;
    private boolean failed;

    /** A provisional 1xx (not 100) from fork {@code toTag}; {@code reliableAnswer} is its SDP answer if it came in a 100rel response, else null. */
    public Action provisional(int status, String toTag, A reliableAnswer) {
        if (reliableAnswer != null && toTag != null) {
            earlyAnswers.putIfAbsent(toTag, reliableAnswer); // the first answer of a dialog is the answer (RFC 3264 §4)
        }
        if (winner != null || failed || status == 100) {
            return Action.IGNORE;
        }
        if ((status == 180 || status == 183) && !ringingForwarded) {
            // 183 means progress; with no early media towards Jingle (AMB-V17) the client plays local ringback on <ringing/>
            ringingForwarded = true;
            return Action.FORWARD_RINGING;
        }
        return Action.IGNORE;
    }

    /** A 2xx from fork {@code toTag}. */
    public Action success(String toTag) {
        Objects.requireNonNull(toTag, "toTag");
        if (winner == null && !failed) {
            winner = toTag;
            return Action.ACCEPT;
        }
        return toTag.equals(winner) ? Action.IGNORE : Action.ACK_AND_BYE; // a retransmitted 2xx of the winner is only re-ACKed
    }

    /** A final ≥ 300 (one per transaction, RFC 3261 §16.7). */
    public Action failure() {
        if (winner != null || failed) {
            return Action.IGNORE;
        }
        failed = true;
        return Action.TERMINATE;
    }

    /** The answer stored from fork {@code toTag}'s reliable provisional, or null (MEDIA-24). */
    public A earlyAnswer(String toTag) {
        return earlyAnswers.get(toTag);
    }

    /** The To tag of the accepted fork, or null. */
    public String winner() {
        return winner;
    }
}
