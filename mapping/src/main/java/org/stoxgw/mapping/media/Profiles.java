package org.stoxgw.mapping.media;

/**
 * SDP transport protocol tokens of RTP media and the rule that derives one from a Jingle
 * description (AMB-V10, see docs/DECISIONS.md "Calls"): XEP-0167 defines only RTP/AVP and, with
 * {@code <encryption/>}, RTP/SAVP (RTP-05); a DTLS fingerprint (XEP-0320) means DTLS-SRTP, written
 * {@code UDP/TLS/RTP/SAVPF} as WebRTC peers expect (RFC 5764 §8, RFC 8843). Feedback (AVPF) is
 * declared only together with encryption: legacy plain-RTP phones refuse unknown profiles, and
 * rtcp-fb lines are harmless under AVP (RFC 4585 §4.2).
 */
public final class Profiles {
    public static final String RTP_AVP = "RTP/AVP";
    public static final String RTP_SAVP = "RTP/SAVP";
    public static final String RTP_SAVPF = "RTP/SAVPF";
    public static final String DTLS_SAVPF = "UDP/TLS/RTP/SAVPF";

    private Profiles() {
    }

    /** The profile for a Jingle RTP content. */
    public static String forJingle(boolean dtls, boolean sdes, boolean feedback) {
        if (dtls) {
            return DTLS_SAVPF;
        }
        if (sdes) {
            return feedback ? RTP_SAVPF : RTP_SAVP;
        }
        return RTP_AVP;
    }

    /** Whether a profile token is RTP media this gateway maps (RTP/AVP, /AVPF, /SAVP, /SAVPF, with or without UDP/TLS/). */
    public static boolean rtp(String profile) {
        return switch (profile) {
            case "RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF" -> true;
            default -> false;
        };
    }

    /** Whether the profile is DTLS-SRTP. */
    public static boolean dtls(String profile) {
        return profile.startsWith("UDP/TLS/");
    }
}
