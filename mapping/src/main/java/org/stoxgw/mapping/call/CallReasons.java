package org.stoxgw.mapping.call;

import org.stoxgw.mapping.jingle.JingleReason;
import org.stoxgw.mapping.jingle.JingleReason.Condition;

/**
 * Session-terminate reasons ↔ SIP final status codes (spec §2.2 set-up table, JNG-04, DECISIONS
 * "Calls" CALL-04). Pure.
 *
 * <p>J2S (the Jingle callee refuses before accepting → the INVITE's final response): busy 486,
 * decline 603, timeout 408, gone 480, cancel 487, unsupported-applications / unsupported-transports /
 * incompatible-parameters / failed-application / failed-transport / security-error 488, expired 408,
 * alternative-session 480 (nothing in SIP names the other session), success 603 (a callee that ends an
 * unanswered call "successfully" declined it), general-error / media-error / connectivity-error 500.
 *
 * <p>S2J (final status ≥ 300 → session-terminate): 486/600 busy, 603 decline, 408 timeout, 480 gone,
 * 404/604/410 gone (the callee does not exist: nobody will answer), 487 cancel, 415
 * unsupported-applications, 488/606 incompatible-parameters, other general-error; the text is the
 * reason phrase (V12).
 */
public final class CallReasons {
    private CallReasons() {
    }

    /** The SIP final status for a Jingle callee's session-terminate before session-accept. */
    public static int sipStatus(Condition c) {
        return switch (c) {
            case BUSY -> 486;
            case DECLINE, SUCCESS -> 603;
            case TIMEOUT, EXPIRED -> 408;
            case GONE, ALTERNATIVE_SESSION -> 480;
            case CANCEL -> 487;
            case UNSUPPORTED_APPLICATIONS, UNSUPPORTED_TRANSPORTS, INCOMPATIBLE_PARAMETERS, FAILED_APPLICATION,
                    FAILED_TRANSPORT, SECURITY_ERROR -> 488;
            case GENERAL_ERROR, MEDIA_ERROR, CONNECTIVITY_ERROR -> 500;
        };
    }

    /** The Jingle condition for a SIP final status ≥ 300. */
    public static Condition condition(int status) {
        return switch (status) {
            case 486, 600 -> Condition.BUSY;
            case 603 -> Condition.DECLINE;
            case 408 -> Condition.TIMEOUT;
            case 480, 404, 410, 604 -> Condition.GONE;
            case 487 -> Condition.CANCEL;
            case 415 -> Condition.UNSUPPORTED_APPLICATIONS;
            case 488, 606 -> Condition.INCOMPATIBLE_PARAMETERS;
            default -> Condition.GENERAL_ERROR;
        };
    }

    /** The session-terminate reason for a SIP final response: condition plus the reason phrase as text (V12). */
    public static JingleReason reason(int status, String reasonPhrase) {
        return JingleReason.of(condition(status), reasonPhrase);
    }
}
