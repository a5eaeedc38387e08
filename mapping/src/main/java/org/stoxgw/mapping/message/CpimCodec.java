package org.stoxgw.mapping.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.Utf8;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;

/**
 * Parses and writes {@code message/cpim} (RFC 3862). The SIP body is the CPIM message: message
 * headers, an empty line, the content's MIME headers, an empty line, the content (RFC 3862 §2).
 * Lines end with CRLF; a bare LF is tolerated on input. Header blocks are UTF-8 (§3.1).
 *
 * <p>Refused: oversize bodies, more header lines than allowed, a header block that is not UTF-8 or
 * has a line without a colon, a missing separator line, and a {@code Require:} naming a header the
 * gateway does not understand (§3.3.8 — everything it understands is listed in {@link #UNDERSTOOD}).
 */
public final class CpimCodec {

    /** Headers the gateway understands, for {@code Require:} (lower case, IMDN under its usual prefix). */
    public static final Set<String> UNDERSTOOD = Set.of("from", "to", "cc", "datetime", "subject", "ns", "require",
            "imdn.message-id", "imdn.disposition-notification");

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_INSTANT;

    private CpimCodec() {
    }

    /** Parses a CPIM message within {@code limits}. */
    public static ParseResult<CpimMessage> parse(byte[] body, PayloadLimits limits) {
        if (body.length > limits.maxBytes()) {
            return ParseResult.refused(ParseProblem.TOO_LARGE,
                    body.length + " bytes exceed the limit of " + limits.maxBytes());
        }
        int[] pos = {0};
        int budget = limits.maxHeaders();
        ParseResult<List<String>> messageLines = headerBlock(body, pos, budget);
        if (!messageLines.isOk()) {
            return ((ParseResult.Refused<List<String>>) messageLines).cast();
        }
        List<CpimHeader> headers = new ArrayList<>(messageLines.orElseThrow().size());
        for (String line : messageLines.orElseThrow()) {
            CpimHeader h = header(line);
            if (h == null) {
                return ParseResult.refused(ParseProblem.MALFORMED, "CPIM header line without colon: " + excerpt(line));
            }
            headers.add(h);
        }
        ParseResult<List<String>> contentLines = headerBlock(body, pos, budget - headers.size());
        if (!contentLines.isOk()) {
            return ((ParseResult.Refused<List<String>>) contentLines).cast();
        }
        SipHeaders contentHeaders = SipHeaders.EMPTY;
        for (String line : contentLines.orElseThrow()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return ParseResult.refused(ParseProblem.MALFORMED, "MIME header line without colon: " + excerpt(line));
            }
            contentHeaders = contentHeaders.with(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        CpimMessage m = new CpimMessage(headers, contentHeaders, SipBody.of(
                contentHeaders.first("Content-Type").orElse(MediaTypes.TEXT_PLAIN),
                Arrays.copyOfRange(body, pos[0], body.length)));
        String notUnderstood = notUnderstood(m);
        if (notUnderstood != null) {
            return ParseResult.refused(ParseProblem.MUST_UNDERSTAND, "CPIM Require names " + notUnderstood);
        }
        return ParseResult.ok(m);
    }

    /**
     * Wraps {@code content} in a CPIM message with From, To, an optional DateTime and further
     * headers (e.g. NS and imdn.*). Header values have CR and LF replaced by spaces so no value can
     * inject a header.
     *
     * @param from     From URI (written as {@code <uri>})
     * @param to       To URI
     * @param dateTime DateTime value, or null for none (IMDN requests need one, RFC 5438 §6.3)
     */
    public static SipBody wrap(String from, String to, Instant dateTime, List<CpimHeader> extra, SipBody content) {
        return wrap(from, to, dateTime, extra, List.of(), content);
    }

    /** As {@link #wrap(String, String, Instant, List, SipBody)}, with extra MIME headers for the content. */
    public static SipBody wrap(String from, String to, Instant dateTime, List<CpimHeader> extra,
                               List<CpimHeader> contentHeaders, SipBody content) {
        StringBuilder sb = new StringBuilder(256);
        line(sb, "From", "<" + from + ">", "");
        line(sb, "To", "<" + to + ">", "");
        if (dateTime != null) {
            line(sb, "DateTime", DATE_TIME.format(dateTime), "");
        }
        for (CpimHeader h : extra) {
            line(sb, h.name(), h.value(), h.lang());
        }
        sb.append("\r\n");
        line(sb, "Content-Type", content.contentType().isEmpty() ? MediaTypes.TEXT_PLAIN_UTF8 : content.contentType(), "");
        for (CpimHeader h : contentHeaders) {
            line(sb, h.name(), h.value(), "");
        }
        line(sb, "Content-Length", Integer.toString(content.length()), "");
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] inner = content.content();
        byte[] all = Arrays.copyOf(head, head.length + inner.length);
        System.arraycopy(inner, 0, all, head.length, inner.length);
        return SipBody.of(MediaTypes.CPIM, all);
    }

    private static void line(StringBuilder sb, String name, String value, String lang) {
        sb.append(clean(name)).append(':');
        if (!lang.isEmpty()) {
            sb.append(";lang=").append(clean(lang));
        }
        sb.append(' ').append(clean(value)).append("\r\n");
    }

    private static String clean(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace('\r', ' ').replace('\n', ' ');
    }

    /** Reads header lines up to an empty line; {@code pos} ends after that empty line. */
    private static ParseResult<List<String>> headerBlock(byte[] b, int[] pos, int maxLines) {
        List<String> lines = new ArrayList<>(8);
        int i = pos[0];
        while (true) {
            int eol = indexOf(b, (byte) '\n', i);
            if (eol < 0) {
                return ParseResult.refused(ParseProblem.MALFORMED, "CPIM header block not terminated by an empty line");
            }
            int end = eol > i && b[eol - 1] == '\r' ? eol - 1 : eol;
            if (end == i) {
                pos[0] = eol + 1;
                return ParseResult.ok(lines);
            }
            if (lines.size() >= maxLines) {
                return ParseResult.refused(ParseProblem.TOO_LARGE, "more than " + maxLines + " CPIM header lines");
            }
            ParseResult<String> text = Utf8.decodeStrict(Arrays.copyOfRange(b, i, end));
            if (!text.isOk()) {
                return ParseResult.refused(ParseProblem.MALFORMED, "CPIM header is not valid UTF-8");
            }
            lines.add(text.orElseThrow());
            i = eol + 1;
        }
    }

    /** {@code Name ":" *(";" param) SP value}; null if there is no colon. */
    private static CpimHeader header(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String name = line.substring(0, colon).trim();
        int i = colon + 1;
        String lang = "";
        while (i < line.length() && line.charAt(i) == ';') {
            int end = line.indexOf(' ', i);
            if (end < 0) {
                end = line.length();
            }
            String param = line.substring(i + 1, end);
            int semi = param.indexOf(';');
            if (semi >= 0) {
                end = i + 1 + semi;
                param = param.substring(0, semi);
            }
            if (param.regionMatches(true, 0, "lang=", 0, 5)) {
                lang = param.substring(5);
            }
            i = end;
        }
        return new CpimHeader(name, line.substring(i).trim(), lang);
    }

    private static String notUnderstood(CpimMessage m) {
        String imdnPrefix = m.prefixFor(CpimMessage.IMDN_NS, "imdn").toLowerCase(Locale.ROOT);
        for (CpimHeader req : m.all("Require")) {
            for (String name : req.value().split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                if (n.startsWith(imdnPrefix + ".")) {
                    n = "imdn." + n.substring(imdnPrefix.length() + 1);
                }
                if (!UNDERSTOOD.contains(n)) {
                    return excerpt(name.trim());
                }
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static String excerpt(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
