package org.stoxgw.mapping.payload;

/**
 * Why a payload was refused. The wiring turns each into a SIP answer (usually 400, or 415 for
 * {@link #UNSUPPORTED}) or a log line; none of them is ever silently ignored.
 */
public enum ParseProblem {
    /** The payload is larger than the configured byte limit. */
    TOO_LARGE,
    /** Elements nest deeper than the configured depth limit. */
    TOO_DEEP,
    /** A document type declaration was present; DTDs (and so entity definitions) are never processed. */
    DTD_FORBIDDEN,
    /** Not well-formed (XML), not valid UTF-8, or not a parseable header block. */
    MALFORMED,
    /** Well-formed, but the root element or structure is not the expected format. */
    UNEXPECTED_CONTENT,
    /** A value the format restricts (e.g. PIDF {@code <basic>}) has a value outside its domain. */
    INVALID_VALUE,
    /** An extension marked {@code mustUnderstand} is not understood (RFC 3863 §4.2.3). */
    MUST_UNDERSTAND,
    /** A media type or charset the gateway does not handle. */
    UNSUPPORTED
}
