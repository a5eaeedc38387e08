package org.stoxgw.mapping.media;

/** SDP bodies as real peers send them, for the SDP and translator tests. */
final class SdpSamples {
    private SdpSamples() {
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    /** A baresip-style plain RTP offer: G.711, Opus, telephone-event, no ICE. */
    static final String PLAIN_PHONE = crlf("""
            v=0
            o=- 1234 5678 IN IP4 192.0.2.10
            s=-
            c=IN IP4 192.0.2.10
            t=0 0
            m=audio 10000 RTP/AVP 0 8 96 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 stereo=1; sprop-stereo=1
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            """);

    /** A WebRTC-style offer (as a browser or Conversations writes it): BUNDLE, ICE, DTLS, rtcp-fb, extmap, ssrc. */
    static final String WEBRTC = crlf("""
            v=0
            o=- 4611731400430051336 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0 1
            a=extmap-allow-mixed
            a=msid-semantic: WMS stream
            a=ice-ufrag:EsAw
            a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y
            a=fingerprint:sha-256 02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2
            a=setup:actpass
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 0 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=ice-options:trickle
            a=mid:0
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:2/recvonly http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=sendrecv
            a=msid:stream track0
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:63 red/48000/2
            a=fmtp:63 111/111
            a=rtpmap:0 PCMU/8000
            a=rtpmap:126 telephone-event/8000
            a=ssrc-group:FID 1001 1002
            a=ssrc:1001 cname:abcd
            a=ssrc:1001 msid:stream track0
            a=ssrc:1002 cname:abcd
            a=candidate:1 1 udp 2130706431 10.0.1.1 8998 typ host generation 0 network-id 1
            a=candidate:2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998 generation 0
            m=video 9 UDP/TLS/RTP/SAVPF 96 97
            c=IN IP4 0.0.0.0
            a=mid:1
            a=recvonly
            a=rtcp-mux
            a=rtpmap:96 VP8/90000
            a=rtcp-fb:96 nack
            a=rtcp-fb:96 nack pli
            a=rtcp-fb:96 ccm fir
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            a=rtcp-fb:* goog-remb
            """);
}
