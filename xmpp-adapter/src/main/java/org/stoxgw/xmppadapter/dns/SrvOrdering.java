package org.stoxgw.xmppadapter.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The order in which SRV targets are tried (RFC 2782 "Usage rules"): lowest priority first; within a
 * priority, a weighted random order where zero-weight records get a small chance. Records from
 * {@code _xmpp-server} and {@code _xmpps-server} are ordered together (XEP-0368 §3). Pure.
 */
public final class SrvOrdering {
    private SrvOrdering() {
    }

    public static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
        TreeMap<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : records) {
            byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
        }
        List<SrvRecord> out = new ArrayList<>(records.size());
        for (List<SrvRecord> group : byPriority.values()) {
            List<SrvRecord> left = new ArrayList<>(group);
            // RFC 2782: zero-weight records first in the list before selection.
            left.sort(Comparator.comparingInt(SrvRecord::weight));
            while (!left.isEmpty()) {
                int sum = 0;
                for (SrvRecord r : left) {
                    sum += r.weight();
                }
                int pick = sum == 0 ? 0 : random.nextInt(sum + 1);
                int running = 0;
                int chosen = left.size() - 1;
                for (int i = 0; i < left.size(); i++) {
                    running += left.get(i).weight();
                    if (running >= pick) {
                        chosen = i;
                        break;
                    }
                }
                out.add(left.remove(chosen));
            }
        }
        return out;
    }
}
