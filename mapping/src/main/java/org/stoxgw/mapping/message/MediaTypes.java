package org.stoxgw.mapping.message;

/** The media types of the message payloads. */
public final class MediaTypes {
    public static final String TEXT_PLAIN = "text/plain";
    /** What the gateway writes for text: RFC 2046 §4.1.2 makes US-ASCII the default charset, so say UTF-8. */
    public static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";
    public static final String TEXT_HTML = "text/html";
    public static final String CPIM = "message/cpim";
    public static final String IS_COMPOSING = "application/im-iscomposing+xml";
    public static final String IMDN = "message/imdn+xml";

    private MediaTypes() {
    }
}
