package org.stoxgw.xmppadapter.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The parse events of one stanza as the stream decoder read them, kept so that Smack can build its
 * stanza from them directly ({@code stanza.EventsXmlPullParser}) instead of parsing the re-serialised
 * text a second time with another XML parser (P-07). Namespaces are resolved already; the stream's
 * content namespace ({@code jabber:server}, {@code jabber:component:accept}) reads as
 * {@code jabber:client}, exactly as in {@link XmlFrame#xml()}. Adjacent character data is coalesced.
 *
 * <p>Built by the decoder on its event loop, then read-only (safe to hand to another thread).
 */
public final class StanzaEvents {
    /** Kinds of {@link Event}. */
    public enum Kind { START, TEXT, END }

    /** A namespace declaration on an element; prefix null for the default namespace. */
    public record Declaration(String prefix, String uri) { }

    /** An attribute; prefix and namespace empty when it has none. */
    public record Attribute(String prefix, String localName, String namespace, String value) { }

    /**
     * One event: a start tag (name, prefix, namespace, declarations, attributes), character data
     * ({@code text}), or an end tag (name, prefix, namespace of its start).
     */
    public record Event(Kind kind, String name, String prefix, String namespace, List<Declaration> declarations,
                        List<Attribute> attributes, String text) { }

    private final List<Event> events = new ArrayList<>(8);
    private final ArrayList<Event> open = new ArrayList<>(4);
    private final StringBuilder text = new StringBuilder();
    private List<Declaration> pendingDeclarations;
    private List<Attribute> pendingAttributes;
    private String pendingName;
    private String pendingPrefix;
    private String pendingNamespace;

    /** Opens an element; {@link #declare} and {@link #attribute} add to it until the next event. */
    void start(String name, String prefix, String namespace) {
        flush();
        pendingName = name;
        pendingPrefix = prefix == null ? "" : prefix;
        pendingNamespace = namespace;
        pendingDeclarations = new ArrayList<>(1);
        pendingAttributes = new ArrayList<>(4);
    }

    void declare(String prefix, String uri) {
        pendingDeclarations.add(new Declaration(prefix == null || prefix.isEmpty() ? null : prefix, uri));
    }

    void attribute(String prefix, String localName, String namespace, String value) {
        pendingAttributes.add(new Attribute(prefix == null ? "" : prefix, localName, namespace == null ? "" : namespace, value));
    }

    void text(char[] chars, int start, int length) {
        flushStart();
        text.append(chars, start, length);
    }

    void end() {
        flush();
        Event start = open.remove(open.size() - 1);
        events.add(new Event(Kind.END, start.name(), start.prefix(), start.namespace(), List.of(), List.of(), null));
    }

    /** Writes out what is pending: the start tag being built, or coalesced text. */
    private void flush() {
        flushStart();
        if (!text.isEmpty()) {
            events.add(new Event(Kind.TEXT, null, null, null, List.of(), List.of(), text.toString()));
            text.setLength(0);
        }
    }

    private void flushStart() {
        if (pendingName != null) {
            Event e = new Event(Kind.START, pendingName, pendingPrefix, pendingNamespace, pendingDeclarations,
                    pendingAttributes, null);
            events.add(e);
            open.add(e);
            pendingName = null;
        }
    }

    /** The events, from the stanza's start tag to its end tag. */
    public List<Event> events() {
        return events;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StanzaEvents other && events.equals(other.events);
    }

    @Override
    public int hashCode() {
        return events.hashCode();
    }

    @Override
    public String toString() {
        return events.size() + " events";
    }
}
