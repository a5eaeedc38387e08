package org.stoxgw.xmppadapter.stream;

/**
 * What {@link XmppStreamDecoder} hands to the next handler: the opening stream header, one
 * complete first-level element (a stanza or a negotiation element), the end of the stream, or a
 * fault that must end the stream with a stream error.
 */
public sealed interface StreamEvent permits StreamOpen, XmlFrame, StreamEnd, StreamFault {
}
