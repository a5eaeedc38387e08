package org.stoxgw.xmppadapter.stream;

import com.fasterxml.aalto.AsyncXMLStreamReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;

/**
 * What {@link XmppStreamDecoder} reads from Aalto's reader beyond its events, where Aalto is lenient
 * or StAX is ambiguous, and how its exceptions become stream error conditions. Stateless.
 */
final class ReaderChecks {
    private static final Pattern ILLEGAL_CHAR = Pattern.compile("Illegal XML character .*\\(code (\\d+)\\)");

    private ReaderChecks() {
    }

    /** Aalto accepts a local name after a prefix, or a declared prefix, that starts like "2ang" (fuzz findings, issue 9). */
    static boolean namesWellFormed(AsyncXMLStreamReader<?> r) {
        if (!Xml.isName(r.getLocalName()) || !Xml.isNameOrEmpty(r.getPrefix())) {
            return false;
        }
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            if (!Xml.isName(r.getAttributeLocalName(i)) || !Xml.isNameOrEmpty(r.getAttributePrefix(i))) {
                return false;
            }
        }
        for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
            if (!Xml.isNameOrEmpty(r.getNamespacePrefix(i))) {
                return false; // xmlns:8='…' (fuzz finding as well)
            }
        }
        return true;
    }

    /**
     * The attribute {@code localName} in no namespace, or null. Not {@code getAttributeValue(null, name)}:
     * StAX matches that in any namespace, so a decoy {@code x:from} placed first would be the 'from'
     * the stream checks while Smack gives the core the real one (fuzz finding, issue 9).
     */
    static String plainAttribute(AsyncXMLStreamReader<?> r, String localName) {
        int n = r.getAttributeCount();
        for (int i = 0; i < n; i++) {
            String ns = r.getAttributeNamespace(i);
            if ((ns == null || ns.isEmpty()) && localName.equals(r.getAttributeLocalName(i))) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    static StreamErrorCondition classify(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("UTF-8") || e.getCause() instanceof java.io.CharConversionException) {
            return StreamErrorCondition.UNSUPPORTED_ENCODING;
        }
        // Aalto passes bytes 0x80-0xFF that cannot start a UTF-8 sequence through as Latin-1
        // characters and then reports them as illegal XML characters.
        Matcher code = ILLEGAL_CHAR.matcher(m);
        if (code.find()) {
            int c = Integer.parseInt(code.group(1));
            if (c >= 0x80 && c <= 0xFF) {
                return StreamErrorCondition.UNSUPPORTED_ENCODING;
            }
        }
        return StreamErrorCondition.NOT_WELL_FORMED;
    }

    static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static String eventName(int event) {
        return switch (event) {
            case XMLStreamConstants.DTD -> "a DTD";
            case XMLStreamConstants.COMMENT -> "a comment";
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> "a processing instruction";
            case XMLStreamConstants.ENTITY_REFERENCE -> "an entity reference";
            default -> "XML event " + event;
        };
    }
}
