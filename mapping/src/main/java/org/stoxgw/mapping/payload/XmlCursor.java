package org.stoxgw.mapping.payload;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A forward-only cursor over one XML payload, on the JDK's built-in StAX parser, hardened for
 * content that arrives from the network:
 * <ul>
 *   <li>the byte limit is checked before parsing starts;</li>
 *   <li>a document type declaration is refused the moment it is seen, before any entity it might
 *       declare is referenced, so there is no entity expansion ("billion laughs") and no external
 *       entity or DTD is ever fetched (DTD support and external entities are also switched off and
 *       the resolver refuses everything);</li>
 *   <li>element nesting deeper than the depth limit is refused.</li>
 * </ul>
 * The JDK implementation is chosen explicitly ({@link XMLInputFactory#newDefaultFactory()}) so that a
 * ServiceLoader-provided parser (Aalto, see libraries.md §1 trap 2) never takes its place.
 *
 * <p>Use: {@link #parse(byte[], XmlLimits, Reader)} positions the cursor on the root element and
 * calls the reader; children are visited with {@code while (c.nextChild(depth))}. Unknown elements
 * need no handling: the loop skips them (tolerant receiver).
 *
 * <p>Thread: a cursor is confined to the call of {@code parse}; {@code parse} may be called from any
 * thread (the shared factory is configured once and only creates readers afterwards). The JDK's
 * reader-reuse option is deliberately not used: with documents not read to their end it retains
 * memory without bound (seen in a throwaway benchmark).
 */
public final class XmlCursor {

    private static final XMLInputFactory FACTORY = hardenedFactory();

    /** Reads one document from a cursor positioned on its root element. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(XmlCursor cursor) throws XMLStreamException;
    }

    /** Thrown by readers (through {@link #refuse}) to refuse a document with a reason. */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ParseProblem problem;

        Refusal(ParseProblem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }

        public ParseProblem problem() {
            return problem;
        }
    }

    private final XMLStreamReader reader;
    private final int maxDepth;
    private int depth;

    private XmlCursor(XMLStreamReader reader, int maxDepth) {
        this.reader = reader;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses {@code bytes} (encoding from the XML declaration or BOM, UTF-8 by default) within
     * {@code limits} and hands the cursor, positioned on the root element, to {@code read}.
     */
    public static <T> ParseResult<T> parse(byte[] bytes, XmlLimits limits, Reader<T> read) {
        if (bytes.length > limits.maxBytes()) {
            return ParseResult.refused(ParseProblem.TOO_LARGE,
                    bytes.length + " bytes exceed the limit of " + limits.maxBytes());
        }
        if (bytes.length == 0) {
            return ParseResult.refused(ParseProblem.MALFORMED, "empty document");
        }
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
            XmlCursor c = new XmlCursor(r, limits.maxDepth());
            if (!c.toRoot()) {
                return ParseResult.refused(ParseProblem.MALFORMED, "no root element");
            }
            T value = read.read(c);
            c.drainToEnd();
            return ParseResult.ok(value);
        } catch (Refusal e) {
            return ParseResult.refused(e.problem(), e.getMessage());
        } catch (XMLStreamException | RuntimeException e) {
            // The JDK parser reports malformed input as XMLStreamException, and some encoding
            // errors as unchecked exceptions; both mean "not well-formed" to the caller.
            return ParseResult.refused(ParseProblem.MALFORMED, describe(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing an in-memory reader cannot fail in a way that matters
                }
            }
        }
    }

    /** Throws a {@link Refusal}; readers call it for content they cannot accept. */
    public static Refusal refuse(ParseProblem problem, String detail) {
        throw new Refusal(problem, detail);
    }

    /** Number of open elements, counting the current start element (root = 1). */
    public int depth() {
        return depth;
    }

    /** Local name of the current element. */
    public String localName() {
        return reader.getLocalName();
    }

    /** Namespace URI of the current element, "" if none. */
    public String namespace() {
        String ns = reader.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    /** Whether the current element has this namespace and local name. */
    public boolean is(String namespace, String localName) {
        return localName.equals(reader.getLocalName()) && namespace.equals(namespace());
    }

    /** An unqualified attribute of the current element, or {@code null}. */
    public String attribute(String localName) {
        return reader.getAttributeValue(null, localName);
    }

    /** An attribute in a namespace (e.g. a global schema attribute), or {@code null}. */
    public String attribute(String namespace, String localName) {
        int n = reader.getAttributeCount();
        for (int i = 0; i < n; i++) {
            if (localName.equals(reader.getAttributeLocalName(i))
                    && namespace.equals(nullToEmpty(reader.getAttributeNamespace(i)))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** The {@code xml:lang} attribute of the current element, "" if absent. */
    public String xmlLang() {
        String lang = attribute(XMLConstants.XML_NS_URI, "lang");
        return lang == null ? "" : lang;
    }

    /**
     * Advances to the next child element of the element opened at {@code parentDepth}; returns
     * false once that element has ended. Grandchildren and text not consumed are skipped.
     */
    public boolean nextChild(int parentDepth) throws XMLStreamException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT && depth == parentDepth + 1) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT && depth < parentDepth) {
                return false;
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                return false;
            }
        }
    }

    /**
     * The character data directly inside the current element (text of nested elements is
     * skipped), consuming the element. Call on a start element.
     */
    public String text() throws XMLStreamException {
        int own = depth;
        String first = null;
        StringBuilder more = null;
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT && depth < own) {
                break;
            }
            if (depth == own && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                String chunk = reader.getText();
                if (first == null) {
                    first = chunk;
                } else {
                    if (more == null) {
                        more = new StringBuilder(first);
                    }
                    more.append(chunk);
                }
            }
        }
        if (more != null) {
            return more.toString();
        }
        return first == null ? "" : first;
    }

    /** Skips the rest of the current element. Call on a start element. */
    public void skip() throws XMLStreamException {
        int own = depth;
        while (true) {
            int event = next();
            if ((event == XMLStreamConstants.END_ELEMENT && depth < own) || event == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    /**
     * Reads to the end of the document. This checks that nothing but comments and processing
     * instructions follow the root, and it matters for memory: the JDK parser returns its buffers
     * to a per-thread pool only when it reaches the end of the entity, so a reader closed early
     * allocates about 38 KB per document instead of about 14 KB.
     */
    private void drainToEnd() throws XMLStreamException {
        while (reader.hasNext()) {
            next();
        }
    }

    private boolean toRoot() throws XMLStreamException {
        while (reader.hasNext()) {
            if (next() == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    private int next() throws XMLStreamException {
        int event = reader.next();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT:
                if (++depth > maxDepth) {
                    throw new Refusal(ParseProblem.TOO_DEEP, "element nesting exceeds the limit of " + maxDepth);
                }
                break;
            case XMLStreamConstants.END_ELEMENT:
                depth--;
                break;
            case XMLStreamConstants.DTD:
                throw new Refusal(ParseProblem.DTD_FORBIDDEN, "document type declarations are not accepted");
            case XMLStreamConstants.ENTITY_REFERENCE:
            case XMLStreamConstants.ENTITY_DECLARATION:
                throw new Refusal(ParseProblem.DTD_FORBIDDEN, "entity references are not accepted");
            default:
                break;
        }
        return event;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ').replace('\r', ' ');
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not resolved: " + systemId);
        });
        return f;
    }
}
