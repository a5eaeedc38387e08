package org.stoxgw.sipadapter.rtpengine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.HostPort;

/**
 * {@code gateway.sip.rtpengine}: where rtpengine's ng control port is, which SIP peers or domains
 * get their calls anchored through it, the ng timers, and the codecs it adds to offers (transcoding
 * what the two sides do not share).
 *
 * @param address    the ng control address; empty = no anchoring, the gateway is signalling-only (MEDIA-01)
 * @param anchor     peer names ({@code gateway.sip.trust.peers}) or SIP domains anchored; {@code *} = all
 * @param direct     peer names or domains never anchored; wins over {@code anchor}
 * @param timeout    wait for one reply before the command is sent again
 * @param retries    how many times a command is sent again
 * @param pingInterval interval of the ping that tracks rtpengine's state
 * @param sipCodecs  codecs added to offers toward SIP when missing
 * @param xmppCodecs codecs added to offers toward XMPP when missing
 * @param maxPending ng commands waiting at once
 */
public record RtpEngineSettings(Optional<HostPort> address, List<String> anchor, List<String> direct, Duration timeout,
                                int retries, Duration pingInterval, List<String> sipCodecs, List<String> xmppCodecs,
                                int maxPending) {
    /** rtpengine's usual ng port. */
    public static final int DEFAULT_PORT = 2223;

    public RtpEngineSettings {
        anchor = List.copyOf(anchor.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        direct = List.copyOf(direct.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        sipCodecs = List.copyOf(sipCodecs);
        xmppCodecs = List.copyOf(xmppCodecs);
    }

    /** Whether anchoring is configured at all. */
    public boolean enabled() {
        return address.isPresent();
    }

    /**
     * Whether a call with SIP peer {@code trustedPeer} (the trust entry's name, may be null for an
     * outbound call) and SIP domain {@code domain} is anchored: never without an address; never when
     * either is in {@code direct}; else when either (or {@code *}) is in {@code anchor}.
     */
    public boolean anchors(String trustedPeer, String domain) {
        if (!enabled()) {
            return false;
        }
        String p = trustedPeer == null ? null : trustedPeer.toLowerCase(Locale.ROOT);
        String d = domain == null ? null : domain.toLowerCase(Locale.ROOT);
        if (matches(direct, p, d)) {
            return false;
        }
        return anchor.contains("*") || matches(anchor, p, d);
    }

    private static boolean matches(List<String> list, String peer, String domain) {
        for (String s : list) {
            if (s.equals(peer) || s.equals(domain) || domain != null && s.startsWith("*.") && domain.endsWith(s.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** Reads {@code sip.rtpengine} under the {@code gateway} reader. */
    public static RtpEngineSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("sip").section("rtpengine");
        return new RtpEngineSettings(
                r.optionalHostPort("address", DEFAULT_PORT),
                r.strings("anchor"),
                r.strings("direct"),
                r.duration("timeout", Duration.ofMillis(50), Duration.ofSeconds(30)),
                r.integer("retries", 0, 10),
                r.duration("ping-interval", Duration.ofMillis(100), Duration.ofMinutes(10)),
                r.strings("sip-codecs"),
                r.strings("xmpp-codecs"),
                r.integer("max-pending", 1, 1_000_000));
    }
}
