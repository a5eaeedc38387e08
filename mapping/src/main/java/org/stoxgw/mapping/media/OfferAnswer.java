package org.stoxgw.mapping.media;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3264 offer/answer helpers on the model (MEDIA-05). Pure.
 */
public final class OfferAnswer {
    private OfferAnswer() {
    }

    /**
     * The answer with each content given the name and creator of the offer's content at the same
     * position (RFC 3264 §6: answer media descriptions correspond to the offer's by order). A SIP
     * answer seldom has {@code a=mid}, and the Jingle answer must name the offer's contents (V2 F11).
     *
     * @throws IllegalArgumentException if the answer has another number of media descriptions than the offer
     */
    public static MediaSession align(MediaSession offer, MediaSession answer) {
        if (offer.contents().size() != answer.contents().size()) {
            throw new IllegalArgumentException("the answer has " + answer.contents().size()
                    + " media descriptions, the offer " + offer.contents().size() + " (RFC 3264 §6)");
        }
        List<MediaContent> out = new ArrayList<>(answer.contents().size());
        for (int i = 0; i < answer.contents().size(); i++) {
            MediaContent o = offer.contents().get(i);
            MediaContent a = answer.contents().get(i);
            out.add(a.toBuilder().name(o.name()).creator(o.creator()).build());
        }
        List<MediaSession.Group> groups = new ArrayList<>();
        for (MediaSession.Group g : answer.groups()) {
            List<String> names = new ArrayList<>();
            for (String n : g.names()) {
                int idx = indexOf(answer, n);
                names.add(idx >= 0 ? offer.contents().get(idx).name() : n);
            }
            groups.add(new MediaSession.Group(g.semantics(), names));
        }
        return new MediaSession(answer.origin(), out, groups, answer.trickle(), answer.iceLite(), answer.extra());
    }

    private static int indexOf(MediaSession s, String name) {
        for (int i = 0; i < s.contents().size(); i++) {
            if (s.contents().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why {@code answer} cannot serve {@code offer} when the gateway only signals (no anchoring, MEDIA-01),
     * or null if it can: an ICE offer answered without ICE (a WebRTC client never sends media without
     * ICE checks: MEDIA-03 (a), decided by the answer rather than {@code Require: ice}), a DTLS-SRTP offer
     * answered with another profile, or no codec in common. The call path ends the call with
     * {@code unsupported-transports} / {@code incompatible-parameters} and BYE (AMB-V06).
     */
    public static String incompatible(MediaSession offer, MediaSession answer) {
        for (int i = 0; i < Math.min(offer.contents().size(), answer.contents().size()); i++) {
            MediaContent o = offer.contents().get(i);
            MediaContent a = answer.contents().get(i);
            if (a.rejected() || o.rejected()) {
                continue;
            }
            if (o.transport().ice() && !a.transport().ice()) {
                return "transport: " + o.name() + " offered ICE, answered without";
            }
            if (Profiles.dtls(o.profile()) != Profiles.dtls(a.profile())) {
                return "profile: " + o.name() + " offered " + o.profile() + ", answered " + a.profile();
            }
            if (!shareCodec(o, a)) {
                return "codecs: " + o.name() + " has no codec in common";
            }
        }
        return null;
    }

    /** Whether {@code a} and {@code b} share a codec: same name (case-insensitive) and clock rate, or the same static type. */
    public static boolean shareCodec(MediaContent a, MediaContent b) {
        for (Codec x : a.codecs()) {
            if (x.telephoneEvent()) {
                continue;
            }
            for (Codec y : b.codecs()) {
                boolean same = !x.name().isEmpty() && x.name().equalsIgnoreCase(y.name()) && x.clockrate() == y.clockrate();
                if (same || (!x.dynamic() && x.id() == y.id() && (x.name().isEmpty() || y.name().isEmpty()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
