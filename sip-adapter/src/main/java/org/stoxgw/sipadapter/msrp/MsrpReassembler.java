package org.stoxgw.sipadapter.msrp;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reassembles incoming chunks into messages (RFC 4975 §7.3.1; MSRP-15, CHAT-24, CHAT-27): chunks
 * may come in any order and interleaved with other messages' chunks; the chunk length is measured
 * from the payload, not taken from the Byte-Range; on overlap the latest chunk wins; the '$'
 * chunk fixes the total length; '#' aborts the message. A message whose Byte-Range total or
 * highest byte passes {@code maxMessageSize} is refused ({@link Outcome#TOO_LARGE}), and later
 * chunks with the same Message-ID are ignored. At most {@code maxPartial} messages are in
 * progress at once.
 *
 * <p>Thread: one session's event loop; not thread-safe.
 */
public final class MsrpReassembler {

    /** What one chunk did. */
    public enum Outcome { INCOMPLETE, COMPLETE, TOO_LARGE, ABORTED, IGNORED, TOO_MANY }

    /** The result of {@link #accept}: the outcome, and the content when complete. */
    public record Result(Outcome outcome, byte[] content, String contentType) {
        static final Result INCOMPLETE = new Result(Outcome.INCOMPLETE, null, "");
        static final Result TOO_LARGE = new Result(Outcome.TOO_LARGE, null, "");
        static final Result ABORTED = new Result(Outcome.ABORTED, null, "");
        static final Result IGNORED = new Result(Outcome.IGNORED, null, "");
        static final Result TOO_MANY = new Result(Outcome.TOO_MANY, null, "");
    }

    private static final int REFUSED_REMEMBERED = 64;

    private final long maxMessageSize;
    private final int maxPartial;
    private final Map<String, Partial> partial = new HashMap<>();
    private final Set<String> refused = new LinkedHashSet<>();

    public MsrpReassembler(long maxMessageSize, int maxPartial) {
        this.maxMessageSize = maxMessageSize;
        this.maxPartial = maxPartial;
    }

    /** Messages in progress. */
    public int inProgress() {
        return partial.size();
    }

    /** Octets held for messages in progress. */
    public long bufferedBytes() {
        long n = 0;
        for (Partial p : partial.values()) {
            n += p.buf.length;
        }
        return n;
    }

    /**
     * Takes one chunk. {@code range} may be null (a first chunk without Byte-Range means
     * {@code 1-* /*}, RFC 4975 §7.1.1).
     */
    public Result accept(String messageId, ByteRange range, byte[] body, char flag, String contentType) {
        if (refused.contains(messageId)) {
            return Result.IGNORED; // C14: later chunks of a refused message
        }
        long start = range == null ? 1 : range.start();
        long total = range == null ? -1 : range.total();
        int len = body == null ? 0 : body.length;
        long highest = start - 1 + len;
        if ((total >= 0 && total > maxMessageSize) || highest > maxMessageSize) {
            refuse(messageId);
            return Result.TOO_LARGE;
        }
        Partial p = partial.get(messageId);
        if (flag == MsrpFrame.ABORTED) {
            partial.remove(messageId);
            return Result.ABORTED;
        }
        if (p == null && start == 1 && flag == MsrpFrame.COMPLETE) {
            return new Result(Outcome.COMPLETE, body == null ? new byte[0] : body, contentType); // one chunk
        }
        if (p == null) {
            if (partial.size() >= maxPartial) {
                return Result.TOO_MANY;
            }
            p = new Partial(total >= 0 ? (int) total : 0);
            partial.put(messageId, p);
        }
        p.write((int) (start - 1), body == null ? new byte[0] : body);
        if (start == 1 || p.contentType.isEmpty()) {
            p.contentType = contentType;
        }
        if (flag == MsrpFrame.COMPLETE) {
            p.total = (int) highest; // the last chunk fixes the length (MSRP-15)
        }
        if (p.total >= 0 && p.have.nextClearBit(0) >= p.total) {
            partial.remove(messageId);
            byte[] content = p.buf.length == p.total ? p.buf : Arrays.copyOf(p.buf, p.total);
            return new Result(Outcome.COMPLETE, content, p.contentType);
        }
        return Result.INCOMPLETE;
    }

    /** Forgets every message in progress (the session ended). */
    public void clear() {
        partial.clear();
    }

    private void refuse(String messageId) {
        partial.remove(messageId);
        refused.add(messageId);
        if (refused.size() > REFUSED_REMEMBERED) {
            refused.remove(refused.iterator().next());
        }
    }

    private final class Partial {
        byte[] buf;
        final BitSet have = new BitSet();
        int total = -1;
        String contentType = "";

        Partial(int expected) {
            buf = new byte[expected]; // the announced total, already checked against the limit
        }

        void write(int offset, byte[] bytes) {
            int end = offset + bytes.length;
            if (end > buf.length) {
                // total unknown (or wrong): grow by doubling, never past what this chunk needs twice
                buf = Arrays.copyOf(buf, Math.max(end, (int) Math.min(buf.length * 2L, maxMessageSize)));
            }
            System.arraycopy(bytes, 0, buf, offset, bytes.length);
            have.set(offset, end);
        }
    }
}
