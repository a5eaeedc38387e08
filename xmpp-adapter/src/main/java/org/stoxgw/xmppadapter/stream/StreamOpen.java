package org.stoxgw.xmppadapter.stream;

/**
 * A received stream header ({@code <stream:stream ...>}, RFC 6120 §4.7).
 *
 * @param streamNamespace  namespace of the root element; must be {@code http://etherx.jabber.org/streams}
 * @param localName        local name of the root element; must be {@code stream}
 * @param contentNamespace the default namespace (jabber:server, jabber:component:accept, ...), "" if none
 * @param dialbackDeclared whether {@code xmlns:db='jabber:server:dialback'} is declared (XEP-0220 §2.1)
 * @param to               the 'to' attribute or null
 * @param from             the 'from' attribute or null
 * @param id               the 'id' attribute or null
 * @param version          the 'version' attribute or null (absent = pre-RFC 3920 peer)
 */
public record StreamOpen(String streamNamespace, String localName, String contentNamespace, boolean dialbackDeclared,
                         String to, String from, String id, String version) implements StreamEvent {

    /** The namespace of the stream root element. */
    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";

    /** Whether the root element is {@code <stream:stream>} in the right namespace. */
    public boolean isStreamElement() {
        return STREAM_NAMESPACE.equals(streamNamespace) && "stream".equals(localName);
    }

    /**
     * The header for the wire log: the attributes it had, none invented ({@code id='null'} for an
     * absent one made a peer look like it sent the text "null", issue 13).
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(128).append("<stream:stream");
        Xml.optAttribute(sb, "xmlns", contentNamespace.isEmpty() ? null : contentNamespace);
        Xml.optAttribute(sb, "to", to);
        Xml.optAttribute(sb, "from", from);
        Xml.optAttribute(sb, "id", id);
        Xml.optAttribute(sb, "version", version);
        return sb.append('>').toString();
    }

    /** The major version, 0 when the attribute is absent or unparseable (RFC 6120 §4.7.5). */
    public int majorVersion() {
        if (version == null) {
            return 0;
        }
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
