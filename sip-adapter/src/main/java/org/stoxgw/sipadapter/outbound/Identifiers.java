package org.stoxgw.sipadapter.outbound;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tags, Call-IDs and Via branches made by one adapter instance. Branches carry the RFC 3261
 * magic cookie, a marker unique to this adapter run and a hash of the Request-URI they were sent
 * with, so that the adapter recognises its own requests coming back (RFC 5393 section 4.2: a
 * loop when the Request-URI is unchanged, a spiral otherwise). Thread-safe.
 */
public final class Identifiers {
    private static final String COOKIE = "z9hG4bK";
    private final String marker;
    private final AtomicLong counter = new AtomicLong();

    public Identifiers() {
        this.marker = "sx" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }

    /** The Via branch prefix that marks this adapter's requests: {@code z9hG4bKsx<random>.}. */
    public String branchPrefix() {
        return COOKIE + marker + ".";
    }

    /** A new branch for a request sent with {@code requestUri}. */
    public String newBranch(String requestUri) {
        return branchPrefix() + uriHash(requestUri) + "." + Long.toString(counter.incrementAndGet(), 36)
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    /** The Request-URI hash inside a branch of ours, or null if {@code branch} is not ours. */
    public String uriHashOf(String branch) {
        if (branch == null || !branch.startsWith(branchPrefix())) {
            return null;
        }
        int start = branchPrefix().length();
        int dot = branch.indexOf('.', start);
        return dot < 0 ? null : branch.substring(start, dot);
    }

    /** The hash a branch carries for {@code requestUri}. */
    public static String uriHash(String requestUri) {
        return Integer.toHexString(requestUri.toLowerCase(Locale.ROOT).hashCode());
    }

    /** A new From or To tag (RFC 3261 section 19.3: at least 32 bits of randomness). */
    public String newTag() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toString(r.nextLong() >>> 1, 36) + Integer.toString(r.nextInt() >>> 1, 36);
    }

    /** A new Call-ID, {@code random@host}. */
    public String newCallId(String host) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toString(r.nextLong() >>> 1, 36) + Long.toString(r.nextLong() >>> 1, 36) + "@" + host;
    }
}
