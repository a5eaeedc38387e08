package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresencePriorityTest {

    @ParameterizedTest(name = "XMPP {0} -> PIDF {1}")
    @CsvSource({"0, 0", "1, 0.007", "2, 0.015", "63, 0.496", "64, 0.503", "126, 0.992", "127, 1"})
    @DisplayName("table 2.6 / PRES-35: the values printed in the RFC and the digest")
    void table26(int xmpp, String pidf) {
        assertEquals(pidf, PresencePriority.format(PresencePriority.toPidf(xmpp)));
        assertEquals(xmpp, PresencePriority.toXmpp(PresencePriority.parse(pidf)), "PRES-42 inverse");
    }

    @Test
    @DisplayName("PRES-35/42: all 128 non-negative priorities map to distinct q-values and back")
    void allDistinctAndInvertible() {
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n <= 127; n++) {
            int p = PresencePriority.toPidf(n);
            assertEquals(true, seen.add(p), "duplicate for " + n);
            assertEquals(n, PresencePriority.toXmpp(p));
            assertEquals(p, PresencePriority.parse(PresencePriority.format(p)));
        }
    }

    @Test
    @DisplayName("PRES-34: negative priorities are not mapped")
    void negative() {
        for (int n = -128; n < 0; n++) {
            assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.toPidf(n));
        }
    }

    @Test
    @DisplayName("PIDF-06: received q-values 0..1, at most 3 decimals; others ignored or rounded")
    void parse() {
        assertEquals(800, PresencePriority.parse("0.8"));
        assertEquals(1000, PresencePriority.parse("1.000"));
        assertEquals(0, PresencePriority.parse("0"));
        assertEquals(500, PresencePriority.parse(".5"));
        assertEquals(124, PresencePriority.parse("0.1235"));
        assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.parse("1.5"));
        assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.parse("-0.1"));
        assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.parse("high"));
        assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.parse(""));
        assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.parse(null));
        assertEquals(PidfTuple.NO_PRIORITY, PresencePriority.parse("99999999999999999999"));
        assertEquals(127, PresencePriority.toXmpp(1000));
        assertEquals(0, PresencePriority.toXmpp(0));
        assertEquals(64, PresencePriority.toXmpp(500), "63.5 rounds half up");
    }
}
