package org.stoxgw.sipadapter.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Frames the SIP messages of one TCP or TLS connection (RFC 3261 section 18.3) before JAIN-SIP's stream
 * parser sees them, so that the parser only ever reads messages it can handle. On its own JAIN-SIP closes
 * the connection without a word on a header section over half its size limit, throws from its parser
 * thread on a Content-Length over the limit, leaves the body of a request without Content-Length (or just
 * under the limit) on the stream to be read as the next request.
 *
 * <p>What passes: a message whose header section and Content-Length fit {@code maxMessage} goes through
 * byte for byte (the body is not copied). What is replaced: a request that is framed but too large, or
 * has no Content-Length, becomes a short substitute (its start line, Via, From, To, Call-ID and CSeq, a
 * marker, no body) for which {@link #verdict} tells the {@link TolerantParser} the answer (513, or 400
 * naming what is wrong); a too-large body is skipped, and after a request without Content-Length the
 * stream is read up to the next start line (the body's length is unknown). What is dropped, and counted:
 * a header section that does not end within four times the limit (256 KiB at least) or {@code readTimeoutMillis}, or whose
 * Content-Length is not a number (the rest of the connection cannot be framed; the request still gets
 * its answer, then the connection is closed), and the bytes skipped while resynchronising. A response
 * (no answer possible) that cannot be framed ends the stream.
 *
 * <p>Threads: read by the connection's reader thread only; {@link #verdict} is called from JAIN-SIP's
 * parser thread of the same connection.
 */
final class FramingInputStream extends InputStream {
    /** The marker header of a substitute, with a per-connection secret so a peer cannot forge one. */
    static final String MARKER = "X-Stoxgw-Framing";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Essential header lines of a too-large header section are kept up to this many bytes each. */
    private static final int ESSENTIAL_LINE = 2048;
    private static final byte[] NO_BYTES = new byte[0];
    /** A header section is scanned for its end up to four times the limit, and at least this far. */
    private static final long GIVE_UP_MIN = 256 * 1024;

    /** What the substitute for a request is answered with. */
    record Verdict(int status, String reason, boolean closeConnection) {
    }

    private final InputStream in;
    private final Socket socket;
    private final int maxMessage;
    private final long giveUpAfter;
    private final int readTimeoutMillis;
    private final LongAdder dropped;
    private final String nonce = Long.toHexString(RANDOM.nextLong());
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private int substitutes;

    private final byte[] inBuf = new byte[8192];
    private int inPos;
    private int inLim;
    private byte[] head = new byte[1024];
    private int headLen;
    private byte[] out = NO_BYTES;
    private int outPos;
    private int outLim;
    private long bodyLeft;
    private long skipLeft;
    private boolean resync;
    private boolean dead;
    private long deadline;
    private boolean lineComplete;

    /**
     * @param socket            the connection (its read timeout bounds an unfinished header section), or null
     * @param maxMessage        {@code limits.max-message-size}
     * @param readTimeoutMillis how long a header section may take to arrive
     * @param dropped           counts bytes dropped unframed
     */
    FramingInputStream(InputStream in, Socket socket, int maxMessage, int readTimeoutMillis, LongAdder dropped) {
        this.in = in;
        this.socket = socket;
        this.maxMessage = maxMessage;
        this.giveUpAfter = Math.max(4L * maxMessage, GIVE_UP_MIN);
        this.readTimeoutMillis = readTimeoutMillis;
        this.dropped = dropped;
    }

    /** The answer to the substitute whose header section is {@code headers}, or null for any other message. */
    Verdict verdict(byte[] headers) {
        if (verdicts.isEmpty()) {
            return null;
        }
        RawHeaders raw = RawHeaders.parse(headers);
        return raw.first(MARKER).map(verdicts::remove).orElse(null);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (outPos < outLim) {
                int n = Math.min(len, outLim - outPos);
                System.arraycopy(out, outPos, b, off, n);
                outPos += n;
                return n;
            }
            if (bodyLeft > 0) {
                int n = raw(b, off, (int) Math.min(len, bodyLeft));
                if (n > 0) {
                    bodyLeft -= n;
                }
                return n;
            }
            if (!next()) {
                return -1;
            }
        }
    }

    @Override
    public int available() throws IOException {
        return outLim - outPos + (bodyLeft > 0 ? (int) Math.min(bodyLeft, inLim - inPos) : 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads from the buffer, then the connection. */
    private int raw(byte[] b, int off, int len) throws IOException {
        if (inPos < inLim) {
            int n = Math.min(len, inLim - inPos);
            System.arraycopy(inBuf, inPos, b, off, n);
            inPos += n;
            return n;
        }
        return in.read(b, off, len);
    }

    /** Fills the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (inPos < inLim) {
            return true;
        }
        if (socket != null && deadline != 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new SocketTimeoutException("header section not complete within " + readTimeoutMillis + " ms");
            }
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        }
        int n = in.read(inBuf, 0, inBuf.length);
        if (n <= 0) {
            return false;
        }
        inPos = 0;
        inLim = n;
        return true;
    }

    /** Prepares the next output (keep-alive line ends, a header section, a substitute); false at the end. */
    private boolean next() throws IOException {
        while (skipLeft > 0 || dead) {
            if (!fill()) {
                return false;
            }
            int n = dead ? inLim - inPos : (int) Math.min(skipLeft, inLim - inPos);
            inPos += n;
            if (dead) {
                dropped.add(n);
            } else {
                skipLeft -= n;
            }
        }
        if (!fill()) {
            return false;
        }
        if (inBuf[inPos] == '\r' || inBuf[inPos] == '\n') {
            // line ends between messages: keep-alives (RFC 5626 section 4.4.1), which JAIN-SIP answers
            int end = inPos;
            while (end < inLim && (inBuf[end] == '\r' || inBuf[end] == '\n')) {
                end++;
            }
            emit(Arrays.copyOfRange(inBuf, inPos, end), end - inPos);
            inPos = end;
            return true;
        }
        try {
            deadline = readTimeoutMillis > 0 ? System.currentTimeMillis() + readTimeoutMillis : 0;
            return header();
        } catch (SocketTimeoutException e) {
            dropped.add(headLen);
            throw e;
        } finally {
            deadline = 0;
            if (socket != null && !socket.isClosed()) {
                socket.setSoTimeout(0);
            }
        }
    }

    /** Reads one header section and decides what JAIN-SIP gets for it. */
    private boolean header() throws IOException {
        headLen = 0;
        long scanned = 0;
        boolean over = false;
        boolean keepingContinuation = false;
        int firstLineEnd = -1;
        int contentLength = Framing.ABSENT;
        boolean validStart = false;
        while (true) {
            int lineStart = headLen;
            long lineLength = line(over ? ESSENTIAL_LINE : Math.max(0, maxMessage - headLen), giveUpAfter - scanned);
            if (lineLength < 0) {
                dropped.add(scanned + headLen - lineStart);
                return false;
            }
            scanned += lineLength;
            boolean stored = lineComplete && headLen - lineStart == lineLength;
            if (firstLineEnd < 0) {
                if (!lineComplete) {
                    // a start line without end: nothing of this connection can be framed any more
                    dropped.add(scanned);
                    dead = true;
                    if (resync) {
                        return next();
                    }
                    headLen = plainStartLine();
                    return substitute(headLen, 513, "Message Too Large (start line without end)", true);
                }
                if (resync) {
                    int at = stored ? Framing.startLine(head, lineStart, headLen) : -1;
                    if (at >= 0) {
                        resync = false;
                        dropped.add(at - lineStart);
                        System.arraycopy(head, at, head, lineStart, headLen - at);
                        headLen -= at - lineStart;
                    } else {
                        dropped.add(lineLength);
                        headLen = 0;
                        scanned = 0;
                        continue;
                    }
                }
                if (!stored) {
                    // a start line longer than the limit: only the substitute's answer needs one
                    headLen = plainStartLine();
                    over = true;
                }
                firstLineEnd = headLen;
                validStart = !over && Framing.isStartLine(head, 0, headLen);
                continue;
            }
            if (!lineComplete || scanned > giveUpAfter) {
                // RFC 3261 section 18.3 cannot be applied: the header section does not end
                dropped.add(scanned);
                dead = true;
                headLen = lineStart;
                return substitute(firstLineEnd, 513, "Message Too Large (header section without end)", true);
            }
            if (stored && Framing.blank(head, lineStart, headLen)) {
                break;
            }
            boolean cont = Framing.continuation(head, lineStart);
            if (!cont && Framing.named(head, lineStart, headLen, "content-length", 'l')) {
                int v = stored ? Framing.contentLengthValue(head, lineStart, headLen) : Framing.MALFORMED;
                contentLength = contentLength == Framing.ABSENT ? v : Framing.MALFORMED;
            }
            if (!over && !stored) {
                over = true;
                headLen = compact(firstLineEnd, lineStart);
                keepingContinuation = false;
            } else if (over) {
                boolean keep = stored && (cont ? keepingContinuation : essential(lineStart, headLen));
                if (!cont) {
                    keepingContinuation = keep;
                }
                if (!keep) {
                    headLen = lineStart;
                }
            }
        }
        boolean response = head[0] == 'S' && new String(head, 0, Math.min(4, headLen), StandardCharsets.US_ASCII).equals("SIP/");
        if (contentLength == Framing.MALFORMED) {
            dropped.add(scanned);
            if (response) {
                return false;
            }
            dead = true;
            return substitute(firstLineEnd, 400, "Malformed Content-Length header", true);
        }
        if (contentLength == Framing.ABSENT) {
            // RFC 3261 section 18.3: required on a stream; what follows the header section is of unknown length
            if (!validStart) {
                // not SIP at all: the parser answers 400 (bad start line) and the connection is closed
                emitHead();
                return true;
            }
            resync = true;
            if (response) {
                emitHead();
                return true;
            }
            return substitute(firstLineEnd, 400, "Missing Content-Length header (required over " + transport() + ")", false);
        }
        if (over || scanned + contentLength > maxMessage) {
            skipLeft = contentLength;
            if (response) {
                return next();
            }
            return substitute(firstLineEnd, 513, "Message Too Large", false);
        }
        emitHead();
        bodyLeft = contentLength;
        return true;
    }

    private String transport() {
        return socket instanceof javax.net.ssl.SSLSocket ? "TLS" : "TCP";
    }

    /**
     * Reads one line (to its LF, or until {@code budget} bytes were read) and stores at most {@code cap}
     * bytes of it at {@code head[headLen..]}; the bytes read, or -1 at the end of the stream. Sets
     * {@link #lineComplete}.
     */
    private long line(int cap, long budget) throws IOException {
        long length = 0;
        int room = cap;
        lineComplete = false;
        while (length <= budget) {
            if (!fill()) {
                return -1;
            }
            int end = inPos;
            while (end < inLim && inBuf[end] != '\n') {
                end++;
            }
            boolean complete = end < inLim;
            if (complete) {
                end++;
            }
            int n = end - inPos;
            int keep = Math.max(0, Math.min(n, room));
            if (keep > 0) {
                ensure(headLen + keep);
                System.arraycopy(inBuf, inPos, head, headLen, keep);
                headLen += keep;
                room -= keep;
            }
            if (keep < n) {
                room = 0;
            }
            length += n;
            inPos = end;
            if (complete) {
                lineComplete = true;
                return length;
            }
        }
        return length;
    }

    /** Puts a neutral request line at the start of {@code head} (the stand-in takes its method from CSeq); its length. */
    private int plainStartLine() {
        byte[] plain = "OPTIONS sip:invalid SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
        ensure(plain.length);
        System.arraycopy(plain, 0, head, 0, plain.length);
        return plain.length;
    }

    private void ensure(int size) {
        if (size > head.length) {
            head = Arrays.copyOf(head, Math.max(size, head.length * 2));
        }
    }

    /** Keeps the start line and the essential headers of {@code head[..upTo)}; the new length. */
    private int compact(int firstLineEnd, int upTo) {
        int w = firstLineEnd;
        int lineStart = firstLineEnd;
        boolean keeping = false;
        for (int i = firstLineEnd; i < upTo; i++) {
            if (head[i] == '\n') {
                boolean cont = Framing.continuation(head, lineStart);
                keeping = cont ? keeping : essential(lineStart, i + 1) && i + 1 - lineStart <= ESSENTIAL_LINE;
                if (keeping) {
                    System.arraycopy(head, lineStart, head, w, i + 1 - lineStart);
                    w += i + 1 - lineStart;
                }
                lineStart = i + 1;
            }
        }
        return w;
    }

    /** Via, From, To, Call-ID and CSeq: what an answer echoes (RFC 3261 section 8.2.6.2). */
    private boolean essential(int from, int to) {
        return Framing.named(head, from, to, "via", 'v') || Framing.named(head, from, to, "from", 'f')
                || Framing.named(head, from, to, "to", 't') || Framing.named(head, from, to, "call-id", 'i')
                || Framing.named(head, from, to, "cseq", '\0');
    }

    /** The substitute for the request in {@code head}: start line, essential headers, marker, no body. */
    private boolean substitute(int firstLineEnd, int status, String reason, boolean close) {
        int len = compact(firstLineEnd, headLen);
        String token = nonce + "-" + (++substitutes);
        verdicts.put(token, new Verdict(status, reason, close));
        byte[] tail = (MARKER + ": " + token + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] s = Arrays.copyOf(head, len + tail.length);
        System.arraycopy(tail, 0, s, len, tail.length);
        emit(s, s.length);
        return true;
    }

    private void emitHead() {
        emit(Arrays.copyOf(head, headLen), headLen);
    }

    private void emit(byte[] bytes, int length) {
        out = bytes;
        outPos = 0;
        outLim = length;
    }
}
