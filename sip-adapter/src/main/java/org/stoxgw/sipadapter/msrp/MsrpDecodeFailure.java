package org.stoxgw.sipadapter.msrp;

/**
 * What {@link MsrpDecoder} emits when the input is not MSRP it can frame: after it the decoder
 * discards everything, and the connection handler answers (when a request's tid is known) and
 * closes the connection, since framing cannot be recovered without a trustworthy end-line.
 *
 * @param tid     the transaction id of the frame being read, or null if the start line was bad
 * @param request whether the frame was a request (a response is never answered)
 * @param status  the MSRP status to answer with (400)
 * @param reason  what was wrong, for the log (no payload bytes)
 */
public record MsrpDecodeFailure(String tid, boolean request, int status, String reason) {
}
