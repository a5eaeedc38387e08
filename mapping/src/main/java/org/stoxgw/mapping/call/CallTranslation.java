package org.stoxgw.mapping.call;

import java.util.List;
import java.util.Objects;
import org.stoxgw.mapping.jingle.JingleContent;
import org.stoxgw.mapping.jingle.JingleGroup;
import org.stoxgw.mapping.jingle.JingleMedia;
import org.stoxgw.mapping.jingle.JingleReason;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.OfferAnswer;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.SdpParser;
import org.stoxgw.mapping.media.SdpWriter;
import org.stoxgw.mapping.payload.ParseResult;

/**
 * The offer/answer steps of a call in both directions, each one model hop (SDP ↔ model ↔ Jingle,
 * never SDP ↔ Jingle, CALL-01), so the call path only moves the results (draft §12 flow, V2).
 * Every refusal carries the Jingle reason to end the call with (JNG-03); its SIP status follows from
 * {@link CallReasons#sipStatus}. Pure and thread-safe.
 *
 * <ul>
 *   <li>J2S: {@link #sipOffer} (session-initiate → INVITE body, F1 → F3), {@link #jingleAnswer}
 *       (200's SDP → session-accept contents, F10 → F11).</li>
 *   <li>S2J: {@link #jingleOffer} (INVITE body → session-initiate contents), {@link #sipAnswer}
 *       (session-accept → 200's SDP).</li>
 * </ul>
 */
public final class CallTranslation {
    private CallTranslation() {
    }

    /** A model and its SDP text, or a refusal. */
    public record Sdp(MediaSession model, String body, JingleMedia.Refusal refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    /** Jingle contents, or a refusal. */
    public record Jingle(MediaSession model, List<JingleContent> contents, List<JingleGroup> groups, List<String> skipped,
                         JingleMedia.Refusal refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    /**
     * J2S: the INVITE's SDP for a session-initiate (or its gathered form, {@link IceCandidates#offer}) from
     * {@code initiator}; {@code o=} is {@code <initiator localpart> sessionId sessionId IN IP4 gatewayHost}.
     */
    public static Sdp sipOffer(List<JingleContent> contents, List<JingleGroup> groups, String initiator, long sessionId,
                               String gatewayHost) {
        JingleMedia.Result r = JingleMedia.toModel(contents, groups, JingleMedia.origin(initiator, sessionId, sessionId, gatewayHost));
        if (!r.ok()) {
            return new Sdp(null, null, r.refusal());
        }
        return new Sdp(r.session(), SdpWriter.write(r.session(), Role.INITIATOR), null);
    }

    /**
     * J2S: the session-accept contents for the SIP callee's SDP answer to {@code offer}. Without anchoring
     * ({@code signallingOnly}) an answer that cannot serve the offer is refused (OfferAnswer.incompatible:
     * unsupported-transports for ICE/DTLS, incompatible-parameters for codecs; MEDIA-01, AMB-V06).
     */
    public static Jingle jingleAnswer(MediaSession offer, String answerSdp, boolean signallingOnly) {
        ParseResult<MediaSession> parsed = SdpParser.parse(answerSdp, Role.RESPONDER);
        if (parsed instanceof ParseResult.Refused<MediaSession> bad) {
            return refused(JingleReason.Condition.FAILED_APPLICATION, "SDP answer: " + bad.detail());
        }
        MediaSession answer;
        try {
            answer = OfferAnswer.align(offer, parsed.orElseThrow());
        } catch (IllegalArgumentException e) {
            return refused(JingleReason.Condition.FAILED_APPLICATION, e.getMessage());
        }
        for (int i = 0; i < offer.contents().size(); i++) {
            org.stoxgw.mapping.media.MediaContent o = offer.contents().get(i);
            org.stoxgw.mapping.media.MediaContent a = answer.contents().get(i);
            // XEP-0167 §7: encryption the initiator required and the answer lacks ends the session (RTP-06)
            if (o.cryptoRequired() && !a.rejected() && a.cryptos().isEmpty() && !org.stoxgw.mapping.media.Profiles.dtls(a.profile())) {
                return new Jingle(null, List.of(), List.of(), List.of(), new JingleMedia.Refusal(
                        JingleReason.Condition.SECURITY_ERROR, o.name() + ": encryption required, answered without",
                        "crypto-required"));
            }
        }
        if (signallingOnly) {
            String why = OfferAnswer.incompatible(offer, answer);
            if (why != null) {
                return refused(why.startsWith("codecs") ? JingleReason.Condition.INCOMPATIBLE_PARAMETERS
                        : JingleReason.Condition.UNSUPPORTED_TRANSPORTS, why);
            }
        }
        return jingle(answer, 0);
    }

    /**
     * S2J: the session-initiate contents for the SIP caller's INVITE body. The contents are created by the
     * initiator (the gateway on the caller's behalf).
     */
    public static Jingle jingleOffer(String offerSdp) {
        ParseResult<MediaSession> parsed = SdpParser.parse(offerSdp, Role.INITIATOR);
        if (parsed instanceof ParseResult.Refused<MediaSession> bad) {
            return refused(JingleReason.Condition.FAILED_APPLICATION, "SDP offer: " + bad.detail());
        }
        return jingle(parsed.orElseThrow(), 0);
    }

    /**
     * S2J: the 200's SDP answer for the Jingle callee's session-accept to the SIP {@code offer}: each m-line of
     * the offer answered in order, one the Jingle side left out answered with port 0 (RFC 3264 §6);
     * {@code o=} is {@code <responder localpart> sessionId sessionId IN IP4 gatewayHost}.
     */
    public static Sdp sipAnswer(MediaSession offer, List<JingleContent> accepted, List<JingleGroup> groups, String responder,
                                long sessionId, String gatewayHost) {
        JingleMedia.Result r = JingleMedia.toModel(accepted, groups, JingleMedia.origin(responder, sessionId, sessionId, gatewayHost));
        if (!r.ok()) {
            return new Sdp(null, null, r.refusal());
        }
        List<org.stoxgw.mapping.media.MediaContent> out = new java.util.ArrayList<>();
        for (org.stoxgw.mapping.media.MediaContent o : offer.contents()) {
            org.stoxgw.mapping.media.MediaContent a = r.session().content(o.name());
            out.add(a != null ? a : o.withConnection(o.connection().withPort(0)));
        }
        MediaSession answer = r.session().withContents(out);
        return new Sdp(answer, SdpWriter.write(answer, Role.RESPONDER), null);
    }

    private static Jingle jingle(MediaSession m, int generation) {
        JingleMedia.Offer o = JingleMedia.toJingle(Objects.requireNonNull(m), generation);
        if (o.contents().isEmpty()) {
            return refused(JingleReason.Condition.UNSUPPORTED_APPLICATIONS, "no RTP stream to offer: " + o.skipped());
        }
        return new Jingle(m, o.contents(), o.groups(), o.skipped(), null);
    }

    private static Jingle refused(JingleReason.Condition c, String detail) {
        return new Jingle(null, List.of(), List.of(), List.of(), new JingleMedia.Refusal(c, detail));
    }
}
