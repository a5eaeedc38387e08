package org.stoxgw.sipadapter.inbound;

import java.util.List;

/**
 * A response the adapter gives instead of the core.
 *
 * @param status  response code
 * @param reason  reason phrase, naming the problem for the sender's logs
 * @param counter JMX counter name (a small fixed set)
 * @param headers extra header fields, name then value (Allow, Accept, Unsupported, Retry-After...)
 */
record Rejection(int status, String reason, String counter, List<String> headers) {
    Rejection(int status, String reason, String counter, String... headers) {
        this(status, reason, counter, List.of(headers));
    }
}
