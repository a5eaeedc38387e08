package org.stoxgw.sipadapter.convert;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * A response received as bytes into the neutral model. The common answer to a MESSAGE (a 2xx without
 * body whose header fields are all single-valued ones: From, To, Call-ID, CSeq, Server, Date...) is read
 * straight from the bytes, values as received; anything else (another status, a body, a list header
 * JAIN-SIP splits into values, a folded line) is parsed by JAIN-SIP and converted by
 * {@link NeutralMessages}, exactly as before. Stateless, thread-safe.
 */
public final class RawResponses {
    /** Header fields read as they are (long names, lower case); Via, Content-Length are not kept. */
    private static final Map<String, String> SINGLE = Map.ofEntries(Map.entry("from", "From"), Map.entry("f", "From"),
            Map.entry("to", "To"), Map.entry("t", "To"), Map.entry("call-id", "Call-ID"), Map.entry("i", "Call-ID"),
            Map.entry("cseq", "CSeq"), Map.entry("server", "Server"), Map.entry("user-agent", "User-Agent"),
            Map.entry("date", "Date"), Map.entry("timestamp", "Timestamp"), Map.entry("max-forwards", "Max-Forwards"),
            Map.entry("expires", "Expires"), Map.entry("organization", "Organization"));

    private RawResponses() {
    }

    /** The neutral response of {@code b[0..length)}; JAIN-SIP's parse for anything but the common case. */
    public static SipResponse neutral(byte[] b, int length) throws ParseException {
        SipResponse fast = common(b, length);
        if (fast != null) {
            return fast;
        }
        byte[] copy = java.util.Arrays.copyOf(b, length);
        if (!(new StringMsgParser().parseSIPMessage(copy, true, false, null) instanceof SIPResponse r)) {
            throw new ParseException("not a response", 0);
        }
        return NeutralMessages.response(r);
    }

    /** The common 2xx read from the bytes, or null when it is not one. */
    static SipResponse common(byte[] b, int length) {
        int eol = lineEnd(b, 0, length);
        // "SIP/2.0 2xx reason"
        if (eol < 11 || b[7] != ' ' || b[8] != '2') {
            return null;
        }
        int status = (b[8] - '0') * 100 + (b[9] - '0') * 10 + (b[10] - '0');
        if (b[9] < '0' || b[9] > '9' || b[10] < '0' || b[10] > '9' || (eol > 11 && b[11] != ' ')) {
            return null;
        }
        String reason = eol > 12 ? new String(b, 12, eol - 12, StandardCharsets.UTF_8).trim() : "";
        List<SipHeaders.Field> fields = new ArrayList<>(8);
        int i = next(b, eol, length);
        while (i < length) {
            int end = lineEnd(b, i, length);
            if (end == i) {
                // the blank line: no body allowed here
                return next(b, end, length) == length ? new SipResponse(status, reason, SipHeaders.copyOf(fields), SipBody.EMPTY)
                        : null;
            }
            if (b[i] == ' ' || b[i] == '\t') {
                return null; // a folded line
            }
            int colon = indexOf(b, i, end, (byte) ':');
            if (colon < 0) {
                return null;
            }
            String name = new String(b, i, colon - i, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
            if (name.equals("via") || name.equals("v")) {
                i = next(b, end, length);
                continue;
            }
            if (name.equals("content-length") || name.equals("l")) {
                if (!new String(b, colon + 1, end - colon - 1, StandardCharsets.US_ASCII).trim().equals("0")) {
                    return null;
                }
                i = next(b, end, length);
                continue;
            }
            String canonical = SINGLE.get(name);
            if (canonical == null) {
                return null;
            }
            fields.add(new SipHeaders.Field(canonical, new String(b, colon + 1, end - colon - 1, StandardCharsets.UTF_8).trim()));
            i = next(b, end, length);
        }
        return null;
    }

    private static int lineEnd(byte[] b, int from, int length) {
        int i = from;
        while (i < length && b[i] != '\r' && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int next(byte[] b, int eol, int length) {
        int i = eol;
        if (i < length && b[i] == '\r') {
            i++;
        }
        if (i < length && b[i] == '\n') {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
