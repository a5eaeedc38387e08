package org.stoxgw.xmppadapter.stream;

/**
 * The stream-level elements the gateway writes, as strings (RFC 6120 §4.7, §4.9, §5, §6; XEP-0220).
 * Values are escaped here; callers pass raw domain names and ids.
 */
public final class StreamElements {
    /** The closing tag of a stream (RFC 6120 §4.4). */
    public static final String CLOSE = "</stream:stream>";
    /** A whitespace keepalive (RFC 6120 §4.6.1). */
    public static final String KEEPALIVE = " ";

    private StreamElements() {
    }

    /**
     * An opening stream header with the XML declaration.
     *
     * @param contentNs jabber:server or jabber:component:accept
     * @param dialback  declare the {@code db:} prefix (XEP-0220 §2.1)
     * @param from      'from' or null
     * @param to        'to' or null
     * @param id        'id' or null (only the receiving entity sets it)
     * @param version   write version='1.0' (omitted for XEP-0114 and pre-1.0 peers)
     */
    public static String header(String contentNs, boolean dialback, String from, String to, String id, boolean version) {
        StringBuilder b = new StringBuilder(256).append("<?xml version='1.0'?><stream:stream xmlns='")
                .append(contentNs).append("' xmlns:stream='").append(Namespaces.STREAM).append('\'');
        if (dialback) {
            b.append(" xmlns:db='").append(Namespaces.DIALBACK).append('\'');
        }
        attribute(b, "from", from);
        attribute(b, "to", to);
        attribute(b, "id", id);
        if (version) {
            b.append(" version='1.0'");
        }
        return b.append(" xml:lang='en'>").toString();
    }

    /** A stream error followed by the closing tag (RFC 6120 §4.9.1.1). */
    public static String error(StreamErrorCondition condition, String text) {
        StringBuilder b = new StringBuilder(200).append("<stream:error><").append(condition.elementName())
                .append(" xmlns='").append(Namespaces.STREAMS).append("'/>");
        if (text != null && !text.isEmpty()) {
            b.append("<text xmlns='").append(Namespaces.STREAMS).append("' xml:lang='en'>");
            Xml.escape(b, text).append("</text>");
        }
        return b.append("</stream:error>").append(CLOSE).toString();
    }

    /** {@code <db:result/>} or {@code <db:verify/>} (XEP-0220 §2): a request when {@code type} is null. */
    public static String dialback(String name, String from, String to, String id, String type, String key) {
        StringBuilder b = new StringBuilder(160).append("<db:").append(name);
        attribute(b, "from", from);
        attribute(b, "to", to);
        attribute(b, "id", id);
        attribute(b, "type", type);
        if (key == null) {
            return b.append("/>").toString();
        }
        b.append('>');
        return Xml.escape(b, key).append("</db:").append(name).append('>').toString();
    }

    /** A dialback error answer (XEP-0220 §2.4) with a stanza error condition. */
    public static String dialbackError(String name, String from, String to, String id, String errorType, String condition) {
        StringBuilder b = new StringBuilder(220).append("<db:").append(name);
        attribute(b, "from", from);
        attribute(b, "to", to);
        attribute(b, "id", id);
        b.append(" type='error'><error type='").append(errorType).append("'><").append(condition)
                .append(" xmlns='").append(Namespaces.STANZAS).append("'/></error></db:").append(name).append('>');
        return b.toString();
    }

    /** Appends {@code  name='value'} when value is not null. */
    public static StringBuilder attribute(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append("='");
            Xml.escape(b, value).append('\'');
        }
        return b;
    }
}
