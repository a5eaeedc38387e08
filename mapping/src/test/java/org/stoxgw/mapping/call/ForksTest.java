package org.stoxgw.mapping.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.call.Forks.Action;

class ForksTest {

    @Test
    @DisplayName("V9: 180 A, 180 B, 200 B, 200 A -> one ringing (A's), one session-accept (B's), ACK+BYE for A (MEDIA-31, MEDIA-33, MEDIA-34, MEDIA-35; MEDIA-32 sender decided in AMB-V08)")
    void v9() {
        Forks<String> f = new Forks<>();
        assertEquals(Action.FORWARD_RINGING, f.provisional(180, "a1", null));
        assertEquals(Action.IGNORE, f.provisional(180, "b1", null));
        assertEquals(Action.ACCEPT, f.success("b1"));
        assertEquals(Action.ACK_AND_BYE, f.success("a1"));
        assertEquals(Action.IGNORE, f.success("b1"), "a retransmitted 2xx of the winner");
        assertEquals(Action.IGNORE, f.failure());
        assertEquals("b1", f.winner());
    }

    @Test
    @DisplayName("V10: a 183 with 100rel and SDP X forwards nothing but is stored; the 200 without SDP is accepted with X (MEDIA-23, MEDIA-24, AMB-V17)")
    void v10() {
        Forks<String> f = new Forks<>();
        Action a = f.provisional(183, "t1", "X");
        assertEquals(Action.FORWARD_RINGING, a, "progress is shown as ringing; the SDP is not forwarded");
        assertEquals(Action.ACCEPT, f.success("t1"));
        assertEquals("X", f.earlyAnswer("t1"));
        assertNull(f.earlyAnswer("other"));
    }

    @Test
    @DisplayName("A final error ends the Jingle session once; 100 Trying is never forwarded (MEDIA-34)")
    void failure() {
        Forks<String> f = new Forks<>();
        assertEquals(Action.IGNORE, f.provisional(100, null, null));
        assertEquals(Action.TERMINATE, f.failure());
        assertEquals(Action.IGNORE, f.failure());
        assertEquals(Action.IGNORE, f.provisional(180, "x", null));
    }
}
