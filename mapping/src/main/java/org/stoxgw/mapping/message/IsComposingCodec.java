package org.stoxgw.mapping.message;

import javax.xml.stream.XMLStreamException;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlCursor;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.payload.XmlWriter;
import org.stoxgw.mapping.sip.SipBody;

/**
 * {@code application/im-iscomposing+xml} (RFC 3994 §5). Parsing requires the root in the
 * iscomposing namespace and a {@code state} of active or idle; other children are read in any
 * order, a non-numeric or non-positive refresh is ignored, unknown elements are skipped.
 */
public final class IsComposingCodec {

    public static final String NS = "urn:ietf:params:xml:ns:im-iscomposing";

    private IsComposingCodec() {
    }

    public static ParseResult<IsComposing> parse(byte[] body, XmlLimits limits) {
        return XmlCursor.parse(body, limits, IsComposingCodec::read);
    }

    private static IsComposing read(XmlCursor c) throws XMLStreamException {
        if (!c.is(NS, "isComposing")) {
            throw XmlCursor.refuse(ParseProblem.UNEXPECTED_CONTENT,
                    "root is {" + c.namespace() + "}" + c.localName() + ", not isComposing");
        }
        String state = null;
        String contentType = "";
        String lastActive = "";
        int refresh = -1;
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (!c.namespace().equals(NS)) {
                continue;
            }
            switch (c.localName()) {
                case "state" -> state = c.text().trim();
                case "contenttype" -> contentType = c.text().trim();
                case "lastactive" -> lastActive = c.text().trim();
                case "refresh" -> refresh = positive(c.text().trim());
                default -> c.skip();
            }
        }
        if (!"active".equals(state) && !"idle".equals(state)) {
            throw XmlCursor.refuse(ParseProblem.INVALID_VALUE, "isComposing state must be active or idle: " + state);
        }
        return new IsComposing("active".equals(state), contentType, lastActive, refresh);
    }

    private static int positive(String s) {
        try {
            int v = Integer.parseInt(s);
            return v > 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body for a status message (schema order: state, lastactive, contenttype, refresh). */
    public static SipBody write(IsComposing s) {
        XmlWriter w = new XmlWriter(256).declaration();
        w.start("isComposing").attribute("xmlns", NS);
        w.newline(1).element("state", s.active() ? "active" : "idle");
        if (!s.lastActive().isEmpty()) {
            w.newline(1).element("lastactive", s.lastActive());
        }
        if (!s.contentType().isEmpty()) {
            w.newline(1).element("contenttype", s.contentType());
        }
        if (s.active() && s.refresh() > 0) {
            w.newline(1).element("refresh", Integer.toString(s.refresh()));
        }
        w.newline(0).end();
        return SipBody.text(MediaTypes.IS_COMPOSING, w.toString());
    }
}
