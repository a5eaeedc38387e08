package org.stoxgw.testfixtures.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits the bytes of one XMPP stream into its stream header and first-level elements (as strings),
 * for the load test peers, which must read tens of thousands of stanzas a second without a real XML
 * parser. It tracks tag nesting and quoted attribute values only, which is enough for the
 * well-formed output of XMPP servers (no CDATA, comments or DTDs appear on XMPP streams). UTF-8
 * multi-byte sequences never contain ASCII bytes, so scanning bytes is safe.
 *
 * <p>Not thread-safe: one instance per connection, fed by its reader thread.
 */
public final class XmlFrames {
    private byte[] buf = new byte[64 * 1024];
    private int len;
    private int pos;
    private int frameStart = -1;
    private int depth;
    private int tagStart = -1;
    private char quote;

    /**
     * Appends {@code n} bytes of {@code data} and hands every complete frame to {@code out}: the
     * stream header as {@code <stream:stream ...>} (unclosed), each first-level element whole, and
     * {@code </stream:stream>} at the end. {@code out} may call {@link #restart()} (stream restart
     * after SASL): the bytes after that frame then start a new stream.
     */
    public void feed(byte[] data, int n, Consumer<String> out) {
        ensure(n);
        System.arraycopy(data, 0, buf, len, n);
        len += n;
        while (pos < len) {
            byte b = buf[pos];
            if (tagStart >= 0) {
                if (quote != 0) {
                    if (b == quote) {
                        quote = 0;
                    }
                } else if (b == '\'' || b == '"') {
                    quote = (char) b;
                } else if (b == '>') {
                    pos++;
                    closeTag(out);
                    continue;
                }
            } else if (b == '<') {
                tagStart = pos;
                if (depth == 1) {
                    frameStart = pos;
                }
            }
            pos++;
        }
        compact();
    }

    private void closeTag(Consumer<String> out) {
        int start = tagStart;
        tagStart = -1;
        byte first = buf[start + 1];
        if (first == '?' || first == '!') {
            return; // XML declaration
        }
        boolean end = first == '/';
        boolean empty = buf[pos - 2] == '/';
        if (end) {
            depth--;
            if (depth == 0) {
                frameStart = -1;
                emit(start, out);
                return;
            }
        } else if (!empty) {
            depth++;
            if (depth == 1) {
                emit(start, out); // the stream header
                return;
            }
        }
        if (depth == 1 && frameStart >= 0) {
            int s = frameStart;
            frameStart = -1;
            emit(s, out);
        }
    }

    private void emit(int start, Consumer<String> out) {
        out.accept(new String(buf, start, pos - start, StandardCharsets.UTF_8));
    }

    /** The next bytes begin a new stream (after SASL success, RFC 6120 §6.4.6). */
    public void restart() {
        depth = 0;
        frameStart = -1;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Drops bytes no longer needed (before the current frame or tag). */
    private void compact() {
        int keep = frameStart >= 0 ? frameStart : tagStart >= 0 ? tagStart : pos;
        if (keep == 0) {
            return;
        }
        System.arraycopy(buf, keep, buf, 0, len - keep);
        len -= keep;
        pos -= keep;
        if (frameStart >= 0) {
            frameStart -= keep;
        }
        if (tagStart >= 0) {
            tagStart -= keep;
        }
    }

    /** The value of attribute {@code name} in the first tag of {@code xml}, or null. */
    public static String attribute(String xml, String name) {
        int end = xml.indexOf('>');
        int i = 0;
        while (true) {
            i = xml.indexOf(name, i);
            if (i < 0 || i > end) {
                return null;
            }
            int eq = i + name.length();
            if (eq + 1 < xml.length() && xml.charAt(eq) == '=' && Character.isWhitespace(xml.charAt(i - 1))) {
                char q = xml.charAt(eq + 1);
                int close = xml.indexOf(q, eq + 2);
                return close < 0 ? null : xml.substring(eq + 2, close);
            }
            i = eq;
        }
    }

    /** The element name of a frame ({@code message}, {@code db:result}, ...). */
    public static String name(String xml) {
        int i = 1;
        while (i < xml.length() && " />\t\r\n".indexOf(xml.charAt(i)) < 0) {
            i++;
        }
        return xml.substring(1, i);
    }
}
