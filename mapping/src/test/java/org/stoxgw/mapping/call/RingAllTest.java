package org.stoxgw.mapping.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.call.RingAll.Action;
import org.stoxgw.mapping.jingle.JingleMessage;
import org.stoxgw.mapping.jingle.JingleMessage.Kind;
import org.stoxgw.mapping.jingle.JingleReason;

class RingAllTest {
    private static final String PHONE = "bob@xmpp.example/phone";
    private static final String LAPTOP = "bob@xmpp.example/laptop";

    @Test
    @DisplayName("AMB-V09: both resources ring, the first to proceed gets the session-initiate, the later one is retracted; ringing is 180 once (MEDIA-11)")
    void firstProceedWins() {
        RingAll r = new RingAll("s1");
        assertEquals(new JingleMessage(Kind.PROPOSE, "s1", List.of("audio"), null), r.propose(List.of("audio")));
        assertEquals(Action.RINGING_180, r.on(JingleMessage.of(Kind.RINGING, "s1"), PHONE));
        assertEquals(Action.IGNORE, r.on(JingleMessage.of(Kind.RINGING, "s1"), LAPTOP));
        assertEquals(Action.INITIATE, r.on(JingleMessage.of(Kind.PROCEED, "s1"), LAPTOP));
        assertEquals(LAPTOP, r.winner());
        assertEquals(Action.RETRACT_LATE, r.on(JingleMessage.of(Kind.PROCEED, "s1"), PHONE));
        assertEquals(Action.IGNORE, r.on(JingleMessage.of(Kind.PROCEED, "s1"), LAPTOP));
        assertNull(r.retract(JingleReason.Condition.CANCEL), "no retract once a resource won");
        assertEquals(Action.IGNORE, r.on(JingleMessage.of(Kind.PROCEED, "other"), PHONE), "another session's id");
    }

    @Test
    @DisplayName("A reject ends the call with its reason (busy 486, none = decline 603); a caller's CANCEL retracts for all resources")
    void rejectAndRetract() {
        RingAll r = new RingAll("s2");
        JingleMessage busy = new JingleMessage(Kind.REJECT, "s2", List.of(), JingleReason.of(JingleReason.Condition.BUSY));
        assertEquals(Action.REJECTED, r.on(busy, PHONE));
        assertEquals(486, RingAll.rejectStatus(busy));
        assertEquals(603, RingAll.rejectStatus(JingleMessage.of(Kind.REJECT, "s2")));
        assertEquals(Action.RETRACT_LATE, r.on(JingleMessage.of(Kind.PROCEED, "s2"), LAPTOP));
        RingAll c = new RingAll("s3");
        assertEquals(Kind.RETRACT, c.retract(JingleReason.Condition.CANCEL).kind());
        assertNull(c.retract(JingleReason.Condition.TIMEOUT));
    }

    @Test
    @DisplayName("J2S: a propose to a SIP address is answered proceed so that the client sends its offer")
    void j2s() {
        assertEquals(JingleMessage.of(Kind.PROCEED, "p1"), RingAll.answerToPropose(new JingleMessage(Kind.PROPOSE, "p1", List.of("audio"), null)));
    }
}
