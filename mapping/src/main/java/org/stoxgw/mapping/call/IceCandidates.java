package org.stoxgw.mapping.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stoxgw.mapping.jingle.JingleMedia;
import org.stoxgw.mapping.media.Address;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.MediaContent;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.Transport;

/**
 * ICE bookkeeping of one call, pure and without clocks.
 * <ul>
 *   <li>Gathering for a vanilla first offer (MEDIA-04, V8 "buffer"): {@link #add} keeps the candidates
 *       trickled in Jingle transport-infos per content; {@link #offer} merges them into the
 *       session-initiate's model. The call path bounds the wait with its own timer
 *       ({@code calls.ice-gathering}) and sends earlier when {@link #complete} (every ICE content has a
 *       relay candidate — nothing better will come).</li>
 *   <li>Restarts: candidates with other credentials replace the old ones (ICE-02); {@link #restarted}
 *       says whether a transport carries new credentials (MEDIA-07).</li>
 *   <li>Generations toward Jingle: {@link #sipGeneration} grows each time the SIP side's
 *       {@code ice-ufrag}/{@code ice-pwd} change (MEDIA-16, V7 reverse).</li>
 * </ul>
 * Mutable, one per call, used on the call's loop; not thread-safe.
 */
public final class IceCandidates {
    /** Most candidates kept per content (a client trickling more is cut; the offer stays bounded). */
    public static final int MAX_PER_CONTENT = 32;

    private final Map<String, Transport> gathered = new LinkedHashMap<>();
    private String sipUfrag;
    private String sipPwd;
    private int sipGeneration;

    /** Adds a trickled transport of content {@code name}; returns false if it was cut at {@link #MAX_PER_CONTENT}. */
    public boolean add(String name, Transport t) {
        Transport old = gathered.get(name);
        if (old == null || restarted(old, t)) {
            gathered.put(name, cap(t.candidates()) == t.candidates() ? t : t.withCandidates(cap(t.candidates())));
            return t.candidates().size() <= MAX_PER_CONTENT;
        }
        List<Candidate> merged = new ArrayList<>(old.candidates());
        boolean complete = true;
        for (Candidate c : t.candidates()) {
            if (merged.size() == MAX_PER_CONTENT) {
                complete = false;
                break;
            }
            if (merged.stream().noneMatch(k -> sameAddress(k, c))) {
                merged.add(c);
            }
        }
        List<org.stoxgw.mapping.media.Fingerprint> fps = t.fingerprints().isEmpty() ? old.fingerprints() : t.fingerprints();
        gathered.put(name, new Transport(old.kind(), old.ufrag(), old.pwd(), merged, fps));
        return complete;
    }

    /** Whether every ICE content of {@code initial} has a relay candidate by now. */
    public boolean complete(MediaSession initial) {
        for (MediaContent c : initial.contents()) {
            if (!c.transport().ice()) {
                continue;
            }
            Transport t = merged(c.name(), c.transport());
            if (t.candidates().stream().noneMatch(k -> k.type().equals("relay"))) {
                return false;
            }
        }
        return true;
    }

    /** {@code initial} with the gathered candidates merged in and default addresses recomputed (AMB-V06). */
    public MediaSession offer(MediaSession initial) {
        List<MediaContent> cs = new ArrayList<>();
        for (MediaContent c : initial.contents()) {
            cs.add(c.transport().ice() ? withDefaults(c.withTransport(merged(c.name(), c.transport()))) : c);
        }
        return initial.withContents(cs);
    }

    private static MediaContent withDefaults(MediaContent c) {
        Candidate rtp = JingleMedia.defaultCandidate(c.transport(), 1);
        Candidate rtcp = c.rtcpMux() ? null : JingleMedia.defaultCandidate(c.transport(), 2);
        return c.toBuilder().connection(rtp == null ? Address.UNKNOWN : new Address(rtp.ip(), rtp.port()))
                .rtcp(rtcp == null ? null : new Address(rtcp.ip(), rtcp.port())).build();
    }

    private Transport merged(String name, Transport base) {
        Transport g = gathered.get(name);
        if (g == null) {
            return base;
        }
        if (restarted(base, g) && g.ufrag() != null) {
            return g;
        }
        IceCandidates tmp = new IceCandidates();
        tmp.gathered.put(name, base);
        tmp.add(name, g);
        return tmp.gathered.get(name);
    }

    /** Whether {@code now} carries ICE credentials other than {@code before}'s (an ICE restart, ICE-02). */
    public static boolean restarted(Transport before, Transport now) {
        return now.ufrag() != null && before.ufrag() != null
                && (!now.ufrag().equals(before.ufrag()) || !Objects.equals(now.pwd(), before.pwd()));
    }

    /** Records the SIP side's credentials of an SDP; returns the Jingle generation to use for its candidates (MEDIA-16). */
    public int sipGeneration(String ufrag, String pwd) {
        if (sipUfrag != null && (!sipUfrag.equals(ufrag) || !Objects.equals(sipPwd, pwd))) {
            sipGeneration++;
        }
        sipUfrag = ufrag;
        sipPwd = pwd;
        return sipGeneration;
    }

    private static boolean sameAddress(Candidate a, Candidate b) {
        return a.component() == b.component() && a.ip().equals(b.ip()) && a.port() == b.port()
                && a.protocol().equals(b.protocol());
    }

    private static List<Candidate> cap(List<Candidate> cs) {
        return cs.size() <= MAX_PER_CONTENT ? cs : cs.subList(0, MAX_PER_CONTENT);
    }
}
