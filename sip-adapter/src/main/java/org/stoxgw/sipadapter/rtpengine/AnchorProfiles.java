package org.stoxgw.sipadapter.rtpengine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ng flags of the two profiles (rtpengine 10.5 ng keys; README "Media anchoring"). An offer
 * toward {@link MediaAnchor.Side#SIP} becomes plain RTP/AVP: ICE removed, no DTLS, no SDES, and
 * rtcp-mux taken apart ({@code demux}: RTCP on its own port toward SIP, still muxed toward the
 * offerer). An offer toward {@link MediaAnchor.Side#XMPP} becomes UDP/TLS/RTP/SAVPF with
 * rtpengine's own ICE candidate, a DTLS fingerprint with {@code setup:actpass} (rtpengine
 * prefers the passive role so it never starts a handshake before ICE is done), no SDES, rtcp-mux
 * required and an {@code a=mid}, and no {@code a=rtcp} line (RTCP is muxed; its short form, port only, is
 * more than some WebRTC stacks parse: werift fails on it). Answers keep the protocol of the offer they answer (rtpengine's
 * default), with ICE removed toward SIP and forced toward XMPP.
 *
 * <p>Both: {@code original sendrecv} keeps the direction the call path wrote (hold is its
 * decision, not rtpengine's reading of a zero address); {@code zero address} puts rtpengine's
 * address where a WebRTC SDP has {@code c=0.0.0.0} (its candidates say where media goes);
 * {@code origin} and {@code session connection} point o= and c= at rtpengine. Codecs listed for the
 * target side are added when missing and transcoded by rtpengine if chosen. Pure.
 */
final class AnchorProfiles {
    private AnchorProfiles() {
    }

    static Map<String, Object> offer(String callId, String fromTag, String sdp, MediaAnchor.Side towards,
                                     List<String> addCodecs) {
        Map<String, Object> m = base("offer", callId, fromTag, sdp);
        List<Object> flags = new ArrayList<>(List.of("original sendrecv"));
        if (towards == MediaAnchor.Side.SIP) {
            m.put("transport protocol", "RTP/AVP");
            m.put("ICE", "remove");
            m.put("DTLS", "off");
            m.put("rtcp-mux", List.of("demux"));
        } else {
            m.put("transport protocol", "UDP/TLS/RTP/SAVPF");
            m.put("ICE", "force");
            m.put("DTLS", "passive");
            m.put("rtcp-mux", List.of("offer", "require"));
            flags.add("generate mid");
            flags.add("no rtcp attribute");
        }
        m.put("SDES", List.of("off"));
        m.put("flags", flags);
        if (!addCodecs.isEmpty()) {
            m.put("codec", Map.of("transcode", List.copyOf(addCodecs)));
        }
        return m;
    }

    static Map<String, Object> answer(String callId, String fromTag, String toTag, String sdp, MediaAnchor.Side towards) {
        Map<String, Object> m = base("answer", callId, fromTag, sdp);
        m.put("to-tag", toTag);
        if (towards == MediaAnchor.Side.SIP) {
            m.put("flags", List.of("original sendrecv"));
            m.put("ICE", "remove");
        } else {
            m.put("flags", List.of("original sendrecv", "no rtcp attribute"));
            m.put("ICE", "force");
            m.put("rtcp-mux", List.of("accept"));
        }
        return m;
    }

    private static Map<String, Object> base(String command, String callId, String fromTag, String sdp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("call-id", callId);
        m.put("from-tag", fromTag);
        m.put("sdp", sdp);
        m.put("replace", List.of("origin", "session connection", "zero address"));
        return m;
    }

    /**
     * Adds {@code a=group:BUNDLE} over the m-lines' {@code a=mid} values when the SDP has none:
     * rtpengine 10.5 does not write BUNDLE groups, and WebRTC stacks with a max-bundle policy want
     * one even for a single m-line (RFC 8843 §7.1). An SDP without mids is returned as it is.
     */
    static String withBundleGroup(String sdp) {
        if (sdp.contains("a=group:BUNDLE")) {
            return sdp;
        }
        StringBuilder mids = new StringBuilder();
        for (String line : sdp.split("\r\n|\n")) {
            if (line.startsWith("a=mid:")) {
                mids.append(' ').append(line.substring(6).trim());
            }
        }
        if (mids.length() == 0) {
            return sdp;
        }
        int m = sdp.startsWith("m=") ? 0 : sdp.indexOf("\nm=");
        if (m < 0) {
            return sdp;
        }
        int at = m == 0 ? 0 : m + 1;
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        return sdp.substring(0, at) + "a=group:BUNDLE" + mids + eol + sdp.substring(at);
    }
}
