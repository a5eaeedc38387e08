package org.stoxgw.mapping.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message body and its Content-Type (media type with parameters, as written). Bytes are copied in
 * and out, so a body is immutable.
 */
public final class SipBody {
    /** No body. */
    public static final SipBody EMPTY = new SipBody("", new byte[0]);

    private final String contentType;
    private final byte[] content;

    private SipBody(String contentType, byte[] content) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.content = content;
    }

    public static SipBody of(String contentType, byte[] content) {
        return content.length == 0 && contentType.isEmpty() ? EMPTY : new SipBody(contentType, content.clone());
    }

    /** A UTF-8 text body. */
    public static SipBody text(String contentType, String text) {
        return new SipBody(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public String contentType() {
        return contentType;
    }

    /** A copy of the bytes. */
    public byte[] content() {
        return content.clone();
    }

    public int length() {
        return content.length;
    }

    public boolean isEmpty() {
        return content.length == 0;
    }

    /** The bytes decoded as UTF-8 (RFC 7572 §8: text is UTF-8 on both sides). */
    public String utf8() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipBody b && b.contentType.equals(contentType) && Arrays.equals(b.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "SipBody[" + contentType + ", " + content.length + " bytes]";
    }
}
