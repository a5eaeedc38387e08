package org.stoxgw.mapping.jingle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jivesoftware.smack.packet.XmlElement;
import org.stoxgw.mapping.media.Address;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.Codec;
import org.stoxgw.mapping.media.MediaContent;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.Profiles;
import org.stoxgw.mapping.media.Senders;
import org.stoxgw.mapping.media.Source;
import org.stoxgw.mapping.media.StaticPayloads;
import org.stoxgw.mapping.media.Transport;

/**
 * Jingle contents ↔ the neutral {@link MediaSession} (the Jingle half of CALL-01; {@code SdpParser} /
 * {@code SdpWriter} are the SDP half).
 *
 * <h2>Jingle → model ({@link #toModel})</h2>
 * Each content needs an RTP description (else {@code unsupported-applications}) and an ICE-UDP or
 * Raw UDP transport (else {@code unsupported-transports}). The profile follows AMB-V10
 * ({@link Profiles#forJingle}); a static payload type's missing clock rate comes from RFC 3551 (V1);
 * absent {@code senders} is both (MEDIA-09). The SDP default address (AMB-V06): Raw UDP's component-1
 * candidate (MEDIA-14); for ICE the component-1 UDP candidate of the highest generation preferring
 * relay, then srflx, then prflx, then host, then the highest priority; none yet gives
 * {@code 0.0.0.0:9} (RFC 8840 §4.2). The description's {@code ssrc} becomes a source.
 *
 * <h2>Model → Jingle ({@link #toJingle})</h2>
 * Non-RTP and rejected (port 0) contents are left out and named in {@link Offer#skipped()} (the SDP
 * answer gives them port 0). ICE candidates get ids unique within the session and generation
 * (MEDIA-17) and the given generation (MEDIA-16); without ICE the content gets a Raw UDP transport with
 * candidates for RTP and, unless rtcp-mux, RTCP (RAW-01). SDES crypto becomes {@code <encryption/>}
 * (RTP-06); the profile token itself is dropped (AMB-V10). Pure and thread-safe.
 */
public final class JingleMedia {
    private JingleMedia() {
    }

    /**
     * A refusal to translate, with the Jingle reason to terminate with (JNG-03, JNG-04) and, for
     * {@code security-error}, the RTP error condition ({@code crypto-required}, {@code invalid-crypto}, RTP-06).
     */
    public record Refusal(JingleReason.Condition condition, String detail, String rtpError) {
        public Refusal(JingleReason.Condition condition, String detail) {
            this(condition, detail, null);
        }

        /** The session-terminate reason. */
        public JingleReason reason() {
            return new JingleReason(condition, detail, null, rtpError);
        }
    }

    /** Either the model or a refusal. */
    public record Result(MediaSession session, Refusal refusal) {
        public boolean ok() {
            return session != null;
        }
    }

    /** Contents and groups for a Jingle stanza, plus the names of model contents that have none. */
    public record Offer(List<JingleContent> contents, List<JingleGroup> groups, List<String> skipped) {
    }

    /** The SDP origin for a session the Jingle {@code initiator} started: {@code o=} username = its localpart (table §2.1). */
    public static MediaSession.Origin origin(String initiator, long sessionId, long version, String address) {
        String user = initiator == null ? "-" : initiator;
        int at = user.indexOf('@');
        user = at > 0 ? user.substring(0, at) : "-";
        return new MediaSession.Origin(user, sessionId, version, address);
    }

    /** The model of Jingle {@code contents} and {@code groups}, with {@code origin}. */
    public static Result toModel(List<JingleContent> contents, List<JingleGroup> groups, MediaSession.Origin origin) {
        Objects.requireNonNull(origin, "origin");
        if (contents.isEmpty()) {
            return refuse(JingleReason.Condition.UNSUPPORTED_APPLICATIONS, "no content");
        }
        List<MediaContent> out = new ArrayList<>(contents.size());
        for (JingleContent c : contents) {
            if (!(c.description() instanceof RtpDescription d)) {
                return refuse(JingleReason.Condition.UNSUPPORTED_APPLICATIONS, "content " + c.name() + " is not RTP ("
                        + (c.description() == null ? "no description" : ns(c.description())) + ")");
            }
            XmlElement t = c.transport();
            Transport transport;
            if (t instanceof IceUdpTransport ice) {
                transport = new Transport(Transport.Kind.ICE_UDP, ice.ufrag(), ice.pwd(), ice.candidates(), ice.fingerprints());
            } else if (t instanceof RawUdpTransport raw) {
                transport = Transport.raw(raw.candidates());
            } else {
                return refuse(JingleReason.Condition.UNSUPPORTED_TRANSPORTS, "content " + c.name() + " has "
                        + (t == null ? "no transport" : "transport " + ns(t)));
            }
            if (transport.ice() && (transport.ufrag() == null || transport.pwd() == null) && !transport.candidates().isEmpty()) {
                return refuse(JingleReason.Condition.FAILED_TRANSPORT, "ICE candidates without ufrag/pwd (ICE-01)");
            }
            out.add(content(c, d, transport));
        }
        List<MediaSession.Group> gs = new ArrayList<>(groups.size());
        groups.forEach(g -> gs.add(new MediaSession.Group(g.semantics(), g.names())));
        return new Result(new MediaSession(origin, out, gs, false, false, List.of()), null);
    }

    private static MediaContent content(JingleContent c, RtpDescription d, Transport transport) {
        boolean feedback = !d.feedback().isEmpty() || d.codecs().stream().anyMatch(k -> !k.feedback().isEmpty());
        MediaContent.Builder b = MediaContent.builder(c.name(), d.media()).creator(c.creator())
                .senders(c.senders() == null ? Senders.BOTH : c.senders())
                .profile(Profiles.forJingle(!transport.fingerprints().isEmpty(), !d.cryptos().isEmpty(), feedback))
                .rtcpMux(d.rtcpMux()).extmapAllowMixed(d.extmapAllowMixed()).transport(transport)
                .cryptoRequired(d.encryptionRequired());
        for (Codec k : d.codecs()) {
            b.codec(k.clockrate() == 0 && !k.dynamic()
                    ? new Codec(k.id(), k.name(), StaticPayloads.clockrate(k.id()), k.channels(), k.ptime(), k.maxptime(),
                            k.parameters(), k.feedback())
                    : k);
        }
        d.feedback().forEach(b::feedback);
        d.headerExtensions().forEach(b::headerExtension);
        d.sources().forEach(b::source);
        if (d.ssrc() != null && d.sources().stream().noneMatch(s -> s.ssrc() == d.ssrc())) {
            b.source(new Source(d.ssrc(), List.of()));
        }
        d.sourceGroups().forEach(b::sourceGroup);
        d.bandwidths().forEach(b::bandwidth);
        d.cryptos().forEach(b::crypto);
        Candidate rtp = defaultCandidate(transport, 1);
        b.connection(rtp == null ? Address.UNKNOWN : new Address(rtp.ip(), rtp.port()));
        Candidate rtcp = d.rtcpMux() ? null : defaultCandidate(transport, 2);
        if (rtcp != null) {
            b.rtcp(new Address(rtcp.ip(), rtcp.port()));
        }
        return b.build();
    }

    /**
     * The model transport of a content of a transport-info (or transport-replace) — contents that carry only a
     * transport — or null when it is neither ICE-UDP nor Raw UDP (answer {@code unsupported-transports}).
     */
    public static Transport transport(JingleContent c) {
        if (c.transport() instanceof IceUdpTransport ice) {
            return new Transport(Transport.Kind.ICE_UDP, ice.ufrag(), ice.pwd(), ice.candidates(), ice.fingerprints());
        }
        if (c.transport() instanceof RawUdpTransport raw) {
            return Transport.raw(raw.candidates());
        }
        return null;
    }

    /**
     * A transport-info content for model {@code t} of content {@code name} created by {@code creator}: the
     * SIP side's trickled candidates (RFC 8840 INFO → transport-info), with ids and {@code generation}
     * (MEDIA-16, MEDIA-17).
     */
    public static JingleContent transportInfo(org.stoxgw.mapping.media.Role creator, String name, Transport t, int generation) {
        List<Candidate> cs = new ArrayList<>(t.candidates().size());
        int n = 0;
        for (Candidate k : t.candidates()) {
            if (k.protocol().equals("udp")) {
                cs.add(k.withGeneration(generation).withId("g" + generation + "t" + name.hashCode() + "c" + (++n)));
            }
        }
        return new JingleContent(creator, name, null, null, null, new IceUdpTransport(t.ufrag(), t.pwd(), cs, t.fingerprints()));
    }

    /** The default candidate of {@code component} (AMB-V06), or null. */
    public static Candidate defaultCandidate(Transport t, int component) {
        int generation = t.candidates().stream().mapToInt(Candidate::generation).max().orElse(0);
        return t.candidates().stream()
                .filter(k -> k.component() == component && k.generation() == generation && k.protocol().equals("udp"))
                .max(Comparator.comparingInt((Candidate k) -> typeRank(k.type())).thenComparingLong(Candidate::priority))
                .orElse(null);
    }

    private static int typeRank(String type) {
        return switch (type) {
            case "relay" -> 3;
            case "srflx" -> 2;
            case "prflx" -> 1;
            default -> 0;
        };
    }

    /** The Jingle contents of {@code s}; ICE candidates carry {@code generation} (MEDIA-16). */
    public static Offer toJingle(MediaSession s, int generation) {
        List<JingleContent> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int index = 0;
        for (MediaContent c : s.contents()) {
            index++;
            if (!Profiles.rtp(c.profile()) || c.rejected()) {
                skipped.add(c.name());
                continue;
            }
            boolean encryption = !c.cryptos().isEmpty();
            RtpDescription d = new RtpDescription(c.media(), null, c.codecs(), c.feedback(), c.headerExtensions(),
                    c.extmapAllowMixed(), c.sources(), c.sourceGroups(), c.bandwidths(), c.rtcpMux(), encryption,
                    c.cryptoRequired(), c.cryptos());
            XmlElement transport;
            Transport t = c.transport();
            if (t.ice()) {
                List<Candidate> cs = new ArrayList<>(t.candidates().size());
                int n = 0;
                for (Candidate k : t.candidates()) {
                    // ids unique within the session and generation (MEDIA-17); TCP candidates have no ICE-UDP form
                    if (k.protocol().equals("udp")) {
                        cs.add(k.withGeneration(generation).withId("g" + generation + "m" + index + "c" + (++n)));
                    }
                }
                transport = new IceUdpTransport(t.ufrag(), t.pwd(), cs, t.fingerprints());
            } else {
                List<Candidate> cs = new ArrayList<>(2);
                cs.add(Candidate.raw(1, c.connection().ip(), c.connection().port(), generation, "m" + index + "rtp"));
                if (!c.rtcpMux()) {
                    Address rtcp = c.rtcp() != null ? c.rtcp() : c.connection().withPort(c.connection().port() + 1);
                    cs.add(Candidate.raw(2, rtcp.ip(), rtcp.port(), generation, "m" + index + "rtcp"));
                }
                transport = new RawUdpTransport(cs);
            }
            out.add(new JingleContent(c.creator(), c.name(), c.senders() == Senders.BOTH ? null : c.senders(), null, d,
                    transport));
        }
        List<JingleGroup> groups = new ArrayList<>();
        s.groups().forEach(g -> groups.add(new JingleGroup(g.semantics(), g.names())));
        return new Offer(out, groups, skipped);
    }

    private static Result refuse(JingleReason.Condition c, String detail) {
        return new Result(null, new Refusal(c, detail));
    }

    private static String ns(XmlElement e) {
        return "{" + e.getNamespace() + "}" + e.getElementName();
    }
}
