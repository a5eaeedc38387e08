package org.stoxgw.mapping.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.mapping.sip.MsrpUri;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.message.IsComposing;
import org.stoxgw.mapping.payload.XmlLimits;

class MsrpMediaTest {

    static final String C2_ANSWER = "v=0\r\no=- 1 1 IN IP4 s2x.example.net\r\ns=-\r\nc=IN IP4 s2x.example.net\r\nt=0 0\r\n"
            + "m=message 12763 TCP/MSRP *\r\na=accept-types:text/plain\r\n"
            + "a=path:msrp://s2x.example.net:12763/kjhd37s2s20w2a;tcp\r\n";

    @Test
    @DisplayName("C1, CHAT-04, MSRP-19: the offer has m=message <port> TCP/MSRP *, c= and port from the path, a=path, a=accept-types")
    void offer() {
        MsrpUri own = MsrpUri.of(false, "x2s.example.com", 7654, "jshA7weztas");
        MsrpMedia m = new MsrpMedia(MsrpPath.of(own), List.of("text/plain", "message/cpim"), List.of("text/plain"),
                8000, MsrpMedia.Setup.ACTIVE);
        String sdp = m.toSdp("-", 42, 1);
        assertTrue(sdp.startsWith("v=0\r\no=- 42 1 IN IP4 x2s.example.com\r\ns=-\r\nc=IN IP4 x2s.example.com\r\nt=0 0\r\n"));
        assertTrue(sdp.contains("m=message 7654 TCP/MSRP *\r\n"));
        assertTrue(sdp.contains("a=accept-types:text/plain message/cpim\r\n"));
        assertTrue(sdp.contains("a=accept-wrapped-types:text/plain\r\n"));
        assertTrue(sdp.contains("a=path:msrp://x2s.example.com:7654/jshA7weztas;tcp\r\n"));
        assertTrue(sdp.contains("a=max-size:8000\r\n"));
        MsrpMedia back = MsrpMedia.parse(sdp.getBytes(StandardCharsets.US_ASCII)).media();
        assertEquals(m, back);
        assertTrue(MsrpMedia.parse(MsrpMedia.of(own).toSdp("-", 1, 1).getBytes(StandardCharsets.US_ASCII)).ok());
    }

    @Test
    @DisplayName("C2: the answer's a=path and accept-types are read; MSRP-20: only listed types may be sent")
    void answer() {
        MsrpMedia.Parsed p = MsrpMedia.parse(C2_ANSWER.getBytes(StandardCharsets.US_ASCII));
        assertTrue(p.ok());
        assertEquals("msrp://s2x.example.net:12763/kjhd37s2s20w2a;tcp", p.media().path().toString());
        assertTrue(p.media().accepts("text/plain"));
        assertFalse(p.media().accepts("application/im-iscomposing+xml"), "C13/AMB-C07: not listed, not sent");
        assertEquals(-1, p.media().maxSize());
        MsrpMedia star = MsrpMedia.parse((C2_ANSWER.replace("text/plain", "text/* message/cpim")
                + "a=accept-wrapped-types:*\r\n").getBytes(StandardCharsets.US_ASCII)).media();
        assertTrue(star.accepts("text/html"));
        assertTrue(star.accepts("application/im-iscomposing+xml"), "wrapped * allows it inside CPIM");
        assertFalse(star.acceptsDirectly("application/im-iscomposing+xml"));
    }

    @Test
    @DisplayName("MSRP-21: no MSRP section, a refused one (port 0), or one without a=path is reported, not guessed")
    void problems() {
        assertEquals(MsrpMedia.Problem.NO_MSRP, MsrpMedia.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n".getBytes()).problem());
        assertEquals(MsrpMedia.Problem.REJECTED, MsrpMedia.parse(C2_ANSWER.replace("12763 TCP", "0 TCP").getBytes()).problem());
        assertEquals(MsrpMedia.Problem.MALFORMED, MsrpMedia.parse(C2_ANSWER.replaceAll("a=path:.*\r\n", "").getBytes()).problem());
    }

    @Test
    @DisplayName("MSRP-16, RFC 6135: the offerer connects unless a=setup says otherwise")
    void whoConnects() {
        assertTrue(MsrpMedia.localConnects(true, MsrpMedia.Setup.NONE, MsrpMedia.Setup.NONE));
        assertFalse(MsrpMedia.localConnects(false, MsrpMedia.Setup.NONE, MsrpMedia.Setup.NONE));
        assertFalse(MsrpMedia.localConnects(true, MsrpMedia.Setup.ACTPASS, MsrpMedia.Setup.ACTIVE));
        assertTrue(MsrpMedia.localConnects(false, MsrpMedia.Setup.ACTIVE, MsrpMedia.Setup.PASSIVE));
        assertTrue(MsrpMedia.localConnects(true, MsrpMedia.Setup.ACTPASS, MsrpMedia.Setup.PASSIVE));
    }

    @Test
    @DisplayName("C13, CHAT-15, CHAT-19: RFC 7573 tables 3/4; gone has no isComposing; an unknown state is idle")
    void chatStates() {
        assertEquals(ChatState.composing, SessionChatStates.toXmpp(IsComposing.active(60)));
        assertEquals(ChatState.active, SessionChatStates.toXmpp(IsComposing.idle()));
        assertTrue(SessionChatStates.toMsrp(ChatState.composing, 60).orElseThrow().active());
        for (ChatState s : new ChatState[] {ChatState.active, ChatState.inactive, ChatState.paused}) {
            assertFalse(SessionChatStates.toMsrp(s, 60).orElseThrow().active(), s.name());
        }
        assertTrue(SessionChatStates.toMsrp(ChatState.gone, 60).isEmpty());
        byte[] foo = "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>foo</state></isComposing>"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ChatState.active, SessionChatStates.toXmpp(SessionChatStates.parse(foo, XmlLimits.DEFAULT).orElseThrow()));
    }
}
