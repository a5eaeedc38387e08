package org.stoxgw.sipadapter.stack;

/**
 * Attached (as application data) to the stand-in request the {@link TolerantParser} hands to the
 * stack in place of a request it could not accept, so that the adapter answers it statelessly
 * instead of JAIN-SIP dropping it (missing headers, both transports) or closing the connection
 * without an answer (malformed header on TCP/TLS).
 *
 * @param status          400, or 505 for another SIP version
 * @param reason          the reason phrase, naming what is wrong
 * @param closeConnection the stream is no longer framed reliably (bad start line or Content-Length)
 */
public record MalformedRequest(int status, String reason, boolean closeConnection) {
}
