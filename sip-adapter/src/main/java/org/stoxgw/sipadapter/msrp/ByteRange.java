package org.stoxgw.sipadapter.msrp;

import java.util.Optional;

/**
 * {@code Byte-Range: start-end/total} (RFC 4975 §7.1.1, §9), 1-based and inclusive. {@code end}
 * and {@code total} are -1 for {@code *} (unknown or interruptible). {@code 1-0/0} is the range
 * of an empty SEND.
 */
public record ByteRange(long start, long end, long total) {

    public static final ByteRange EMPTY = new ByteRange(1, 0, 0);

    public ByteRange {
        if (start < 1 || end < -1 || total < -1 || (end >= 0 && end < start - 1) || (total >= 0 && end > total)) {
            throw new IllegalArgumentException("bad byte range " + start + "-" + end + "/" + total);
        }
    }

    /** Parses a Byte-Range value; empty if malformed. */
    public static Optional<ByteRange> parse(String v) {
        if (v == null) {
            return Optional.empty();
        }
        String s = v.trim();
        int dash = s.indexOf('-');
        int slash = s.indexOf('/');
        if (dash <= 0 || slash < dash) {
            return Optional.empty();
        }
        try {
            long start = Long.parseLong(s.substring(0, dash));
            String e = s.substring(dash + 1, slash);
            String t = s.substring(slash + 1);
            long end = e.equals("*") ? -1 : Long.parseLong(e);
            long total = t.equals("*") ? -1 : Long.parseLong(t);
            return Optional.of(new ByteRange(start, end, total));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return start + "-" + (end < 0 ? "*" : Long.toString(end)) + "/" + (total < 0 ? "*" : Long.toString(total));
    }
}
