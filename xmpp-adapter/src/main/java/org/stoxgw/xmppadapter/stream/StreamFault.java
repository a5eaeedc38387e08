package org.stoxgw.xmppadapter.stream;

/**
 * Input that ends the stream: the decoder has stopped reading and the handler must send a stream
 * error with this condition (RFC 6120 §4.9) and close the connection.
 *
 * @param condition the stream error condition to send
 * @param text      a human-readable explanation, sent as the error's {@code <text/>}
 */
public record StreamFault(StreamErrorCondition condition, String text) implements StreamEvent {
}
