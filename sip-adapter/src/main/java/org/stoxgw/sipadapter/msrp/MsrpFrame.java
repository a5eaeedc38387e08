package org.stoxgw.sipadapter.msrp;

import java.util.Objects;
import java.util.Optional;
import org.stoxgw.mapping.sip.MsrpPath;

/**
 * One MSRP request or response (RFC 4975 §7, §9) as the decoder produces and the encoder
 * writes it. A request has a {@code method}; a response a {@code status} (and {@code method}
 * null). {@code body} is null when the frame has no content-stuff; an empty array is an empty
 * body. {@code truncated} marks a request whose body passed the decoder's chunk limit: its body is
 * not kept (the endpoint answers 413 and the rest of the chunk is discarded).
 *
 * @param tid       the transaction id (MSRP-01)
 * @param method    SEND, REPORT, AUTH or another upper-case token; null for a response
 * @param status    the response code; 0 for a request
 * @param comment   the response's comment, or ""
 * @param headers   the headers in order
 * @param body      the body, or null
 * @param flag      the end-line flag: '$' complete, '+' more chunks, '#' aborted
 * @param truncated the body passed the chunk limit and was dropped
 */
public record MsrpFrame(String tid, String method, int status, String comment, MsrpHeaders headers, byte[] body,
                        char flag, boolean truncated) {

    public static final char COMPLETE = '$';
    public static final char CONTINUED = '+';
    public static final char ABORTED = '#';

    public MsrpFrame {
        Objects.requireNonNull(tid, "tid");
        Objects.requireNonNull(headers, "headers");
        comment = comment == null ? "" : comment;
        if ((method == null) == (status == 0)) {
            throw new IllegalArgumentException("a frame is a request (method) or a response (status)");
        }
        if (flag != COMPLETE && flag != CONTINUED && flag != ABORTED) {
            throw new IllegalArgumentException("end-line flag " + flag);
        }
    }

    public static MsrpFrame request(String tid, String method, MsrpHeaders headers, byte[] body, char flag) {
        return new MsrpFrame(tid, method, 0, "", headers, body, flag, false);
    }

    /**
     * The response to {@code request} (MSRP-12): same tid, To-Path = the first URI of the request's
     * From-Path, From-Path = {@code self}, no body, flag '$'.
     */
    public static MsrpFrame response(MsrpFrame request, int status, String comment, String self) {
        String to = request.fromPath().map(p -> p.first().toString())
                .orElse(request.headers.get(MsrpHeaders.FROM_PATH).orElse(""));
        MsrpHeaders h = MsrpHeaders.builder().add(MsrpHeaders.TO_PATH, to).add(MsrpHeaders.FROM_PATH, self).build();
        return new MsrpFrame(request.tid, null, status, comment, h, null, COMPLETE, false);
    }

    public boolean isRequest() {
        return method != null;
    }

    public boolean isResponse() {
        return method == null;
    }

    public Optional<MsrpPath> toPath() {
        return headers.get(MsrpHeaders.TO_PATH).flatMap(MsrpPath::parse);
    }

    public Optional<MsrpPath> fromPath() {
        return headers.get(MsrpHeaders.FROM_PATH).flatMap(MsrpPath::parse);
    }

    public Optional<String> messageId() {
        return headers.get(MsrpHeaders.MESSAGE_ID).map(String::trim);
    }

    public Optional<ByteRange> byteRange() {
        return headers.get(MsrpHeaders.BYTE_RANGE).flatMap(ByteRange::parse);
    }

    /** The Content-Type without parameters, lower case, or "" if absent. */
    public String contentType() {
        return headers.get(MsrpHeaders.CONTENT_TYPE).map(v -> {
            int semi = v.indexOf(';');
            return (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
        }).orElse("");
    }

    /** Success-Report value; absent means {@code no} (MSRP-07). */
    public boolean successReport() {
        return headers.get(MsrpHeaders.SUCCESS_REPORT).map(v -> v.trim().equalsIgnoreCase("yes")).orElse(false);
    }

    /** Failure-Report value, lower case; absent means {@code yes} (MSRP-07). */
    public String failureReport() {
        return headers.get(MsrpHeaders.FAILURE_REPORT).map(v -> v.trim().toLowerCase(java.util.Locale.ROOT))
                .orElse("yes");
    }

    /** The body length in octets (0 when there is none). */
    public int bodyLength() {
        return body == null ? 0 : body.length;
    }

    @Override
    public String toString() {
        return "MSRP " + tid + " " + (isRequest() ? method : status + (comment.isEmpty() ? "" : " " + comment))
                + " " + headers + (body == null ? "" : " [" + body.length + " octets]") + flag
                + (truncated ? " truncated" : "");
    }
}
