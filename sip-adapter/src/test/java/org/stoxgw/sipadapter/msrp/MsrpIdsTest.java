package org.stoxgw.sipadapter.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MsrpIdsTest {

    @Test
    @DisplayName("MSRP-01: transaction ids are idents (4-32 characters, ALPHANUM first) carrying over 64 bits, unique in a large sample")
    void transactionIds() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String t = MsrpIds.transactionId();
            assertTrue(MsrpIds.isValidIdent(t), t);
            assertEquals(16, t.length(), "16 base-62 characters = 95 bits");
            assertTrue(seen.add(t));
        }
        assertTrue(MsrpIds.isValidIdent("a1b.-+%="));
        for (String bad : new String[] {"abc", "-abc", "a".repeat(33), "ab cd", "ab/cd"}) {
            assertFalse(MsrpIds.isValidIdent(bad), bad);
        }
        assertTrue(MsrpIds.isValidIdent(MsrpIds.messageId()));
        assertTrue(MsrpIds.isValidIdent(MsrpIds.sessionId()));
    }
}
