package org.stoxgw.xmppadapter;

/**
 * What the XMPP adapter feeds: every stanza received on an authenticated stream whose {@code from}
 * and {@code to} passed the RFC 6120 checks. Implemented by the engine's router.
 *
 * <p>Threading: called on the stream's Netty event loop. Implementations must not block.
 */
@FunctionalInterface
public interface StanzaHandler {
    void onStanza(InboundStanza stanza);
}
