package org.stoxgw.sipadapter.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames an MSRP byte stream (RFC 4975 §9) into {@link MsrpFrame}s: a state machine over start
 * line, headers and body, with every limit a constructor argument ({@link MsrpDecoderLimits}).
 *
 * <p>MSRP has no Content-Length: a body ends at {@code CRLF "-------" tid flag CRLF} (§7.1), so
 * the body is scanned for that end-line; bytes that only look like it (another tid, no CRLF
 * before, no valid flag) stay in the body. The scan resumes where it stopped, so input arriving a
 * byte at a time costs no rescanning. A body longer than {@code maxChunkBody} is emitted once as a
 * {@link MsrpFrame#truncated() truncated} frame (headers only) and the rest discarded up to its
 * end-line, keeping memory bounded while the endpoint answers 413 (CHAT-27).
 *
 * <p>Anything that cannot be framed (a bad start line, a line over the limit, too many headers, a
 * header without a colon) emits a {@link MsrpDecodeFailure} and the decoder discards all later
 * input: the handler answers 400 where it can and closes the connection.
 *
 * <p>Thread: one channel's event loop, as every Netty decoder; not shareable.
 */
public final class MsrpDecoder extends ByteToMessageDecoder {

    private static final byte[] DASHES = "-------".getBytes(StandardCharsets.US_ASCII);

    private enum State { START, HEADERS, BODY, DISCARD, FAILED }

    private final MsrpDecoderLimits limits;
    private State state = State.START;
    private String tid;
    private String method;
    private int status;
    private String comment;
    private MsrpHeaders.Builder headers;
    private int headerCount;
    /** "\r\n-------" + tid: what a body's end-line starts with. */
    private byte[] needle;
    /** Offset from the reader index where the body scan resumes. */
    private int scanFrom;

    public MsrpDecoder(MsrpDecoderLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            boolean progressed = switch (state) {
                case START -> startLine(in, out);
                case HEADERS -> headerLine(in, out);
                case BODY -> body(in, out);
                case DISCARD -> discard(in);
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
            };
            if (!progressed) {
                return;
            }
        }
    }

    private boolean startLine(ByteBuf in, List<Object> out) {
        int eol = lineEnd(in);
        if (eol < 0) {
            return tooLong(in, out, "start line");
        }
        int len = eol - in.readerIndex();
        if (len == 0) {
            in.skipBytes(2); // a stray CRLF between frames carries nothing; skip it
            return true;
        }
        String line = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len + 2);
        // RFC 4975 §9: req-start = "MSRP" SP transact-id SP method CRLF
        //              resp-line = "MSRP" SP transact-id SP status-code [SP comment] CRLF
        if (!line.startsWith("MSRP ")) {
            return fail(out, null, true, "not an MSRP start line");
        }
        int sp = line.indexOf(' ', 5);
        if (sp < 0) {
            return fail(out, null, true, "start line without method or status");
        }
        String t = line.substring(5, sp);
        if (!MsrpIds.isValidIdent(t)) {
            return fail(out, null, true, "transaction id syntax");
        }
        tid = t;
        String rest = line.substring(sp + 1);
        if (rest.length() >= 3 && Character.isDigit(rest.charAt(0)) && Character.isDigit(rest.charAt(1))
                && Character.isDigit(rest.charAt(2)) && (rest.length() == 3 || rest.charAt(3) == ' ')) {
            method = null;
            status = Integer.parseInt(rest.substring(0, 3));
            comment = rest.length() > 4 ? rest.substring(4) : "";
        } else if (!rest.isEmpty() && rest.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            method = rest;
            status = 0;
            comment = "";
        } else {
            return fail(out, tid, true, "method or status code syntax");
        }
        headers = MsrpHeaders.builder();
        headerCount = 0;
        needle = ("\r\n-------" + tid).getBytes(StandardCharsets.US_ASCII);
        state = State.HEADERS;
        return true;
    }

    private boolean headerLine(ByteBuf in, List<Object> out) {
        int eol = lineEnd(in);
        if (eol < 0) {
            return tooLong(in, out, "header line");
        }
        int start = in.readerIndex();
        int len = eol - start;
        if (len == 0) {
            in.skipBytes(2);
            state = State.BODY; // content-stuff follows the empty line (RFC 4975 §9)
            scanFrom = 0;
            return true;
        }
        if (len == needle.length - 2 + 1 && startsWithEndLine(in, start)) {
            char flag = (char) in.getByte(eol - 1);
            if (!isFlag(flag)) {
                return fail(out, tid, method != null, "end-line flag");
            }
            in.skipBytes(len + 2);
            emit(out, null, flag, false);
            return true;
        }
        String line = in.toString(start, len, StandardCharsets.UTF_8);
        in.skipBytes(len + 2);
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return fail(out, tid, method != null, "header line without a name");
        }
        if (++headerCount > limits.maxHeaders()) {
            return fail(out, tid, method != null, "more than " + limits.maxHeaders() + " headers");
        }
        headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        return true;
    }

    private boolean body(ByteBuf in, List<Object> out) {
        int found = findEndLine(in);
        if (found >= 0) {
            int bodyLen = found - in.readerIndex();
            if (bodyLen > limits.maxChunkBody()) {
                // Arrived all at once: report truncated, drop the body, keep framing.
                in.skipBytes(bodyLen);
                char flag = endLineFlagAndSkip(in);
                emit(out, null, MsrpFrame.CONTINUED, true);
                return flag != 0;
            }
            byte[] body = ByteBufUtil.getBytes(in, in.readerIndex(), bodyLen);
            in.skipBytes(bodyLen);
            char flag = endLineFlagAndSkip(in);
            emit(out, body, flag, false);
            return true;
        }
        int keep = needle.length + 2;
        if (in.readableBytes() - keep > limits.maxChunkBody()) {
            emit(out, null, MsrpFrame.CONTINUED, true);
            state = State.DISCARD;
            in.skipBytes(in.readableBytes() - keep);
            scanFrom = 0;
            return true;
        }
        return false;
    }

    private boolean discard(ByteBuf in) {
        int found = findEndLine(in);
        if (found >= 0) {
            in.skipBytes(found - in.readerIndex());
            endLineFlagAndSkip(in);
            state = State.START;
            return true;
        }
        int keep = needle.length + 2;
        if (in.readableBytes() > keep) {
            scanFrom = Math.max(0, scanFrom - (in.readableBytes() - keep));
            in.skipBytes(in.readableBytes() - keep);
        }
        return false;
    }

    /**
     * The index of the CRLF that starts a complete end-line for the current tid, or -1. Positions
     * that could not be checked for lack of input are checked again on the next call.
     */
    private int findEndLine(ByteBuf in) {
        int base = in.readerIndex();
        int limit = in.writerIndex() - (needle.length + 3); // last position with room for flag + CRLF
        int i = base + scanFrom;
        while (i <= limit) {
            int cr = in.indexOf(i, limit + 1, (byte) '\r');
            if (cr < 0) {
                break;
            }
            if (matches(in, cr)) {
                char flag = (char) in.getByte(cr + needle.length);
                if (isFlag(flag) && in.getByte(cr + needle.length + 1) == '\r'
                        && in.getByte(cr + needle.length + 2) == '\n') {
                    scanFrom = 0;
                    return cr;
                }
            }
            i = cr + 1;
        }
        scanFrom = Math.max(0, limit + 1 - base);
        return -1;
    }

    /** At the CRLF of an end-line: skips CRLF, dashes, tid, flag and CRLF; returns the flag. */
    private char endLineFlagAndSkip(ByteBuf in) {
        in.skipBytes(needle.length);
        char flag = (char) in.readByte();
        in.skipBytes(2);
        state = State.START;
        return flag;
    }

    private boolean matches(ByteBuf in, int at) {
        for (int k = 0; k < needle.length; k++) {
            if (in.getByte(at + k) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithEndLine(ByteBuf in, int at) {
        for (int k = 2; k < needle.length; k++) {
            if (in.getByte(at + k - 2) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFlag(char c) {
        return c == MsrpFrame.COMPLETE || c == MsrpFrame.CONTINUED || c == MsrpFrame.ABORTED;
    }

    private void emit(List<Object> out, byte[] body, char flag, boolean truncated) {
        out.add(new MsrpFrame(tid, method, status, comment, headers.build(), body, flag, truncated));
        if (!truncated) {
            state = State.START;
        }
    }

    /** The index of the next line's CR (CRLF-terminated), or -1 if the line is not complete yet. */
    private int lineEnd(ByteBuf in) {
        int max = Math.min(in.writerIndex(), in.readerIndex() + limits.maxLineLength() + 2);
        int lf = in.indexOf(in.readerIndex(), max, (byte) '\n');
        if (lf < 0) {
            return -1;
        }
        if (lf == in.readerIndex() || in.getByte(lf - 1) != '\r') {
            return -2; // a bare LF: MSRP lines end with CRLF
        }
        return lf - 1;
    }

    private boolean tooLong(ByteBuf in, List<Object> out, String what) {
        int eol = lineEnd(in);
        if (eol == -2) {
            return fail(out, state == State.START ? null : tid, method != null || state == State.START,
                    what + " ends with a bare LF");
        }
        if (in.readableBytes() > limits.maxLineLength() + 1) {
            return fail(out, state == State.START ? null : tid, method != null || state == State.START,
                    what + " longer than " + limits.maxLineLength());
        }
        return false;
    }

    private boolean fail(List<Object> out, String t, boolean request, String reason) {
        out.add(new MsrpDecodeFailure(t, request, 400, reason));
        state = State.FAILED;
        return true;
    }
}
