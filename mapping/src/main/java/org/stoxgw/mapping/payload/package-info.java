/**
 * The small toolkit the content codecs of {@link org.stoxgw.mapping.presence} and
 * {@link org.stoxgw.mapping.message} share: a StAX reader hardened against DTDs, external entities
 * and entity expansion with size and depth limits ({@link org.stoxgw.mapping.payload.XmlCursor}), an
 * escaping XML writer ({@link org.stoxgw.mapping.payload.XmlWriter}), media-type parsing, UTF-8
 * counting, and the result type every parser returns ({@link org.stoxgw.mapping.payload.ParseResult}).
 * Pure: no I/O beyond in-memory streams, no threads, no clocks, no logging.
 */
package org.stoxgw.mapping.payload;
