package org.stoxgw.mapping.call;

import java.util.List;
import org.jivesoftware.smack.packet.XmlElement;
import org.stoxgw.mapping.jingle.JingleAction;
import org.stoxgw.mapping.jingle.RtpInfo;
import org.stoxgw.mapping.media.Role;

/**
 * What a Jingle action from the XMPP party means on the SIP side: draft §5 table 2 (MEDIA-10) with its
 * notes and the derived set-up/tear-down rows of spec §2.2. Decides only; the call path does it.
 * Every Jingle IQ-set is answered (JNG-01): with an IQ result unless the {@link Step} says which error.
 * Pure.
 */
public final class JingleToSip {
    private JingleToSip() {
    }

    /** The SIP-side step for one Jingle request. */
    public enum Step {
        /** Send the INVITE (session-initiate; after gathering, MEDIA-04). */
        INVITE,
        /** Keep the trickled candidates for the first INVITE (MEDIA-04). */
        BUFFER_CANDIDATES,
        /** 180 Ringing (MEDIA-11). */
        RINGING_180,
        /** 200 OK with the SDP answer (session-accept, S2J calls). */
        ANSWER_200,
        /** CANCEL the INVITE (initiator ends before answer). */
        CANCEL,
        /** Final error response to the INVITE, status from {@link CallReasons#sipStatus} (callee ends before answer). */
        REJECT,
        /** BYE (either ends after answer). */
        BYE,
        /** re-INVITE with the changed SDP (hold/unhold MEDIA-20, content-modify/add/remove, transport-replace). */
        REINVITE,
        /** Answer the pending re-INVITE (content-accept/-reject, transport-accept/-reject). */
        ANSWER_REINVITE,
        /** SIP INFO with an RFC 8840 sdpfrag (MEDIA-12: only to trickle-capable SIP peers). */
        INFO_TRICKLE,
        /** Nothing towards SIP; IQ result only (ping, mute/unmute AMB-V13, candidates a vanilla peer will find by checks). */
        NOTHING,
        /** IQ error {@code <feature-not-implemented/>} + {@code <unsupported-info/>} (JNG-09). */
        UNSUPPORTED_INFO,
        /** IQ error {@code <feature-not-implemented/>}: an action the draft leaves unused (description-info, security-info). */
        NOT_IMPLEMENTED,
        /** IQ error {@code <bad-request/>}: unknown action (JNG-05). */
        BAD_REQUEST,
        /** IQ error {@code <unexpected-request/>} + {@code <out-of-order/>} (JNG-10). */
        OUT_OF_ORDER
    }

    /**
     * The step for {@code action} (null = unknown) with {@code payloads} from the Jingle party playing
     * {@code sender}, in {@code phase}; {@code sipTrickle}: the SIP peer supports RFC 8840 trickle ICE;
     * {@code iceRestart}: a transport-info carries new ICE credentials ({@link IceCandidates#restarted}).
     */
    public static Step step(JingleAction action, List<XmlElement> payloads, Role sender, CallPhase phase,
                            boolean sipTrickle, boolean iceRestart) {
        if (action == null) {
            return Step.BAD_REQUEST;
        }
        if (phase == CallPhase.ENDED) {
            return Step.OUT_OF_ORDER;
        }
        boolean established = phase == CallPhase.ESTABLISHED;
        return switch (action) {
            case SESSION_INITIATE -> Step.OUT_OF_ORDER; // a new session is not a step of this one (tie-breaks: CallCorrelation)
            case SESSION_ACCEPT -> sender == Role.RESPONDER && phase == CallPhase.PROCEEDING ? Step.ANSWER_200 : Step.OUT_OF_ORDER;
            case SESSION_TERMINATE -> {
                if (established) {
                    yield Step.BYE;
                }
                yield sender == Role.INITIATOR ? Step.CANCEL : Step.REJECT;
            }
            case SESSION_INFO -> info(payloads, sender, phase);
            case TRANSPORT_INFO -> {
                if (phase == CallPhase.GATHERING) {
                    yield Step.BUFFER_CANDIDATES;
                }
                if (sipTrickle) {
                    yield Step.INFO_TRICKLE;
                }
                // a vanilla ICE peer learns further candidates as peer-reflexive by its checks (RFC 8445 §7.3.1.3);
                // only new credentials need a new offer (MEDIA-07)
                yield iceRestart && established ? Step.REINVITE : Step.NOTHING;
            }
            case CONTENT_MODIFY, CONTENT_ADD, CONTENT_REMOVE, TRANSPORT_REPLACE -> established ? Step.REINVITE : Step.OUT_OF_ORDER;
            case CONTENT_ACCEPT, CONTENT_REJECT, TRANSPORT_ACCEPT, TRANSPORT_REJECT ->
                    established ? Step.ANSWER_REINVITE : Step.OUT_OF_ORDER;
            case DESCRIPTION_INFO, SECURITY_INFO -> Step.NOT_IMPLEMENTED;
        };
    }

    private static Step info(List<XmlElement> payloads, Role sender, CallPhase phase) {
        if (payloads.isEmpty()) {
            return Step.NOTHING; // an empty session-info is a ping (JNG-09)
        }
        if (!(payloads.get(0) instanceof RtpInfo info)) {
            return Step.UNSUPPORTED_INFO;
        }
        return switch (info.kind()) {
            case RINGING -> sender == Role.RESPONDER && phase == CallPhase.PROCEEDING ? Step.RINGING_180 : Step.NOTHING;
            case HOLD, UNHOLD, ACTIVE -> phase == CallPhase.ESTABLISHED ? Step.REINVITE : Step.NOTHING;
            case MUTE, UNMUTE -> Step.NOTHING; // no SDP effect: media keeps flowing (AMB-V13)
        };
    }
}
