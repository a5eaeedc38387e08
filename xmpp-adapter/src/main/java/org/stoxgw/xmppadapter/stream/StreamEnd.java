package org.stoxgw.xmppadapter.stream;

/** The peer closed its stream ({@code </stream:stream>}). */
public record StreamEnd() implements StreamEvent {
    /** The only instance needed. */
    public static final StreamEnd INSTANCE = new StreamEnd();
}
