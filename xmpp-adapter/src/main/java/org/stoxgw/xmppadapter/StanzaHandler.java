package org.stoxgw.xmppadapter;

/**
 * What the XMPP adapter feeds: every stanza received on an authenticated stream whose {@code from}
 * and {@code to} passed the RFC 6120 checks. Implemented by the engine's router.
 *
 * <p>IQ requests ({@code get}/{@code set}) to a user at a gateway domain reach {@link #onStanza}
 * only when {@link #claimsIq} accepts the namespace of their payload; the adapter answers the others
 * with {@code service-unavailable} itself (RFC 6120 §8.4: an IQ the entity does not understand; and
 * libraries.md §1 trap 3: unknown IQs are never forwarded). Results and errors that answer an IQ of
 * {@link XmppAdapter#sendIq} complete that call instead and do not reach {@link #onStanza}.
 *
 * <p>Threading: called on the stream's Netty event loop. Implementations must not block.
 */
@FunctionalInterface
public interface StanzaHandler {
    void onStanza(InboundStanza stanza);

    /**
     * Whether the engine handles IQ requests whose payload is in {@code namespace} (e.g.
     * {@code urn:xmpp:jingle:1}); it must then answer each one (result or error). Fast and pure:
     * called on an event loop for every such IQ. None by default.
     */
    default boolean claimsIq(String namespace) {
        return false;
    }
}
