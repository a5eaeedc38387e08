package org.stoxgw.mapping.message;

import java.util.Objects;
import org.jivesoftware.smackx.xhtmlim.packet.XHTMLExtension;

/**
 * The XMPP rendering of an HTML message: the plain-text {@code <body/>} every client shows, and
 * the XEP-0071 {@code <body xmlns='http://www.w3.org/1999/xhtml'>} restricted to the XHTML-IM
 * integration set (IM-19), or "" when nothing but text survived (then no XHTML-IM is sent).
 */
public record XhtmlIm(String plainText, String xhtmlBody) {

    public static final String XHTML_NS = "http://www.w3.org/1999/xhtml";

    public XhtmlIm {
        Objects.requireNonNull(plainText, "plainText");
        Objects.requireNonNull(xhtmlBody, "xhtmlBody");
    }

    public boolean hasMarkup() {
        return !xhtmlBody.isEmpty();
    }

    /** The {@code <html xmlns='http://jabber.org/protocol/xhtml-im'>} extension (XEP-0071 §7). */
    public XHTMLExtension extension() {
        XHTMLExtension x = new XHTMLExtension();
        x.addBody(xhtmlBody);
        return x;
    }
}
