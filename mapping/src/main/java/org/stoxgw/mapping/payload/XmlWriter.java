package org.stoxgw.mapping.payload;

import java.util.Arrays;

/**
 * A small XML writer over one {@link StringBuilder}: element names are written as given (callers
 * use fixed prefixes and declare their namespaces as attributes), text and attribute values are
 * escaped. Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF)
 * become U+FFFD so the output is always well-formed. CR is written as {@code &#13;} and, inside
 * attributes, TAB and LF as character references, so end-of-line and attribute-value normalisation
 * at the receiver give back the original text (XML 1.0 §2.11, §3.3.3).
 *
 * <p>Not thread-safe; one writer per document.
 */
public final class XmlWriter {

    private final StringBuilder out;
    private String[] open = new String[8];
    private int depth;
    private boolean startTagOpen;

    public XmlWriter(int capacityHint) {
        this.out = new StringBuilder(capacityHint);
    }

    /** Writes {@code <?xml version='1.0' encoding='UTF-8'?>} and a line break. */
    public XmlWriter declaration() {
        out.append("<?xml version='1.0' encoding='UTF-8'?>\n");
        return this;
    }

    /** Opens an element; attributes may follow until content or {@link #end()}. */
    public XmlWriter start(String name) {
        closeStartTag();
        out.append('<').append(name);
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = name;
        startTagOpen = true;
        return this;
    }

    /** Adds an attribute to the element just opened. */
    public XmlWriter attribute(String name, String value) {
        if (!startTagOpen) {
            throw new IllegalStateException("attribute outside a start tag: " + name);
        }
        out.append(' ').append(name).append("='");
        escape(value, true);
        out.append('\'');
        return this;
    }

    /** Adds escaped character data. */
    public XmlWriter text(CharSequence text) {
        closeStartTag();
        escape(text, false);
        return this;
    }

    /** Adds markup that the caller has already produced as well-formed XML. */
    public XmlWriter raw(CharSequence xml) {
        closeStartTag();
        out.append(xml);
        return this;
    }

    /** Writes a line break and indentation (for documents people read, e.g. PIDF). */
    public XmlWriter newline(int indent) {
        closeStartTag();
        out.append('\n');
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
        return this;
    }

    /** Closes the innermost open element ({@code />} if it has no content). */
    public XmlWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("no open element");
        }
        String name = open[--depth];
        if (startTagOpen) {
            out.append("/>");
            startTagOpen = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** {@code start(name).text(text).end()}. */
    public XmlWriter element(String name, CharSequence text) {
        return start(name).text(text).end();
    }

    /** Number of currently open elements. */
    public int depth() {
        return depth;
    }

    /** The document so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void closeStartTag() {
        if (startTagOpen) {
            out.append('>');
            startTagOpen = false;
        }
    }

    private void escape(CharSequence s, boolean attribute) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (isXmlChar(c)) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
    }

    /** XML 1.0 Char for one UTF-16 unit (surrogate pairs are handled by the caller). */
    static boolean isXmlChar(char c) {
        return c >= 0x20 && c <= 0xD7FF || c == 0x9 || c == 0xA || c == 0xD || c >= 0xE000 && c <= 0xFFFD;
    }

    /**
     * {@code text} with every character XML 1.0 cannot carry replaced by U+FFFD (returns the same
     * instance when nothing needed replacing). Used for text that Smack will serialise, because
     * Smack escapes markup characters but passes control characters through, which would make the
     * receiving XMPP server close the stream as not well-formed.
     */
    public static String xmlSafe(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i += 2;
            } else if (isXmlChar(c) && !Character.isSurrogate(c)) {
                i++;
            } else {
                break;
            }
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(isXmlChar(c) && !Character.isSurrogate(c) ? c : '\uFFFD');
            }
        }
        return sb.toString();
    }
}
