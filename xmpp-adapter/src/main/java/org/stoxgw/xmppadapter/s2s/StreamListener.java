package org.stoxgw.xmppadapter.s2s;

import org.stoxgw.xmppadapter.stream.XmlFrame;

/**
 * What an outgoing stream (S2S or component) reports to whoever opened it: {@link #ready} or
 * {@link #failed} exactly once, then {@link #closed} when a ready stream's connection ends. Called on
 * the stream's event loop.
 *
 * @param <S> the stream type
 */
interface StreamListener<S> {
    void ready(S stream);

    void failed(ConnectFailure failure);

    void closed(S stream);

    /** A non-stanza element received on a ready stream. */
    default void frame(S stream, XmlFrame frame) {
    }

    /** No stanza in either direction for the idle time on a ready stream. */
    default void idle(S stream) {
    }
}
