package org.stoxgw.mapping.call;

import java.util.ArrayList;
import java.util.List;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.CandidateLine;
import org.stoxgw.mapping.media.Transport;

/**
 * RFC 8840 {@code application/trickle-ice-sdpfrag} bodies of SIP INFO ({@code Info-Package: trickle-ice})
 * ↔ Jingle transport-info (MEDIA-12, spec §2.6, V8): credentials at the top, a pseudo
 * {@code m=audio 9 RTP/AVP 0} line and {@code a=mid} per content, {@code a=candidate} lines (without
 * {@code generation}: RFC 8840 identifies a generation by its ufrag), {@code a=end-of-candidates} when
 * gathering is complete. Pure.
 */
public final class TrickleFragments {
    public static final String CONTENT_TYPE = "application/trickle-ice-sdpfrag";
    public static final String INFO_PACKAGE = "trickle-ice";

    private TrickleFragments() {
    }

    /** One content's candidates. */
    public record Part(String mid, Transport transport, boolean endOfCandidates) {
    }

    /** The sdpfrag body for {@code parts} (all of one ICE generation). */
    public static String write(List<Part> parts) {
        StringBuilder b = new StringBuilder(256);
        if (!parts.isEmpty()) {
            Transport t = parts.get(0).transport();
            b.append("a=ice-pwd:").append(t.pwd()).append("\r\n");
            b.append("a=ice-ufrag:").append(t.ufrag()).append("\r\n");
        }
        for (Part p : parts) {
            b.append("m=audio 9 RTP/AVP 0\r\n");
            b.append("a=mid:").append(p.mid()).append("\r\n");
            for (Candidate c : p.transport().candidates()) {
                b.append("a=candidate:").append(CandidateLine.format(c, false)).append("\r\n");
            }
            if (p.endOfCandidates()) {
                b.append("a=end-of-candidates\r\n");
            }
        }
        return b.toString();
    }

    /**
     * Parses an sdpfrag into parts (content = {@code a=mid}).
     *
     * @throws IllegalArgumentException naming the bad line
     */
    public static List<Part> parse(String body) {
        String ufrag = null;
        String pwd = null;
        List<Part> out = new ArrayList<>();
        String mid = null;
        List<Candidate> cs = new ArrayList<>();
        boolean end = false;
        boolean inMedia = false;
        for (String line : body.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                if (inMedia) {
                    out.add(part(mid, ufrag, pwd, cs, end));
                    cs = new ArrayList<>();
                    end = false;
                    mid = null;
                }
                inMedia = true;
            } else if (line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring(12).trim();
            } else if (line.startsWith("a=ice-pwd:")) {
                pwd = line.substring(10).trim();
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6).trim();
            } else if (line.startsWith("a=candidate:")) {
                if (cs.size() >= IceCandidates.MAX_PER_CONTENT) {
                    throw new IllegalArgumentException("more than " + IceCandidates.MAX_PER_CONTENT + " candidates in one m= section");
                }
                cs.add(CandidateLine.parse(line.substring(12)));
            } else if (line.equals("a=end-of-candidates")) {
                end = true;
            }
        }
        if (inMedia) {
            out.add(part(mid, ufrag, pwd, cs, end));
        }
        return out;
    }

    private static Part part(String mid, String ufrag, String pwd, List<Candidate> cs, boolean end) {
        if (mid == null || ufrag == null || pwd == null) {
            throw new IllegalArgumentException("an sdpfrag m= section needs a=mid, and the fragment a=ice-ufrag and a=ice-pwd (RFC 8840 §4.4)");
        }
        return new Part(mid, new Transport(Transport.Kind.ICE_UDP, ufrag, pwd, cs, List.of()), end);
    }
}
