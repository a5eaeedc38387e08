package org.stoxgw.xmppadapter.stream;

/**
 * One complete first-level child of the stream: a stanza or a negotiation element.
 *
 * <p>{@link #xml()} is the element re-serialised as a standalone, well-formed document fragment:
 * the element declares its namespace explicitly, and the stream's content namespace
 * ({@code jabber:server}, {@code jabber:component:accept}) is rewritten to {@code jabber:client}
 * for stanzas so that Smack's providers recognise them (libraries.md §1, trap 1).
 *
 * @param name      local name (message, presence, iq, starttls, result, ...)
 * @param namespace namespace URI as received
 * @param stanza    whether it is a message, presence or iq in the stream's content namespace
 * @param xml       the re-serialised element
 * @param to        the 'to' attribute or null
 * @param from      the 'from' attribute or null
 * @param type      the 'type' attribute or null
 * @param id        the 'id' attribute or null
 * @param element   the element as a tree for non-stanza frames, null for stanzas
 * @param events    the parse events of a stanza (for Smack, without a second parse), null otherwise
 */
public record XmlFrame(String name, String namespace, boolean stanza, String xml, String to, String from, String type,
                       String id, XmlElement element, StanzaEvents events) implements StreamEvent {

    /** Whether this frame is {@code {ns}localName}. */
    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }
}
