package org.stoxgw.mapping.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;

class SdpParserTest {

    private static MediaSession parse(String sdp, Role author) {
        return SdpParser.parse(sdp, author).orElseThrow();
    }

    @Test
    @DisplayName("A plain phone's offer: codecs in m= order, static PT names and rates, fmtp, ptime, Raw UDP at c=/m= (MEDIA-14, RTP-04)")
    void plainPhone() {
        MediaSession s = parse(SdpSamples.PLAIN_PHONE, Role.INITIATOR);
        MediaContent a = s.contents().get(0);
        assertEquals("audio0", a.name());
        assertEquals(Profiles.RTP_AVP, a.profile());
        assertEquals(new Address("192.0.2.10", 10000), a.connection());
        assertEquals(Transport.Kind.RAW_UDP, a.transport().kind());
        assertEquals(List.of(0, 8, 96, 101), a.codecs().stream().map(Codec::id).toList());
        assertEquals("PCMU", a.codec(0).name());
        assertEquals(8000, a.codec(8).clockrate());
        assertEquals(2, a.codec(96).channels());
        assertEquals(List.of(new Parameter("stereo", "1"), new Parameter("sprop-stereo", "1")), a.codec(96).parameters());
        assertEquals(20, a.codec(0).ptime());
        assertEquals(Senders.BOTH, a.senders());
    }

    @Test
    @DisplayName("A WebRTC offer: BUNDLE, ICE credentials and candidates, DTLS fingerprint and setup, rtcp-fb, extmap, ssrc groups (AMB-V02)")
    void webrtc() {
        MediaSession s = parse(SdpSamples.WEBRTC, Role.INITIATOR);
        assertEquals(List.of(new MediaSession.Group("BUNDLE", List.of("0", "1"))), s.groups());
        MediaContent a = s.content("0");
        assertEquals(Profiles.DTLS_SAVPF, a.profile());
        assertTrue(a.rtcpMux());
        assertTrue(a.extmapAllowMixed());
        Transport t = a.transport();
        assertTrue(t.ice());
        assertEquals("EsAw", t.ufrag());
        assertEquals(2, t.candidates().size());
        Candidate srflx = t.candidates().get(1);
        assertEquals("srflx", srflx.type());
        assertEquals("10.0.1.1", srflx.relAddr());
        assertEquals(8998, srflx.relPort());
        assertNull(t.candidates().get(0).network(), "WebRTC's network-id is not Jingle's network (MEDIA-18)");
        assertEquals(Fingerprint.Setup.ACTPASS, t.fingerprints().get(0).setup());
        assertEquals("sha-256", t.fingerprints().get(0).hash());
        assertEquals(List.of(new RtcpFeedback("transport-cc", "")), a.codec(111).feedback());
        assertEquals(List.of(new Parameter("pt", "111,111")), a.codec(63).parameters(), "RED pt (MEDIA-30)");
        assertEquals(List.of(new Parameter("events", "0-15")), a.codec(126).parameters(), "implied events (MEDIA-29)");
        assertEquals(2, a.headerExtensions().size());
        assertEquals(Senders.RESPONDER, a.headerExtensions().get(1).senders(), "recvonly written by the initiator");
        assertEquals(List.of(new SourceGroup("FID", List.of(1001L, 1002L))), a.sourceGroups());
        assertEquals(List.of(new Parameter("cname", "abcd"), new Parameter("msid", "stream track0")),
                a.sources().get(0).parameters());
        MediaContent v = s.content("1");
        assertEquals(Senders.RESPONDER, v.senders());
        assertEquals(List.of(new RtcpFeedback("goog-remb", "")), v.feedback());
        assertEquals(List.of(new RtcpFeedback("nack", ""), new RtcpFeedback("nack", "pli"), new RtcpFeedback("ccm", "fir")),
                v.codec(96).feedback());
        assertEquals("EsAw", v.transport().ufrag(), "session-level ICE credentials apply to every m= (RFC 8839 §5.4)");
        assertTrue(s.trickle(), "media-level ice-options:trickle (RFC 8840 §4.1.1)");
        assertEquals(Fingerprint.Setup.ACTPASS, v.transport().fingerprints().get(0).setup());
    }

    @Test
    @DisplayName("Directions are read from the author's side: sendonly from the responder is senders=responder (§2.3, AMB-V14)")
    void perspective() {
        String sdp = SdpSamples.PLAIN_PHONE.replace("a=sendrecv", "a=sendonly");
        assertEquals(Senders.RESPONDER, parse(sdp, Role.RESPONDER).contents().get(0).senders());
        assertEquals(Senders.INITIATOR, parse(sdp, Role.INITIATOR).contents().get(0).senders());
        assertEquals(Senders.NONE, parse(sdp.replace("a=sendonly", "a=inactive"), Role.RESPONDER).contents().get(0).senders(),
                "inactive = none (MEDIA-22)");
    }

    @Test
    @DisplayName("V4 F1-F3, F8, F9: fmtp of SDP to parameters, format-aware where known (MEDIA-26, MEDIA-28, MEDIA-29, MEDIA-30, AMB-V15)")
    void fmtpVectors() {
        assertEquals(List.of(new Parameter("events", "0-15,66,70")), Fmtp.parse("telephone-event", "0-15,66,70"));
        MediaSession f2 = parse(SdpSamples.crlf("""
                v=0
                o=- 1 1 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.1
                t=0 0
                m=audio 49170 RTP/AVP 100
                a=rtpmap:100 telephone-event/8000
                """), Role.INITIATOR);
        assertEquals(List.of(new Parameter("events", "0-15")), f2.contents().get(0).codec(100).parameters());
        MediaSession f3 = parse(SdpSamples.crlf("""
                v=0
                o=- 1 1 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.1
                t=0 0
                m=audio 49170 RTP/AVP 99 0 103
                a=rtpmap:99 RED/8000
                a=fmtp:99 0/103
                a=rtpmap:103 G729D/8000
                a=fmtp:103 annexb=yes
                """), Role.INITIATOR);
        assertEquals(List.of(99, 0, 103), f3.contents().get(0).codecs().stream().map(Codec::id).toList());
        assertEquals(List.of(new Parameter("pt", "0,103")), f3.contents().get(0).codec(99).parameters());
        assertEquals(List.of(new Parameter("annexb", "yes")), f3.contents().get(0).codec(103).parameters());
        assertEquals(List.of(new Parameter("foo", "1"), new Parameter("bar", "2")), Fmtp.parse("x-unknown", "foo=1; bar=2"));
        assertEquals(List.of(new Parameter("foo", "1"), new Parameter("bar", "2")), Fmtp.parse("x-unknown", "foo=1,bar=2"));
        assertEquals(List.of(new Parameter("", "0-15")), Fmtp.parse("x-unknown", "0-15"));
        assertEquals(List.of(new Parameter("sprop-parameter-sets", "Z0IAH5WoFAFuQA==,aM48gA==")),
                Fmtp.parse("H264", "sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA=="), "a comma inside a value is no separator");
    }

    @Test
    @DisplayName("V5/V6/V7 from SDP: crypto, fingerprint with setup, candidates (RTP-06, DTLS-01, MEDIA-17: no id from SDP)")
    void securityAndIce() {
        MediaSession s = parse(SdpSamples.crlf("""
                v=0
                o=- 1 1 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.3
                t=0 0
                m=audio 45664 RTP/SAVP 0
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP
                a=setup:active
                a=fingerprint:sha-256 BD:E8:21:66
                a=ice-ufrag:8hhy
                a=ice-pwd:asd88fgpdd777uzjYhagZg
                a=candidate:1 1 UDP 2130706431 10.0.1.1 8998 typ host
                """), Role.RESPONDER);
        MediaContent c = s.contents().get(0);
        Crypto k = c.cryptos().get(0);
        assertEquals(1, k.tag());
        assertEquals("AES_CM_128_HMAC_SHA1_80", k.suite());
        assertEquals("KDR=1 UNENCRYPTED_SRTCP", k.sessionParams());
        assertFalse(k.toString().contains("WVNf"), "the key is a secret");
        assertEquals(new Fingerprint("sha-256", "BD:E8:21:66", Fingerprint.Setup.ACTIVE), c.transport().fingerprints().get(0));
        Candidate host = c.transport().candidates().get(0);
        assertEquals("udp", host.protocol());
        assertNull(host.id());
        assertEquals(0, host.generation());
    }

    @Test
    @DisplayName("A rejected stream (port 0) is kept and marked rejected (RFC 3264 §6)")
    void rejected() {
        MediaSession s = parse(SdpSamples.PLAIN_PHONE.replace("m=audio 10000", "m=audio 0"), Role.RESPONDER);
        assertTrue(s.contents().get(0).rejected());
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "",
            "v=1\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n",
            "v=0\r\ns=-\r\no=- 1 1 IN IP4 h\r\nt=0 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nx=unknown\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 1 RTP/AVP 96\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\na=candidate:1 1 udp 1 h 1 typ host\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\na=ice-ufrag:u\r\na=ice-pwd:p\r\na=candidate:1 1 udp x h 1 typ host\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\na=setup:sideways\r\n",
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IP4 h\r\nt=0 0\r\n",
    })
    void refusals(String sdp) {
        ParseResult<MediaSession> r = SdpParser.parse(sdp, Role.INITIATOR);
        ParseResult.Refused<MediaSession> refused = assertInstanceOf(ParseResult.Refused.class, r);
        assertEquals(ParseProblem.MALFORMED, refused.problem());
        assertFalse(refused.detail().isEmpty());
    }

    @Test
    @DisplayName("An over-long body is refused as too large")
    void tooLarge() {
        String big = SdpSamples.PLAIN_PHONE + "a=x:" + "y".repeat(SdpParser.MAX_LENGTH) + "\r\n";
        assertEquals(ParseProblem.TOO_LARGE, ((ParseResult.Refused<MediaSession>) SdpParser.parse(big, Role.INITIATOR)).problem());
    }

    @Test
    @DisplayName("LF-only line ends are accepted (RFC 8866 §5)")
    void lfOnly() {
        assertEquals(4, parse(SdpSamples.PLAIN_PHONE.replace("\r\n", "\n"), Role.INITIATOR).contents().get(0).codecs().size());
    }
}
