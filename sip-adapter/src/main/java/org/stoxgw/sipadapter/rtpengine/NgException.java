package org.stoxgw.sipadapter.rtpengine;

/**
 * Why an ng command failed: rtpengine did not answer in time (or is known to be down), or it
 * answered {@code result = error} with its {@code error-reason}, or its reply could not be read.
 */
public final class NgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind {
        /** No reply after every retry, the link is down, or the client is stopped or full. */
        UNAVAILABLE,
        /** rtpengine answered with an error (e.g. an SDP it cannot handle). */
        REFUSED,
        /** A reply that is not a bencoded dictionary with a result. */
        BAD_REPLY
    }

    private final Kind kind;

    public NgException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
