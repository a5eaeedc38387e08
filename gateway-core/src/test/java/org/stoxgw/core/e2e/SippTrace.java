package org.stoxgw.core.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIP messages of a SIPp message trace ({@code -trace_msg}, {@code Sipp.messageTrace()}), byte
 * for byte: each entry's header gives the exact length of the message that follows it, so bodies
 * with any bytes (CR, LF, UTF-8) come out as they were on the wire.
 */
public final class SippTrace {
    private static final Pattern ENTRY = Pattern.compile(
            "(UDP|TCP|TLS) message (received|sent) (?:\\[(\\d+)\\] bytes :|\\((\\d+) bytes\\):)\n\n");

    private SippTrace() {
    }

    /** One SIP message of the trace. */
    public record Entry(boolean received, String transport, byte[] bytes) {

        /** The start line, e.g. {@code MESSAGE sip:a@b SIP/2.0} or {@code SIP/2.0 202 Accepted}. */
        public String startLine() {
            return head().split("\r\n", 2)[0];
        }

        public boolean isRequest(String method) {
            return startLine().startsWith(method + " ");
        }

        /** The status code of a response, or 0 for a request. */
        public int status() {
            String s = startLine();
            return s.startsWith("SIP/2.0 ") ? Integer.parseInt(s.substring(8, 11)) : 0;
        }

        /** The first value of a header (long or compact name, any case), or null. */
        public String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public boolean hasHeader(String name) {
            return header(name) != null;
        }

        /** The body bytes (everything after the empty line). */
        public byte[] body() {
            int i = indexOfBlankLine();
            return i < 0 ? new byte[0] : Arrays.copyOfRange(bytes, i + 4, bytes.length);
        }

        public String bodyText() {
            return new String(body(), StandardCharsets.UTF_8);
        }

        private String head() {
            int i = indexOfBlankLine();
            return new String(bytes, 0, i < 0 ? bytes.length : i, StandardCharsets.UTF_8);
        }

        private int indexOfBlankLine() {
            for (int i = 0; i + 3 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return (received ? "received " : "sent ") + transport.toLowerCase(Locale.ROOT) + ": " + startLine();
        }
    }

    /** Every message in {@code trace}, in order. */
    public static List<Entry> read(Path trace) {
        byte[] all;
        try {
            all = Files.exists(trace) ? Files.readAllBytes(trace) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // ISO-8859-1 maps bytes 1:1 to chars, so string offsets are byte offsets
        String text = new String(all, StandardCharsets.ISO_8859_1);
        List<Entry> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        int from = 0;
        while (m.find(from)) {
            int len = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(4));
            int start = m.end();
            int end = Math.min(all.length, start + len);
            out.add(new Entry(m.group(2).equals("received"), m.group(1), Arrays.copyOfRange(all, start, end)));
            from = end;
        }
        return out;
    }

    /**
     * The requests of {@code method} received, each once: a retransmission (same top Via, Call-ID and
     * CSeq, e.g. resent over UDP when SIPp answered after T1) is left out.
     */
    public static List<Entry> receivedRequests(Path trace, String method) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return read(trace).stream().filter(e -> e.received() && e.isRequest(method))
                .filter(e -> seen.add(e.header("Via") + "|" + e.header("Call-ID") + "|" + e.header("CSeq"))).toList();
    }

    /** The final responses received. */
    public static List<Entry> receivedResponses(Path trace) {
        return read(trace).stream().filter(e -> e.received() && e.status() >= 200).toList();
    }

    /** The requests of {@code method} sent. */
    public static List<Entry> sentRequests(Path trace, String method) {
        return read(trace).stream().filter(e -> !e.received() && e.isRequest(method)).toList();
    }
}
