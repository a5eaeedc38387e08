package org.stoxgw.xmppadapter.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SrvOrderingTest {
    @Test
    @DisplayName("RFC 2782: lower priority first; within a priority, heavier weights more often first")
    void priorityThenWeight() {
        SrvRecord a = new SrvRecord(10, 90, 5269, "a.example", false);
        SrvRecord b = new SrvRecord(10, 10, 5269, "b.example", false);
        SrvRecord c = new SrvRecord(5, 0, 5270, "c.example", true);
        SrvRecord d = new SrvRecord(20, 0, 5269, "d.example", false);
        Random random = new Random(42);
        Map<String, Integer> firstOfTen = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            List<SrvRecord> o = SrvOrdering.order(List.of(a, b, d, c), random);
            assertEquals(c, o.get(0));
            assertEquals(d, o.get(3));
            firstOfTen.merge(o.get(1).target(), 1, Integer::sum);
        }
        int aFirst = firstOfTen.getOrDefault("a.example", 0);
        assertTrue(aFirst > 1500 && aFirst < 1950, "weight 90 of 100 should lead about 90% of the time: " + aFirst);
    }

    @Test
    void zeroWeightsStillAllAppear() {
        List<SrvRecord> rs = List.of(new SrvRecord(0, 0, 1, "x", false), new SrvRecord(0, 0, 2, "y", false));
        assertEquals(2, SrvOrdering.order(rs, new Random(1)).size());
    }
}
