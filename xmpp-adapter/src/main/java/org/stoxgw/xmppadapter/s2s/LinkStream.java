package org.stoxgw.xmppadapter.s2s;

/**
 * An authenticated stream an {@link OutboundLink} writes to. Called on the stream's event loop,
 * which is the link's.
 */
interface LinkStream {
    /** Writes one serialised stanza, without flushing. */
    void writeStanza(String xml);

    void flush();

    /** Writes and flushes an acknowledgement probe: an XMPP ping whose answer carries {@code id}. */
    void sendProbe(String id);

    /** Closes the stream gracefully. */
    void close();

    /** "sasl-external", "dialback" or "component-handshake". */
    String auth();

    /** "none", "tls" or "tls-verified". */
    String tlsState();
}
