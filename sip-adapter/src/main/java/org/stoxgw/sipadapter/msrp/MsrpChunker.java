package org.stoxgw.sipadapter.msrp;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an outgoing message into chunks (RFC 4975 §5.1, §7.1.1; MSRP-05/06): chunks in order,
 * each at most {@code chunkSize} octets, every one with a Byte-Range. A chunk longer than 2048
 * octets is marked interruptible ({@code start-* /total}) as MSRP-06 requires; shorter ones carry
 * their end. Only the last chunk ends with '$'. A message of 0 octets is one chunk {@code 1-0/0}.
 */
public final class MsrpChunker {

    /** Chunks above this size must be interruptible (RFC 4975 §7.1.1). */
    public static final int INTERRUPTIBLE_ABOVE = 2048;

    /** One chunk of a message: {@code length} octets from 0-based {@code offset}. */
    public record Chunk(int offset, int length, ByteRange range, boolean last) {
    }

    private MsrpChunker() {
    }

    public static List<Chunk> split(int total, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize);
        }
        List<Chunk> out = new ArrayList<>(total / chunkSize + 1);
        if (total == 0) {
            out.add(new Chunk(0, 0, ByteRange.EMPTY, true));
            return out;
        }
        for (int off = 0; off < total; off += chunkSize) {
            int len = Math.min(chunkSize, total - off);
            long end = len > INTERRUPTIBLE_ABOVE ? -1 : off + len;
            out.add(new Chunk(off, len, new ByteRange(off + 1, end, total), off + len == total));
        }
        return out;
    }
}
