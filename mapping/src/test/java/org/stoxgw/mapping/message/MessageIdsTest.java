package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AMB-M03: gateway ids are recognisable and carry what correlation needs, without a table. */
class MessageIdsTest {

    @Test
    @DisplayName("AMB-M03: S2X stanza ids are fresh and recognisable; foreign ids are not taken for ours")
    void stanzaIds() {
        assertEquals("stx-k3", MessageIds.stanzaId("k3"));
        assertTrue(MessageIds.isGatewayStanzaId("stx-k3"));
        assertFalse(MessageIds.isGatewayStanzaId("k2n7x"));
        assertFalse(MessageIds.isGatewayStanzaId(null));
        assertTrue(MessageIds.imdnRefOf("stx-k3").isEmpty());
        assertTrue(MessageIds.imdnRefOf("stx-k3~!!!~x").isEmpty(), "garbage decodes to nothing, never throws");
    }

    @Test
    @DisplayName("IMDN Message-ID and DateTime survive the round trip through a stanza id, whatever their characters")
    void imdnInStanzaId() {
        String id = MessageIds.stanzaId("k4", "ä~b.c/<x>", "2024-01-02T03:04:05+01:00");
        MessageIds.ImdnRef ref = MessageIds.imdnRefOf(id).orElseThrow();
        assertEquals("ä~b.c/<x>", ref.messageId());
        assertEquals("2024-01-02T03:04:05+01:00", ref.dateTime());
        assertTrue(id.chars().allMatch(c -> c < 128 && !Character.isWhitespace(c)), id);
    }

    @Test
    @DisplayName("X2S IMDN Message-IDs carry the XMPP id; ids too long or missing give no receipt request")
    void xmppIdInImdn() {
        String m = MessageIds.imdnMessageId("a1b2c3d4", "purple.1f2e-ü").orElseThrow();
        assertTrue(m.matches("[A-Za-z0-9._-]+"), m);
        assertEquals("purple.1f2e-ü", MessageIds.xmppIdOf(m).orElseThrow());
        assertTrue(MessageIds.imdnMessageId("a", "x".repeat(MessageIds.MAX_CARRIED_ID + 1)).isEmpty());
        assertTrue(MessageIds.imdnMessageId("a", "").isEmpty());
        assertTrue(MessageIds.xmppIdOf("no-dot").isEmpty());
    }

    @Test
    @DisplayName("AMB-M04: valid Call-IDs stay as they are; others are derived")
    void callIds() {
        assertEquals("E1A1B9C0-1111@host.example", CallIds.fromThread("E1A1B9C0-1111@host.example"));
        assertFalse(CallIds.isCallId("two@at@signs"));
        assertFalse(CallIds.isCallId("ü"));
        assertTrue(CallIds.fromThread("ü").startsWith("thread-"));
    }
}
