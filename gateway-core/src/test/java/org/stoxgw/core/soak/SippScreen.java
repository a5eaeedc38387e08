package org.stoxgw.core.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts on SIPp's final screen ({@code sipp.out} of a run without message trace): messages sent
 * and final responses received by status, for a load run where a trace would cost too much.
 *
 * @param sent      MESSAGE requests sent (first transmissions)
 * @param responses final responses received by status
 */
record SippScreen(long sent, Map<Integer, Long> responses) {
    private static final Pattern SENT = Pattern.compile("^\\s+MESSAGE -+>\\s+(\\d+)", Pattern.MULTILINE);
    private static final Pattern RESPONSE = Pattern.compile("^\\s+(\\d{3}) <-+\\s+(\\d+)", Pattern.MULTILINE);

    static SippScreen read(Path sippOut) {
        String text;
        try {
            text = Files.exists(sippOut) ? Files.readString(sippOut) : "";
        } catch (IOException e) {
            text = "";
        }
        long sent = 0;
        Matcher m = SENT.matcher(text);
        while (m.find()) {
            sent = Long.parseLong(m.group(1)); // the last screen wins
        }
        Map<Integer, Long> responses = new TreeMap<>();
        Matcher r = RESPONSE.matcher(text);
        while (r.find()) {
            int status = Integer.parseInt(r.group(1));
            if (status >= 200) {
                responses.put(status, Long.parseLong(r.group(2)));
            }
        }
        responses.values().removeIf(v -> v == 0);
        return new SippScreen(sent, responses);
    }

    long answered() {
        return responses.values().stream().mapToLong(Long::longValue).sum();
    }

    long count(int status) {
        return responses.getOrDefault(status, 0L);
    }

    /** The cumulative call rate SIPp achieved (its statistics screen), 0 if not found. */
    static double cumulativeRate(Path sippOut) {
        try {
            Matcher m = Pattern.compile("Call Rate\\s+\\|\\s+[\\d.]+ cps\\s+\\|\\s+([\\d.]+) cps").matcher(
                    Files.exists(sippOut) ? Files.readString(sippOut) : "");
            double rate = 0;
            while (m.find()) {
                rate = Double.parseDouble(m.group(1));
            }
            return rate;
        } catch (IOException e) {
            return 0;
        }
    }
}
