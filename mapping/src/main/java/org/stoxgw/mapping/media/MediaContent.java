package org.stoxgw.mapping.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One media stream: a Jingle {@code <content/>} with an RTP description and a transport (XEP-0166,
 * 0167, 0176/0177, 0320, 0293, 0294, 0339) ↔ one SDP media description ({@code m=} section).
 *
 * <ul>
 *   <li>{@code name}: the Jingle content name ↔ {@code a=mid} (RFC 5888; table §2.1). An SDP without
 *       {@code a=mid} gets the media type plus index ({@code audio0}).</li>
 *   <li>{@code creator}: Jingle only (no SDP mapping); an SDP content is created by the author of the
 *       offer that first carried it.</li>
 *   <li>{@code senders}: absolute ({@link Senders}); {@code profile}: the SDP transport protocol token
 *       ({@code RTP/AVP}, {@code UDP/TLS/RTP/SAVPF}, …), derived on the Jingle side (AMB-V10).</li>
 *   <li>{@code connection}: the default address ({@code c=} and {@code m=} port; for ICE the default
 *       candidate, AMB-V06); port 0 = rejected/removed. {@code rtcp} is null unless RTCP has its own
 *       address ({@code a=rtcp}, Raw UDP component 2).</li>
 *   <li>{@code feedback}: rtcp-fb for every payload type ({@code a=rtcp-fb:*}); per-codec feedback is in
 *       {@link Codec#feedback()}.</li>
 *   <li>{@code extra}: SDP attributes with no Jingle counterpart, kept in order for SDP round trips (the
 *       Jingle translator drops them).</li>
 * </ul>
 * Immutable; build with {@link #builder(String, String)} or {@link #toBuilder()}.
 */
public record MediaContent(String name, Role creator, String media, Senders senders, String profile,
                           List<Codec> codecs, List<RtcpFeedback> feedback, List<HeaderExtension> headerExtensions,
                           boolean extmapAllowMixed, List<Source> sources, List<SourceGroup> sourceGroups,
                           boolean rtcpMux, List<Bandwidth> bandwidths, Transport transport, List<Crypto> cryptos,
                           boolean cryptoRequired, Address connection, Address rtcp, List<Parameter> extra) {
    public MediaContent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(senders, "senders");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(connection, "connection");
        codecs = List.copyOf(codecs);
        feedback = List.copyOf(feedback);
        headerExtensions = List.copyOf(headerExtensions);
        sources = List.copyOf(sources);
        sourceGroups = List.copyOf(sourceGroups);
        bandwidths = List.copyOf(bandwidths);
        cryptos = List.copyOf(cryptos);
        extra = List.copyOf(extra);
    }

    /** A builder for a sendrecv content created by the initiator, RTP/AVP over Raw UDP at {@link Address#UNKNOWN}. */
    public static Builder builder(String name, String media) {
        return new Builder(name, media);
    }

    /** Whether the stream is rejected or removed (port 0, RFC 3264 §6). */
    public boolean rejected() {
        return connection.port() == 0;
    }

    /** The codec with payload type {@code id}, or null. */
    public Codec codec(int id) {
        for (Codec c : codecs) {
            if (c.id() == id) {
                return c;
            }
        }
        return null;
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, media);
        b.creator = creator;
        b.senders = senders;
        b.profile = profile;
        b.codecs.addAll(codecs);
        b.feedback.addAll(feedback);
        b.headerExtensions.addAll(headerExtensions);
        b.extmapAllowMixed = extmapAllowMixed;
        b.sources.addAll(sources);
        b.sourceGroups.addAll(sourceGroups);
        b.rtcpMux = rtcpMux;
        b.bandwidths.addAll(bandwidths);
        b.transport = transport;
        b.cryptos.addAll(cryptos);
        b.cryptoRequired = cryptoRequired;
        b.connection = connection;
        b.rtcp = rtcp;
        b.extra.addAll(extra);
        return b;
    }

    public MediaContent withSenders(Senders s) {
        return toBuilder().senders(s).build();
    }

    public MediaContent withTransport(Transport t) {
        return toBuilder().transport(t).build();
    }

    public MediaContent withConnection(Address a) {
        return toBuilder().connection(a).build();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String name;
        private Role creator = Role.INITIATOR;
        private final String media;
        private Senders senders = Senders.BOTH;
        private String profile = Profiles.RTP_AVP;
        private final List<Codec> codecs = new ArrayList<>();
        private final List<RtcpFeedback> feedback = new ArrayList<>();
        private final List<HeaderExtension> headerExtensions = new ArrayList<>();
        private boolean extmapAllowMixed;
        private final List<Source> sources = new ArrayList<>();
        private final List<SourceGroup> sourceGroups = new ArrayList<>();
        private boolean rtcpMux;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private Transport transport = Transport.raw(List.of());
        private final List<Crypto> cryptos = new ArrayList<>();
        private boolean cryptoRequired;
        private Address connection = Address.UNKNOWN;
        private Address rtcp;
        private final List<Parameter> extra = new ArrayList<>();

        private Builder(String name, String media) {
            this.name = name;
            this.media = media;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder creator(Role v) { creator = v; return this; }
        public Builder senders(Senders v) { senders = v; return this; }
        public Builder profile(String v) { profile = v; return this; }
        public Builder codec(Codec v) { codecs.add(v); return this; }
        public Builder codecs(List<Codec> v) { codecs.clear(); codecs.addAll(v); return this; }
        public Builder feedback(RtcpFeedback v) { feedback.add(v); return this; }
        public Builder headerExtension(HeaderExtension v) { headerExtensions.add(v); return this; }
        public Builder extmapAllowMixed(boolean v) { extmapAllowMixed = v; return this; }
        public Builder source(Source v) { sources.add(v); return this; }
        public Builder sourceGroup(SourceGroup v) { sourceGroups.add(v); return this; }
        public Builder rtcpMux(boolean v) { rtcpMux = v; return this; }
        public Builder bandwidth(Bandwidth v) { bandwidths.add(v); return this; }
        public Builder transport(Transport v) { transport = v; return this; }
        public Builder crypto(Crypto v) { cryptos.add(v); return this; }
        public Builder cryptoRequired(boolean v) { cryptoRequired = v; return this; }
        public Builder connection(Address v) { connection = v; return this; }
        public Builder rtcp(Address v) { rtcp = v; return this; }
        public Builder extra(Parameter v) { extra.add(v); return this; }

        public MediaContent build() {
            return new MediaContent(name, creator, media, senders, profile, codecs, feedback, headerExtensions,
                    extmapAllowMixed, sources, sourceGroups, rtcpMux, bandwidths, transport, cryptos, cryptoRequired,
                    connection, rtcp, extra);
        }
    }
}
