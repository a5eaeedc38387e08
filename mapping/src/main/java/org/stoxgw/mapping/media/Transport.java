package org.stoxgw.mapping.media;

import java.util.List;

/**
 * How a content's media travels: ICE-UDP (XEP-0176 / RFC 8839) with credentials and candidates, or
 * Raw UDP (XEP-0177; plain SDP without ICE, MEDIA-14), plus the DTLS fingerprints that XEP-0320 puts
 * inside the Jingle transport. {@code ufrag}/{@code pwd} are null for Raw UDP. The pwd is a secret:
 * {@link #toString()} hides it.
 */
public record Transport(Kind kind, String ufrag, String pwd, List<Candidate> candidates,
                        List<Fingerprint> fingerprints) {
    public enum Kind { ICE_UDP, RAW_UDP }

    public Transport {
        java.util.Objects.requireNonNull(kind, "kind");
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
    }

    public static Transport raw(List<Candidate> candidates) {
        return new Transport(Kind.RAW_UDP, null, null, candidates, List.of());
    }

    public boolean ice() {
        return kind == Kind.ICE_UDP;
    }

    public Transport withCandidates(List<Candidate> cs) {
        return new Transport(kind, ufrag, pwd, cs, fingerprints);
    }

    public Transport withFingerprints(List<Fingerprint> fs) {
        return new Transport(kind, ufrag, pwd, candidates, fs);
    }

    @Override
    public String toString() {
        return "Transport[" + kind + ", ufrag=" + ufrag + ", pwd=" + (pwd == null ? "null" : "(hidden)")
                + ", candidates=" + candidates + ", fingerprints=" + fingerprints + "]";
    }
}
