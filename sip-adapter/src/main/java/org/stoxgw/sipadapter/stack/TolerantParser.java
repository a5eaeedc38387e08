package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.stoxgw.mapping.sip.SipHeaders;

/**
 * JAIN-SIP's message parser with an answer for bad requests. What JAIN-SIP 1.3 does on its own:
 * over UDP a request whose start line or Via/From/To/Call-ID/CSeq/Content-Length does not parse
 * gets a bare 400 (when those headers can be copied textually), but a request MISSING one of them
 * is dropped silently; over TCP and TLS such a request makes the stack close the connection
 * without any answer (and other requests on it are lost), a missing header again drops silently.
 *
 * <p>Here every such request, and also one whose Max-Forwards, Content-Type, Contact, Route,
 * Record-Route, Require, Event, Subscription-State or Expires does not parse, is replaced by a
 * well-formed stand-in request carrying a {@link MalformedRequest} and the original's Via, From,
 * To, Call-ID and CSeq where each of those parses; the adapter then answers it with 400 (505 for
 * another SIP version) and a reason naming the problem, and the connection stays open unless the
 * stream's framing is lost (bad start line or Content-Length). Malformed responses and ACKs get
 * no answer (RFC 3261 section 17); on a stream with a body they close the connection, since the
 * body could not be skipped safely. Messages the stack itself re-parses (no listener) pass through
 * unchanged.
 *
 * <p>Framing (RFC 3261 section 18.3): a datagram's bytes after its Content-Length are discarded, a
 * datagram shorter than its Content-Length is answered 400; on streams the {@link FramingInputStream}
 * frames, and its substitutes for requests it refused are answered as it says (513, 400).
 *
 * <p>Stateless and thread-safe; one instance serves the whole stack.
 */
public final class TolerantParser implements MessageParser {
    /** Headers whose parse failure rejects the request (long names, lower case). */
    private static final Set<String> REQUIRED_WELL_FORMED = Set.of("via", "from", "to", "call-id", "cseq",
            "content-length", "max-forwards", "content-type", "contact", "route", "record-route", "require",
            "proxy-require", "event", "subscription-state", "expires", "content-encoding");
    private static final AtomicLong STAND_INS = new AtomicLong();
    private final StringMsgParser parser = new StringMsgParser();

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener handler)
            throws ParseException {
        if (!(handler instanceof MessageChannel channel)) {
            return parser.parseSIPMessage(bytes, readBody, strict, handler);
        }
        if (channel instanceof FramedChannel f && f.framing() != null) {
            FramingInputStream.Verdict v = f.framing().verdict(bytes);
            if (v != null) {
                return standIn(RawHeaders.parse(bytes), v.status(), v.reason(), v.closeConnection(), channel);
            }
        } else if (readBody && !(channel instanceof ConnectionOrientedMessageChannel)) {
            int end = Framing.headerEnd(bytes, bytes.length);
            int length = end < 0 ? Framing.ABSENT : Framing.contentLength(bytes, end);
            if (length >= 0 && end + length < bytes.length) {
                // RFC 3261 section 18.3: bytes after the body MUST be discarded (JAIN-SIP would keep them as body)
                bytes = Arrays.copyOf(bytes, end + length);
            } else if (length >= 0 && end + length > bytes.length) {
                RawHeaders raw = RawHeaders.parse(bytes);
                if (raw.isResponse() || raw.method().equals("ACK")) {
                    throw new ParseException("datagram shorter than its Content-Length", 0);
                }
                // RFC 3261 section 18.3: a request that ends before its body SHOULD get 400
                return standIn(raw, 400, "Content-Length " + length + " beyond the end of the datagram", false, channel);
            }
        }
        Collector collector = new Collector();
        SIPMessage message;
        try {
            message = parser.parseSIPMessage(bytes, readBody, strict, collector);
        } catch (ParseException | RuntimeException e) {
            String reason = collector.problem != null ? collector.problem : "Malformed message";
            return reject(bytes, reason, collector.framingLost, channel, e);
        }
        if (message instanceof SIPRequest r) {
            String problem = check(r, bytes);
            if (problem != null) {
                int status = problem.startsWith("SIP version") ? 505 : 400;
                return standIn(RawHeaders.parse(bytes), status, problem, false, channel);
            }
        }
        return message;
    }

    private static String check(SIPRequest r, byte[] bytes) {
        String version = rawVersion(bytes);
        if (!version.equals("SIP/2.0")) {
            // JAIN-SIP's request line parser reads any version as SIP/2.0
            return "SIP version " + sanitize(version) + " not supported";
        }
        for (String h : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
            if (r.getHeader(h) == null) {
                return "Missing " + h + " header";
            }
        }
        if (r.getCallId().getCallId() == null || r.getCallId().getCallId().isBlank()) {
            // JAIN-SIP accepts "Call-ID:" with no value; RFC 3261 section 25.1: callid = word ["@" word]
            return "Malformed Call-ID header";
        }
        for (Object via : r.getViaHeaders()) {
            if (!usable((Via) via)) {
                return "Malformed Via header";
            }
        }
        if (!r.getMethod().equalsIgnoreCase(r.getCSeq().getMethod())) {
            return "CSeq method " + r.getCSeq().getMethod() + " does not match " + r.getMethod();
        }
        return null;
    }

    /** The last token of the first line (the version of a request line), read from the bytes. */
    private static String rawVersion(byte[] b) {
        int start = 0;
        while (start < b.length && b[start] < 0x20) {
            start++;
        }
        int end = start;
        while (end < b.length && b[end] != '\r' && b[end] != '\n') {
            end++;
        }
        int sp = end - 1;
        while (sp > start && b[sp] != ' ') {
            sp--;
        }
        return new String(b, sp + 1, Math.max(0, end - sp - 1), StandardCharsets.US_ASCII).trim();
    }

    private SIPMessage reject(byte[] bytes, String reason, boolean framingLost, MessageChannel channel, Exception cause)
            throws ParseException {
        RawHeaders raw = RawHeaders.parse(bytes);
        Optional<Integer> length = raw.contentLength();
        boolean stream = channel instanceof ConnectionOrientedMessageChannel;
        boolean badLength = length.isPresent() && length.get() < 0;
        if (raw.isResponse() || raw.method().equals("ACK")) {
            if (stream && (badLength || length.orElse(0) > 0 || framingLost)) {
                channel.close();
            }
            throw cause instanceof ParseException p ? p : new ParseException(reason, 0);
        }
        return standIn(raw, 400, reason, framingLost || badLength, channel);
    }

    /** A parsed stand-in for a request that is answered with {@code status} and never processed. */
    private SIPMessage standIn(RawHeaders raw, int status, String reason, boolean closeConnection, MessageChannel channel)
            throws ParseException {
        String transport = channel.getTransport().toUpperCase(Locale.ROOT);
        long n = STAND_INS.incrementAndGet();
        String cseq = headerOr(raw, "CSeq", "1 OPTIONS");
        String method = cseq.substring(cseq.indexOf(' ') + 1).trim();
        int length = Math.max(0, raw.contentLength().orElse(0));
        StringBuilder sb = new StringBuilder(512);
        sb.append(method).append(" sip:invalid SIP/2.0\r\n");
        List<String> vias = raw.all("Via").stream().filter(v -> parses("Via", v)).toList();
        if (vias.isEmpty() || vias.size() != raw.all("Via").size()) {
            // no usable Via: answer where the bytes came from (the channel fills in received/rport)
            sb.append("Via: SIP/2.0/").append(transport).append(" 192.0.2.1;rport;branch=z9hG4bK-malformed-").append(n).append("\r\n");
        } else {
            vias.forEach(v -> sb.append("Via: ").append(v).append("\r\n"));
        }
        sb.append("From: ").append(headerOr(raw, "From", "<sip:invalid>;tag=malformed-" + n)).append("\r\n");
        sb.append("To: ").append(headerOr(raw, "To", "<sip:invalid>")).append("\r\n");
        sb.append("Call-ID: ").append(headerOr(raw, "Call-ID", "malformed-" + n)).append("\r\n");
        sb.append("CSeq: ").append(cseq).append("\r\n");
        sb.append("Content-Length: ").append(closeConnection ? 0 : length).append("\r\n\r\n");
        SIPMessage m;
        try {
            m = parser.parseSIPMessage(sb.toString().getBytes(StandardCharsets.UTF_8), false, false, null);
        } catch (ParseException e) {
            // the echoed parts combine badly (e.g. a method token the request line rejects)
            String plain = "OPTIONS sip:invalid SIP/2.0\r\nVia: SIP/2.0/" + transport + " 192.0.2.1;rport;branch=z9hG4bK-malformed-" + n
                    + "\r\nFrom: <sip:invalid>;tag=malformed-" + n + "\r\nTo: <sip:invalid>\r\nCall-ID: malformed-" + n
                    + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            m = parser.parseSIPMessage(plain.getBytes(StandardCharsets.UTF_8), false, false, null);
            closeConnection = closeConnection || length > 0;
        }
        m.setApplicationData(new MalformedRequest(status, sanitize(reason), closeConnection));
        return m;
    }

    private static String headerOr(RawHeaders raw, String name, String fallback) {
        List<String> values = raw.all(name);
        if (values.size() == 1 && parses(name, values.get(0))) {
            return values.get(0);
        }
        return fallback;
    }

    private static boolean parses(String name, String value) {
        try {
            SIPHeader h = ParserFactory.createParser(name + ": " + value + "\n").parse();
            return !(h instanceof ViaList vias) || vias.getHeaderList().stream().allMatch(TolerantParser::usable);
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * JAIN-SIP's Via parser keeps an rport that is not a number, then fails with a
     * NumberFormatException when a response copies the Via: such a request could never be answered
     * (fuzz finding, issue 9). A response copies the Via by cloning it, and {@code Via.clone} fails only
     * in {@code getRPort}: asking it directly checks the same without copying every Via of every request.
     */
    private static boolean usable(Via via) {
        try {
            via.getRPort();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A reason phrase: printable ASCII, one line, at most 120 characters. */
    static String sanitize(String reason) {
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), 120));
        for (int i = 0; i < reason.length() && sb.length() < 120; i++) {
            char c = reason.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return sb.toString().trim();
    }

    /** Records the first fatal problem and aborts; keeps other bad headers as unparsed text. */
    private static final class Collector implements ParseExceptionListener {
        String problem;
        boolean framingLost;

        @Override
        public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header,
                                    String raw) throws ParseException {
            if (headerClass == RequestLine.class || headerClass == StatusLine.class) {
                problem = "Malformed start line";
                // a request line with a bad URI is still a SIP message; anything else is not
                framingLost = header == null || !header.trim().matches("[!-~]+ [!-~]+ SIP/[0-9]+\\.[0-9]+");
                throw ex;
            }
            String name = header == null ? "" : header.substring(0, Math.max(0, header.indexOf(':'))).trim();
            String longName = SipHeaders.canonicalName(name);
            if (REQUIRED_WELL_FORMED.contains(longName.toLowerCase(Locale.ROOT))) {
                problem = "Malformed " + longName + " header";
                framingLost = longName.equalsIgnoreCase("Content-Length");
                throw ex;
            }
            message.addUnparsed(header);
        }
    }
}
