package org.stoxgw.mapping.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;

/**
 * Parses an SDP body (RFC 8866) into the neutral {@link MediaSession}. Strict where a wrong guess
 * would mis-route media, tolerant where RFC 8866 asks it: LF line ends are accepted (§5), unknown
 * attributes are kept in {@link MediaContent#extra()}; an unknown line type, {@code v=} other than 0,
 * a missing {@code o=}/{@code s=}/{@code t=}, a bad {@code m=}/{@code c=}, a format without its
 * {@code a=rtpmap} for a dynamic payload type or a malformed ICE/crypto/fingerprint attribute refuse
 * the whole body ({@link ParseProblem#MALFORMED}) with a detail naming the line. Session-level ICE
 * credentials, fingerprint, setup, direction and extmap apply to every media description that has
 * none of its own (RFC 8839 §5.4, RFC 8122 §5, RFC 8866 §6.7).
 *
 * <p>{@code author} is who wrote the SDP: directions are converted to absolute {@link Senders}
 * (spec §2.3). Content names come from {@code a=mid}, else {@code <media><index>}. Pure and thread-safe.
 */
public final class SdpParser {
    /** Largest body accepted (bytes as characters). */
    public static final int MAX_LENGTH = 64 * 1024;
    /** Most media descriptions accepted. */
    public static final int MAX_MEDIA = 32;

    private SdpParser() {
    }

    /** Parses {@code sdp}, written by {@code author}. */
    public static ParseResult<MediaSession> parse(String sdp, Role author) {
        if (sdp.length() > MAX_LENGTH) {
            return ParseResult.refused(ParseProblem.TOO_LARGE, "SDP longer than " + MAX_LENGTH);
        }
        try {
            return ParseResult.ok(new State(author).run(sdp));
        } catch (IllegalArgumentException e) {
            return ParseResult.refused(ParseProblem.MALFORMED, e.getMessage());
        }
    }

    private static String[] words(String v, int min, String what) {
        String[] t = Words.split(v.trim(), 0);
        if (t.length < min) {
            throw new IllegalArgumentException(what);
        }
        return t;
    }

    /** Per-parse state; not shared. */
    private static final class State {
        private final Role author;
        private MediaSession.Origin origin;
        private boolean sawS;
        private boolean sawT;
        private String sessionConnection;
        private final Defaults session = new Defaults();
        private final List<MediaSession.Group> groups = new ArrayList<>();
        private boolean iceLite;
        private final List<Media> media = new ArrayList<>();

        State(Role author) {
            this.author = author;
        }

        MediaSession run(String sdp) {
            List<String> lines = Words.lines(sdp);
            int n = lines.size();
            if (n == 0 || !lines.get(0).equals("v=0")) {
                throw new IllegalArgumentException("SDP must start with v=0");
            }
            for (int i = 1; i < n; i++) {
                String line = lines.get(i);
                if (line.length() < 2 || line.charAt(1) != '=') {
                    throw new IllegalArgumentException("line " + (i + 1) + " is not <type>=<value>");
                }
                line(i + 1, line.charAt(0), line.substring(2));
            }
            if (origin == null || !sawS || !sawT) {
                throw new IllegalArgumentException("SDP lacks o=, s= or t=");
            }
            List<MediaContent> contents = new ArrayList<>(media.size());
            for (int i = 0; i < media.size(); i++) {
                contents.add(media.get(i).build(i, this));
            }
            boolean anyTrickle = session.trickle || media.stream().anyMatch(x -> x.trickle);
            return new MediaSession(origin, contents, groups, anyTrickle, iceLite, session.extra);
        }

        private void line(int no, char type, String value) {
            Media m = media.isEmpty() ? null : media.get(media.size() - 1);
            if (no == 2 && type != 'o') {
                throw new IllegalArgumentException("o= must follow v= (RFC 8866 §5)");
            }
            switch (type) {
                case 'o' -> origin(value);
                case 's' -> sawS = true;
                case 'i', 'u', 'e', 'p', 'r', 'z', 'k' -> {
                    // informational or obsolete lines (RFC 8866 §5.3-5.7, §5.10-5.12): nothing to map
                }
                case 't' -> sawT = true;
                case 'c' -> {
                    String addr = connection(value, no);
                    if (m == null) {
                        sessionConnection = addr;
                    } else {
                        m.connection = addr;
                    }
                }
                case 'b' -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("line " + no + ": b= needs <type>:<value>");
                    }
                    Bandwidth bw = new Bandwidth(value.substring(0, colon),
                            CandidateLine.number(value.substring(colon + 1).trim(), Integer.MAX_VALUE, "bandwidth"));
                    if (m != null) {
                        m.bandwidths.add(bw);
                    }
                }
                case 'm' -> {
                    if (origin == null || !sawT) {
                        throw new IllegalArgumentException("line " + no + ": m= before o=/s=/t=");
                    }
                    if (media.size() == MAX_MEDIA) {
                        throw new IllegalArgumentException("more than " + MAX_MEDIA + " media descriptions");
                    }
                    media.add(new Media(value, no));
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    String name = colon < 0 ? value : value.substring(0, colon);
                    String v = colon < 0 ? "" : value.substring(colon + 1);
                    try {
                        if (m == null) {
                            sessionAttribute(name, v);
                        } else {
                            m.attribute(name, v, author);
                        }
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("line " + no + " (a=" + name + "): " + e.getMessage(), e);
                    }
                }
                default -> throw new IllegalArgumentException("line " + no + ": unknown type " + type + "= (RFC 8866 §5)");
            }
        }

        private void origin(String value) {
            String[] t = Words.split(value, 0);
            if (t.length != 6 || !t[3].equals("IN") || !(t[4].equals("IP4") || t[4].equals("IP6"))) {
                throw new IllegalArgumentException("o= needs '<username> <sess-id> <sess-version> IN IP4|IP6 <address>'");
            }
            origin = new MediaSession.Origin(t[0], id(t[1]), id(t[2]), t[5]);
        }

        private static long id(String s) {
            if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException("o= id is not up to 19 digits: " + s);
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("o= id exceeds 63 bits: " + s, e);
            }
        }

        private static String connection(String value, int no) {
            String[] t = Words.split(value, 0);
            if (t.length != 3 || !t[0].equals("IN") || !(t[1].equals("IP4") || t[1].equals("IP6")) || t[2].isEmpty()) {
                throw new IllegalArgumentException("line " + no + ": c= needs 'IN IP4|IP6 <address>'");
            }
            int slash = t[2].indexOf('/');
            if (slash >= 0 && t[1].equals("IP4")) {
                // a multicast TTL/count (RFC 8866 §5.7): the address is the part before it
                return t[2].substring(0, slash);
            }
            return t[2];
        }

        private void sessionAttribute(String name, String v) {
            switch (name) {
                case "group" -> {
                    String[] t = words(v, 1, "a=group needs <semantics> [<mid>…]");
                    groups.add(new MediaSession.Group(t[0], List.of(t).subList(1, t.length)));
                }
                case "ice-lite" -> iceLite = true;
                default -> session.attribute(name, v, author);
            }
        }
    }

    /** Attributes that may appear at session level and apply to every media description lacking them. */
    static class Defaults {
        String ufrag;
        String pwd;
        final List<Fingerprint> fingerprints = new ArrayList<>();
        Fingerprint.Setup setup;
        Senders senders;
        final List<HeaderExtension> extmaps = new ArrayList<>();
        boolean extmapAllowMixed;
        boolean trickle;
        final List<Parameter> extra = new ArrayList<>();

        /** Handles an attribute these defaults know; returns false for one they do not. */
        boolean common(String name, String v, Role author) {
            switch (name) {
                case "ice-ufrag" -> ufrag = nonEmpty(v, name);
                case "ice-pwd" -> pwd = nonEmpty(v, name);
                case "fingerprint" -> {
                    String[] t = Words.split(v.trim(), 0);
                    if (t.length != 2) {
                        throw new IllegalArgumentException("needs '<hash> <fingerprint>'");
                    }
                    fingerprints.add(new Fingerprint(t[0], t[1], null));
                }
                case "setup" -> {
                    setup = Fingerprint.Setup.fromToken(v.trim());
                    if (setup == null) {
                        throw new IllegalArgumentException("unknown setup role " + v);
                    }
                }
                case "sendrecv", "sendonly", "recvonly", "inactive" -> senders = Senders.fromSdpDirection(name, author);
                case "extmap" -> extmaps.add(extmap(v, author));
                case "extmap-allow-mixed" -> extmapAllowMixed = true;
                // RFC 8840 §4.1.1: trickle may be declared at session or media level; the model keeps it per session
                case "ice-options" -> trickle |= List.of(Words.split(v.trim(), 0)).contains("trickle");
                default -> {
                    return false;
                }
            }
            return true;
        }

        void attribute(String name, String v, Role author) {
            if (!common(name, v, author)) {
                extra.add(new Parameter(name, v));
            }
        }

        private static String nonEmpty(String v, String name) {
            String s = v.trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(name + " is empty");
            }
            return s;
        }

        private static HeaderExtension extmap(String v, Role author) {
            String[] t = Words.split(v.trim(), 3);
            if (t.length < 2) {
                throw new IllegalArgumentException("needs '<id>[/<direction>] <uri>'");
            }
            String idPart = t[0];
            Senders s = Senders.BOTH;
            int slash = idPart.indexOf('/');
            if (slash >= 0) {
                s = Senders.fromSdpDirection(idPart.substring(slash + 1), author);
                if (s == null) {
                    throw new IllegalArgumentException("unknown extmap direction " + idPart);
                }
                idPart = idPart.substring(0, slash);
            }
            return new HeaderExtension(CandidateLine.number(idPart, 255, "extmap id"), t[1], s, t.length > 2 ? t[2] : "");
        }
    }

    /** One media description being read. */
    private static final class Media extends Defaults {
        final String mediaType;
        final int port;
        final String profile;
        final List<String> formats;
        String connection;
        final List<Bandwidth> bandwidths = new ArrayList<>();
        String mid;
        final Map<Integer, String[]> rtpmaps = new LinkedHashMap<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        final Map<Integer, List<RtcpFeedback>> feedback = new LinkedHashMap<>();
        final List<RtcpFeedback> feedbackAll = new ArrayList<>();
        int ptime;
        int maxptime;
        boolean rtcpMux;
        Address rtcp;
        final List<Candidate> candidates = new ArrayList<>();
        final List<Crypto> cryptos = new ArrayList<>();
        final Map<Long, List<Parameter>> sources = new LinkedHashMap<>();
        final List<SourceGroup> groups = new ArrayList<>();

        Media(String value, int no) {
            String[] t = Words.split(value, 0);
            if (t.length < 4) {
                throw new IllegalArgumentException("line " + no + ": m= needs '<media> <port> <proto> <fmt>…'");
            }
            mediaType = t[0];
            String p = t[1];
            int slash = p.indexOf('/');
            port = CandidateLine.number(slash < 0 ? p : p.substring(0, slash), 65535, "m= port");
            profile = t[2];
            formats = List.of(t).subList(3, t.length);
            if (Profiles.rtp(profile)) {
                for (String f : formats) {
                    CandidateLine.number(f, 127, "line " + no + ": RTP payload type");
                }
            }
        }

        void attribute(String name, String v, Role author) {
            if (common(name, v, author)) {
                return;
            }
            switch (name) {
                case "mid" -> {
                    mid = v.trim();
                    if (!SdpWriter.isToken(mid)) {
                        throw new IllegalArgumentException("a=mid is not a token (RFC 5888 §4): " + mid);
                    }
                }
                case "rtpmap" -> {
                    String[] t = Words.split(v.trim(), 0);
                    if (t.length != 2) {
                        throw new IllegalArgumentException("needs '<pt> <name>/<rate>[/<channels>]'");
                    }
                    String[] enc = Words.split(t[1], '/', 0);
                    if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
                        throw new IllegalArgumentException("needs '<name>/<rate>[/<channels>]'");
                    }
                    rtpmaps.put(CandidateLine.number(t[0], 127, "payload type"), enc);
                }
                case "fmtp" -> {
                    int sp = v.indexOf(' ');
                    String pt = sp < 0 ? v : v.substring(0, sp);
                    fmtps.put(CandidateLine.number(pt.trim(), 127, "payload type"), sp < 0 ? "" : v.substring(sp + 1));
                }
                case "rtcp-fb" -> {
                    String[] t = Words.split(v.trim(), 0);
                    if (t.length < 2) {
                        throw new IllegalArgumentException("needs '<pt>|* <type> [<subtype>]'");
                    }
                    RtcpFeedback fb = new RtcpFeedback(t[1], t.length > 2 ? String.join(" ", List.of(t).subList(2, t.length)) : "");
                    if (t[0].equals("*")) {
                        feedbackAll.add(fb);
                    } else {
                        feedback.computeIfAbsent(CandidateLine.number(t[0], 127, "payload type"), k -> new ArrayList<>()).add(fb);
                    }
                }
                case "ptime" -> ptime = CandidateLine.number(v.trim(), 100_000, "ptime");
                case "maxptime" -> maxptime = CandidateLine.number(v.trim(), 100_000, "maxptime");
                case "rtcp-mux" -> rtcpMux = true;
                case "rtcp" -> {
                    String[] t = words(v, 1, "needs <port> [IN IP4|IP6 <address>]");
                    int rtcpPort = CandidateLine.number(t[0], 65535, "rtcp port");
                    rtcp = new Address(t.length == 4 ? t[3] : "", rtcpPort);
                }
                case "candidate" -> candidates.add(CandidateLine.parse(v));
                case "end-of-candidates" -> {
                    // RFC 8840: gathering is complete; an SDP is always complete for the model
                }
                case "crypto" -> {
                    String[] t = Words.split(v.trim(), 4);
                    if (t.length < 3) {
                        throw new IllegalArgumentException("needs '<tag> <crypto-suite> <key-params> [<session-params>]'");
                    }
                    cryptos.add(new Crypto(CandidateLine.number(t[0], 999_999_999, "crypto tag"), t[1], t[2],
                            t.length > 3 ? t[3] : ""));
                }
                case "ssrc" -> {
                    int sp = v.indexOf(' ');
                    long ssrc = ssrc(sp < 0 ? v : v.substring(0, sp));
                    List<Parameter> ps = sources.computeIfAbsent(ssrc, k -> new ArrayList<>());
                    if (sp >= 0) {
                        String attr = v.substring(sp + 1).trim();
                        int c = attr.indexOf(':');
                        ps.add(c < 0 ? new Parameter(attr, "") : new Parameter(attr.substring(0, c), attr.substring(c + 1)));
                    }
                }
                case "ssrc-group" -> {
                    String[] t = words(v, 1, "needs <semantics> <ssrc>…");
                    List<Long> ids = new ArrayList<>();
                    for (int i = 1; i < t.length; i++) {
                        ids.add(ssrc(t[i]));
                    }
                    groups.add(new SourceGroup(t[0], ids));
                }
                default -> extra.add(new Parameter(name, v));
            }
        }

        private static long ssrc(String s) {
            return parseUnsigned(s);
        }

        private static long parseUnsigned(String s) {
            if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException("ssrc is not a number: " + s);
            }
            long v = Long.parseLong(s);
            if (v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("ssrc exceeds 32 bits: " + s);
            }
            return v;
        }

        MediaContent build(int index, State st) {
            String addr = connection != null ? connection : st.sessionConnection;
            if (addr == null) {
                throw new IllegalArgumentException("m=" + mediaType + " has no c= (RFC 8866 §5.7)");
            }
            MediaContent.Builder b = MediaContent.builder(mid != null && !mid.isEmpty() ? mid : mediaType + index, mediaType)
                    .creator(st.author == Role.INITIATOR ? Role.INITIATOR : Role.RESPONDER)
                    .profile(profile)
                    .senders(senders != null ? senders : st.session.senders != null ? st.session.senders : Senders.BOTH)
                    .rtcpMux(rtcpMux)
                    .connection(new Address(addr, port))
                    .extmapAllowMixed(extmapAllowMixed || st.session.extmapAllowMixed)
                    .cryptoRequired(false);
            if (rtcp != null) {
                b.rtcp(new Address(rtcp.ip().isEmpty() ? addr : rtcp.ip(), rtcp.port()));
            }
            for (Bandwidth bw : bandwidths) {
                b.bandwidth(bw);
            }
            if (Profiles.rtp(profile)) {
                for (String f : formats) {
                    b.codec(codec(Integer.parseInt(f)));
                }
            } else {
                b.extra(new Parameter(SdpWriter.FORMATS, String.join(" ", formats)));
            }
            feedbackAll.forEach(b::feedback);
            (extmaps.isEmpty() ? st.session.extmaps : extmaps).forEach(b::headerExtension);
            sources.forEach((ssrc, ps) -> b.source(new Source(ssrc, ps)));
            groups.forEach(b::sourceGroup);
            cryptos.forEach(b::crypto);
            String u = ufrag != null ? ufrag : st.session.ufrag;
            String pw = pwd != null ? pwd : st.session.pwd;
            Fingerprint.Setup role = setup != null ? setup : st.session.setup;
            List<Fingerprint> fps = new ArrayList<>();
            for (Fingerprint fp : fingerprints.isEmpty() ? st.session.fingerprints : fingerprints) {
                fps.add(new Fingerprint(fp.hash(), fp.value(), role));
            }
            if ((u == null) != (pw == null)) {
                throw new IllegalArgumentException("m=" + mediaType + " has only one of ice-ufrag and ice-pwd (RFC 8839 §5.4)");
            }
            Transport.Kind kind = u != null || !candidates.isEmpty() ? Transport.Kind.ICE_UDP : Transport.Kind.RAW_UDP;
            if (kind == Transport.Kind.ICE_UDP && (u == null || pw == null)) {
                throw new IllegalArgumentException("m=" + mediaType + " has ICE candidates without ice-ufrag and ice-pwd (RFC 8839 §5.4)");
            }
            b.transport(new Transport(kind, u, pw, candidates, fps));
            extra.forEach(b::extra);
            return b.build();
        }

        private Codec codec(int pt) {
            String[] enc = rtpmaps.get(pt);
            String name;
            int rate;
            int channels;
            if (enc != null) {
                name = enc[0];
                rate = CandidateLine.number(enc[1], Integer.MAX_VALUE, "clock rate");
                channels = enc.length == 3 ? CandidateLine.number(enc[2], 255, "channels") : 1;
            } else if (pt < 96) {
                name = StaticPayloads.name(pt) == null ? "" : StaticPayloads.name(pt);
                rate = StaticPayloads.clockrate(pt);
                channels = StaticPayloads.channels(pt);
            } else {
                throw new IllegalArgumentException("dynamic payload type " + pt + " has no a=rtpmap (RFC 8866 §6.6)");
            }
            Codec c = new Codec(pt, name, rate, Math.max(channels, 1), ptime, maxptime, List.of(),
                    feedback.getOrDefault(pt, List.of()));
            String f = fmtps.get(pt);
            return c.withParameters(Fmtp.withDefaults(c, f == null ? List.of() : Fmtp.parse(name, f)));
        }
    }
}
