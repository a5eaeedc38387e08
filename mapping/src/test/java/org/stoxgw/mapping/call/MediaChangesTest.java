package org.stoxgw.mapping.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.jingle.JingleMedia;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.Codec;
import org.stoxgw.mapping.media.MediaContent;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.SdpParser;
import org.stoxgw.mapping.media.SdpWriter;
import org.stoxgw.mapping.media.Senders;
import org.stoxgw.mapping.media.Transport;

class MediaChangesTest {
    private static final String SIP_SDP = String.join("\r\n", List.of("v=0", "o=romeo 10 1 IN IP4 192.0.2.201", "s=-",
            "c=IN IP4 192.0.2.201", "t=0 0", "m=audio 3456 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15", "a=sendrecv", ""));

    private static MediaSession sip(String sdp) {
        return SdpParser.parse(sdp, Role.INITIATOR).orElseThrow();
    }

    @Test
    @DisplayName("V3: a Jingle hold (session-info <hold/> or content-modify) from the responder gives a re-INVITE with o= version+1 and every m-line a=sendonly; unhold gives sendrecv (MEDIA-20)")
    void v3() {
        MediaSession ours = sip(SIP_SDP); // what the gateway last offered on juliet's (the responder's) behalf
        Hold held = Hold.NONE.set(Role.RESPONDER, true);
        MediaSession reinvite = held.offer(ours);
        String sdp = SdpWriter.write(reinvite, Role.RESPONDER);
        assertTrue(sdp.contains("o=romeo 10 2 IN IP4"), sdp);
        assertTrue(sdp.contains("a=sendonly\r\n"), sdp);
        assertFalse(sdp.contains("a=sendrecv"));
        String back = SdpWriter.write(held.set(Role.RESPONDER, false).offer(reinvite), Role.RESPONDER);
        assertTrue(back.contains("a=sendrecv\r\n") && back.contains(" 3 IN IP4"));
    }

    @Test
    @DisplayName("Mutual hold is inactive = senders none (MEDIA-22)")
    void mutualHold() {
        Hold both = Hold.NONE.set(Role.INITIATOR, true).set(Role.RESPONDER, true);
        assertEquals(Senders.NONE, both.senders());
        assertTrue(SdpWriter.write(both.offer(sip(SIP_SDP)), Role.INITIATOR).contains("a=inactive"));
    }

    @Test
    @DisplayName("AMB-V12: a session refresh (same o= version, RFC 4028) reaches Jingle as nothing; sendonly from SIP is content-modify senders=SIP party (MEDIA-21); a new plain address is transport-replace with Raw UDP (ICE-04)")
    void reinvites() {
        MediaSession before = sip(SIP_SDP);
        assertTrue(ReInvites.classify(before, sip(SIP_SDP)).isEmpty(), "refresh");
        MediaSession hold = sip(SIP_SDP.replace(" 10 1 ", " 10 2 ").replace("a=sendrecv", "a=sendonly"));
        assertEquals(List.of(new ReInvites.Change(ReInvites.Kind.CONTENT_MODIFY, "audio0", Senders.INITIATOR)),
                ReInvites.classify(before, hold));
        MediaSession moved = sip(SIP_SDP.replace(" 10 1 ", " 10 2 ").replace("m=audio 3456", "m=audio 4000"));
        assertEquals(ReInvites.Kind.TRANSPORT_REPLACE, ReInvites.classify(before, moved).get(0).kind());
        MediaSession removed = sip(SIP_SDP.replace(" 10 1 ", " 10 2 ").replace("m=audio 3456", "m=audio 0"));
        assertEquals(ReInvites.Kind.CONTENT_REMOVE, ReInvites.classify(before, removed).get(0).kind());
        MediaSession codecsOnly = sip(SIP_SDP.replace(" 10 1 ", " 10 2 ").replace("RTP/AVP 0 101", "RTP/AVP 101 0"));
        assertEquals(ReInvites.Kind.LOCAL, ReInvites.classify(before, codecsOnly).get(0).kind());
        MediaSession added = sip(SIP_SDP.replace(" 10 1 ", " 10 2 ") + "m=video 5000 RTP/AVP 31\r\n");
        assertEquals(ReInvites.Kind.CONTENT_ADD, ReInvites.classify(before, added).get(0).kind());
    }

    private static Candidate cand(String type, String ip, long priority) {
        return new Candidate("f" + ip.hashCode(), 1, "udp", priority, ip, 5000, type, null, 0, 0, "id" + ip, null, null);
    }

    private static MediaSession iceOffer() {
        MediaContent c = MediaContent.builder("audio", "audio").codec(Codec.of(111, "opus", 48000, 2))
                .transport(new Transport(Transport.Kind.ICE_UDP, "u1", "p1", List.of(cand("host", "10.0.0.1", 2130706431)), List.of()))
                .build();
        return MediaSession.of(new MediaSession.Origin("alice", 1, 1, "gw.example"), List.of(c));
    }

    @Test
    @DisplayName("MEDIA-04: trickled candidates are gathered into the vanilla first offer; the default address moves to the best (relay); complete once every content has a relay")
    void gathering() {
        IceCandidates ice = new IceCandidates();
        MediaSession initial = iceOffer();
        assertFalse(ice.complete(initial));
        ice.add("audio", new Transport(Transport.Kind.ICE_UDP, "u1", "p1", List.of(cand("srflx", "192.0.2.3", 1694498815)), List.of()));
        ice.add("audio", new Transport(Transport.Kind.ICE_UDP, "u1", "p1", List.of(cand("relay", "198.51.100.7", 16777215),
                cand("srflx", "192.0.2.3", 1694498815)), List.of()));
        assertTrue(ice.complete(initial));
        MediaSession offer = ice.offer(initial);
        MediaContent c = offer.contents().get(0);
        assertEquals(3, c.transport().candidates().size(), "duplicates dropped");
        assertEquals("198.51.100.7", c.connection().ip(), "AMB-V06: relay is the default");
        String sdp = SdpWriter.write(offer, Role.INITIATOR);
        assertEquals(3, sdp.split("a=candidate:", -1).length - 1);
        assertFalse(sdp.contains("a=ice-options:trickle"), "a first offer is vanilla (MEDIA-04)");
    }

    @Test
    @DisplayName("ICE restart: new ufrag/pwd replace the gathered candidates (ICE-02, MEDIA-07); new SIP credentials raise the Jingle generation (MEDIA-16)")
    void restart() {
        IceCandidates ice = new IceCandidates();
        Transport first = new Transport(Transport.Kind.ICE_UDP, "u1", "p1", List.of(cand("host", "10.0.0.1", 1)), List.of());
        Transport second = new Transport(Transport.Kind.ICE_UDP, "u2", "p2", List.of(cand("host", "10.0.0.2", 1)), List.of());
        assertTrue(IceCandidates.restarted(first, second));
        assertFalse(IceCandidates.restarted(first, first.withCandidates(List.of())));
        ice.add("audio", first);
        ice.add("audio", second);
        MediaContent c = ice.offer(iceOffer()).contents().get(0);
        assertEquals("u2", c.transport().ufrag());
        assertEquals(List.of("10.0.0.2"), c.transport().candidates().stream().map(Candidate::ip).toList());
        assertEquals(0, ice.sipGeneration("a", "b"));
        assertEquals(0, ice.sipGeneration("a", "b"));
        assertEquals(1, ice.sipGeneration("c", "d"));
        assertEquals(1, JingleMedia.toJingle(sip(SIP_SDP), 1).contents().size());
    }

    @Test
    @DisplayName("V8: transport-info -> RFC 8840 INFO sdpfrag (ufrag/pwd, m=audio 9 RTP/AVP 0, a=mid, candidate) and back (MEDIA-12)")
    void v8() {
        Candidate srflx = new Candidate("2", 1, "udp", 1694498815, "192.0.2.3", 45664, "srflx", "10.0.1.1", 8998, 0,
                "y3s2b30v3r", null, null);
        Transport t = new Transport(Transport.Kind.ICE_UDP, "8hhy", "asd88fgpdd777uzjYhagZg", List.of(srflx), List.of());
        String body = TrickleFragments.write(List.of(new TrickleFragments.Part("this-is-the-audio-content", t, false)));
        assertEquals("a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n"
                + "a=ice-ufrag:8hhy\r\n"
                + "m=audio 9 RTP/AVP 0\r\n"
                + "a=mid:this-is-the-audio-content\r\n"
                + "a=candidate:2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998\r\n", body);
        TrickleFragments.Part back = TrickleFragments.parse(body).get(0);
        assertEquals("this-is-the-audio-content", back.mid());
        assertEquals("8hhy", back.transport().ufrag());
        assertEquals(srflx.withId(null), back.transport().candidates().get(0));
    }

    @Test
    @DisplayName("Without anchoring: an ICE offer answered without ICE, or with no codec in common, is refused with a named reason (MEDIA-01, MEDIA-02, MEDIA-03, AMB-V06)")
    void incompatible() {
        MediaSession offer = iceOffer();
        MediaSession plain = sip(SIP_SDP);
        assertTrue(org.stoxgw.mapping.media.OfferAnswer.incompatible(offer, plain).startsWith("transport"));
        assertTrue(org.stoxgw.mapping.media.OfferAnswer.incompatible(plain, plain) == null);
        MediaSession g729 = sip(SIP_SDP.replace("RTP/AVP 0 101", "RTP/AVP 18 101"));
        assertTrue(org.stoxgw.mapping.media.OfferAnswer.incompatible(plain, g729).startsWith("codecs"));
    }

    @Test
    @DisplayName("DTMF: RFC 4733 telephone-event passes when both sides carry it at the same rate (AMB-V13, MEDIA-29)")
    void dtmf() {
        MediaContent offer = sip(SIP_SDP).contents().get(0);
        assertTrue(Dtmf.passes(offer, offer));
        MediaContent noDtmf = sip(SIP_SDP.replace("RTP/AVP 0 101", "RTP/AVP 0")).contents().get(0);
        assertFalse(Dtmf.passes(offer, noDtmf));
        assertEquals("0-15", offer.codec(101).parameter("events"));
    }
}
