package org.stoxgw.mapping.media;

import java.util.List;

/**
 * Writes a {@link MediaSession} as an SDP body (RFC 8866, CRLF line ends), the inverse of
 * {@link SdpParser}. Line order is RFC 8866 §5's; inside a media description: {@code c=}, {@code b=},
 * {@code a=mid}, direction, per payload type {@code a=rtpmap}/{@code a=fmtp}/{@code a=rtcp-fb}
 * (RTP-04: a static type without a name gets no rtpmap), packet times, {@code a=extmap},
 * {@code a=rtcp}/{@code a=rtcp-mux}, ICE credentials and candidates (with {@code generation},
 * without {@code network}: MEDIA-18), DTLS fingerprint and setup (DTLS-01), {@code a=crypto}
 * (RTP-06), sources, then the kept extra attributes.
 *
 * <p>The session {@code c=} is the first content's address; a content elsewhere gets its own. The
 * {@code a=ptime} of a content is that of its first codec that has one (Jingle has it per payload type).
 * {@code author} is who the SDP speaks for (directions, §2.3). Pure and thread-safe.
 */
public final class SdpWriter {
    /** Reserved {@link MediaContent#extra()} name carrying the format list of a non-RTP {@code m=} line. */
    public static final String FORMATS = ":fmt";
    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    /** The SDP body of {@code s}, written for {@code author}. */
    public static String write(MediaSession s, Role author) {
        StringBuilder b = new StringBuilder(1024);
        MediaSession.Origin o = s.origin();
        b.append("v=0").append(CRLF);
        b.append("o=").append(o.username()).append(' ').append(o.sessionId()).append(' ').append(o.version())
                .append(" IN ").append(o.address().indexOf(':') >= 0 ? "IP6 " : "IP4 ").append(o.address()).append(CRLF);
        b.append("s=-").append(CRLF);
        Address sessionAddress = s.contents().isEmpty() ? new Address(o.address(), 0) : s.contents().get(0).connection();
        connection(b, sessionAddress.ip());
        b.append("t=0 0").append(CRLF);
        for (MediaSession.Group g : s.groups()) {
            b.append("a=group:").append(g.semantics());
            g.names().forEach(n -> b.append(' ').append(n));
            b.append(CRLF);
        }
        if (s.iceLite()) {
            b.append("a=ice-lite").append(CRLF);
        }
        if (s.trickle()) {
            b.append("a=ice-options:trickle").append(CRLF);
        }
        extra(b, s.extra());
        for (MediaContent c : s.contents()) {
            media(b, c, author, sessionAddress.ip());
        }
        return b.toString();
    }

    private static void connection(StringBuilder b, String ip) {
        b.append("c=IN ").append(ip.indexOf(':') >= 0 ? "IP6 " : "IP4 ").append(ip).append(CRLF);
    }

    private static void media(StringBuilder b, MediaContent c, Role author, String sessionIp) {
        b.append("m=").append(c.media()).append(' ').append(c.connection().port()).append(' ').append(c.profile());
        String formats = null;
        for (Parameter p : c.extra()) {
            if (p.name().equals(FORMATS)) {
                formats = p.value();
            }
        }
        if (formats != null) {
            b.append(' ').append(formats);
        } else if (c.codecs().isEmpty()) {
            b.append(" 0"); // a rejected stream still lists one format (RFC 3264 §6)
        } else {
            c.codecs().forEach(k -> b.append(' ').append(k.id()));
        }
        b.append(CRLF);
        if (!c.connection().ip().equals(sessionIp)) {
            connection(b, c.connection().ip());
        }
        for (Bandwidth bw : c.bandwidths()) {
            b.append("b=").append(bw.type()).append(':').append(bw.value()).append(CRLF);
        }
        if (isToken(c.name())) {
            b.append("a=mid:").append(c.name()).append(CRLF);
        }
        b.append("a=").append(c.senders().sdpDirection(author)).append(CRLF);
        int ptime = 0;
        int maxptime = 0;
        for (Codec k : c.codecs()) {
            if (!k.name().isEmpty()) {
                b.append("a=rtpmap:").append(k.id()).append(' ').append(k.name()).append('/')
                        .append(k.clockrate() > 0 ? k.clockrate() : StaticPayloads.clockrate(k.id()));
                int ch = StaticPayloads.sdpChannels(k);
                if (ch > 1) {
                    b.append('/').append(ch);
                }
                b.append(CRLF);
            }
            String fmtp = Fmtp.format(k);
            if (fmtp != null) {
                b.append("a=fmtp:").append(k.id()).append(' ').append(fmtp).append(CRLF);
            }
            for (RtcpFeedback fb : k.feedback()) {
                feedback(b, String.valueOf(k.id()), fb);
            }
            ptime = ptime == 0 ? k.ptime() : ptime;
            maxptime = maxptime == 0 ? k.maxptime() : maxptime;
        }
        for (RtcpFeedback fb : c.feedback()) {
            feedback(b, "*", fb);
        }
        if (ptime > 0) {
            b.append("a=ptime:").append(ptime).append(CRLF);
        }
        if (maxptime > 0) {
            b.append("a=maxptime:").append(maxptime).append(CRLF);
        }
        for (HeaderExtension h : c.headerExtensions()) {
            b.append("a=extmap:").append(h.id());
            if (h.senders() != Senders.BOTH) {
                b.append('/').append(h.senders().sdpDirection(author));
            }
            b.append(' ').append(h.uri());
            if (!h.attributes().isEmpty()) {
                b.append(' ').append(h.attributes());
            }
            b.append(CRLF);
        }
        if (c.extmapAllowMixed()) {
            b.append("a=extmap-allow-mixed").append(CRLF);
        }
        if (c.rtcp() != null) {
            b.append("a=rtcp:").append(c.rtcp().port());
            if (!c.rtcp().ip().equals(c.connection().ip())) {
                b.append(" IN ").append(c.rtcp().ipv6() ? "IP6 " : "IP4 ").append(c.rtcp().ip());
            }
            b.append(CRLF);
        }
        if (c.rtcpMux()) {
            b.append("a=rtcp-mux").append(CRLF);
        }
        Transport t = c.transport();
        if (t.ice()) {
            // a Jingle offer may come before its credentials (they arrive with the first transport-info)
            if (t.ufrag() != null && t.pwd() != null) {
                b.append("a=ice-ufrag:").append(t.ufrag()).append(CRLF);
                b.append("a=ice-pwd:").append(t.pwd()).append(CRLF);
            }
            for (Candidate k : t.candidates()) {
                b.append("a=candidate:").append(CandidateLine.format(k, true)).append(CRLF);
            }
        }
        for (Fingerprint fp : t.fingerprints()) {
            b.append("a=fingerprint:").append(fp.hash()).append(' ').append(fp.value()).append(CRLF);
        }
        if (!t.fingerprints().isEmpty() && t.fingerprints().get(0).setup() != null) {
            b.append("a=setup:").append(t.fingerprints().get(0).setup().token()).append(CRLF);
        }
        for (Crypto k : c.cryptos()) {
            b.append("a=crypto:").append(k.tag()).append(' ').append(k.suite()).append(' ').append(k.keyParams());
            if (!k.sessionParams().isEmpty()) {
                b.append(' ').append(k.sessionParams());
            }
            b.append(CRLF);
        }
        for (SourceGroup g : c.sourceGroups()) {
            b.append("a=ssrc-group:").append(g.semantics());
            g.ssrcs().forEach(id -> b.append(' ').append(id));
            b.append(CRLF);
        }
        for (Source src : c.sources()) {
            if (src.parameters().isEmpty()) {
                b.append("a=ssrc:").append(src.ssrc()).append(CRLF);
            }
            for (Parameter p : src.parameters()) {
                b.append("a=ssrc:").append(src.ssrc()).append(' ').append(p.name());
                if (!p.value().isEmpty()) {
                    b.append(':').append(p.value());
                }
                b.append(CRLF);
            }
        }
        extra(b, c.extra());
    }

    private static void extra(StringBuilder b, List<Parameter> extra) {
        for (Parameter p : extra) {
            if (p.name().equals(FORMATS)) {
                continue;
            }
            b.append("a=").append(p.name());
            if (!p.value().isEmpty()) {
                b.append(':').append(p.value());
            }
            b.append(CRLF);
        }
    }

    private static void feedback(StringBuilder b, String pt, RtcpFeedback fb) {
        b.append("a=rtcp-fb:").append(pt).append(' ').append(fb.type());
        if (!fb.subtype().isEmpty()) {
            b.append(' ').append(fb.subtype());
        }
        b.append(CRLF);
    }

    /** RFC 8866 token (used by {@code a=mid}, RFC 5888 §4). */
    static boolean isToken(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || "!#$%&'*+-.^_`{|}~".indexOf(ch) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
