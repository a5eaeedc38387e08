package org.stoxgw.core.faults;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.stoxgw.core.e2e.SippTrace;

/**
 * What a SIPp flow ({@code uac-message-flow.xml}, one MESSAGE per call with body
 * {@code flow-<call number>}) sent and what came back, read from SIPp's message trace: for each
 * call its body and final status (0 when none came).
 *
 * @param sent     body of each MESSAGE sent, by Call-ID (retransmissions counted once)
 * @param statuses final status by Call-ID
 */
record SippFlow(Map<String, String> sent, Map<String, Integer> statuses) {

    static SippFlow read(Path trace) {
        Map<String, String> sent = new LinkedHashMap<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (SippTrace.Entry e : SippTrace.read(trace)) {
            String callId = e.header("Call-ID");
            if (!e.received() && e.isRequest("MESSAGE")) {
                sent.putIfAbsent(callId, e.bodyText().trim());
            } else if (e.received() && e.status() >= 200) {
                statuses.putIfAbsent(callId, e.status());
            }
        }
        return new SippFlow(sent, statuses);
    }

    /** Calls by final status (0 = no final response). */
    Map<Integer, Integer> byStatus() {
        Map<Integer, Integer> out = new TreeMap<>();
        sent.keySet().forEach(c -> out.merge(statuses.getOrDefault(c, 0), 1, Integer::sum));
        return out;
    }

    int count(int status) {
        return byStatus().getOrDefault(status, 0);
    }

    /** Calls with a final response that is not 2xx. */
    int errors() {
        return (int) sent.keySet().stream().filter(c -> statuses.getOrDefault(c, 0) >= 300).count();
    }

    /** Bodies of the calls answered {@code status}. */
    java.util.Set<String> bodiesAnswered(int status) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        sent.forEach((c, body) -> {
            if (statuses.getOrDefault(c, 0) == status) {
                out.add(body);
            }
        });
        return out;
    }
}
