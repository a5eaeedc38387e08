package org.stoxgw.xmppadapter.stream;

import java.util.List;
import java.util.Map;

/**
 * A small immutable element tree, built by the decoder for stream-level negotiation elements
 * (features, STARTTLS, SASL, dialback, stream errors, component handshake). Stanzas are not built
 * as trees; they go to Smack as text.
 *
 * @param name       local name
 * @param namespace  namespace URI ("" for none)
 * @param attributes attributes by local name (namespaced attributes other than xml:lang are kept by local name
 *                   too, unless an unqualified attribute has that name)
 * @param children   child elements in document order
 * @param text       the element's own character data, concatenated
 */
public record XmlElement(String name, String namespace, Map<String, String> attributes, List<XmlElement> children,
                         String text) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The attribute's value or null. */
    public String attribute(String localName) {
        return attributes.get(localName);
    }

    /** The first child with this name and namespace, or null. */
    public XmlElement child(String localName, String ns) {
        for (XmlElement c : children) {
            if (c.name.equals(localName) && c.namespace.equals(ns)) {
                return c;
            }
        }
        return null;
    }

    /** The first child in namespace {@code ns}, or null (e.g. the condition of an error). */
    public XmlElement firstChildIn(String ns) {
        for (XmlElement c : children) {
            if (c.namespace.equals(ns)) {
                return c;
            }
        }
        return null;
    }

    /** Whether this element is {@code {ns}localName}. */
    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }
}
