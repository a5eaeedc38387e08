package org.stoxgw.mapping.presence;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlCursor;
import org.stoxgw.mapping.payload.XmlLimits;

/**
 * Parses {@code application/dialog-info+xml} (RFC 4235 §4). Required: root {@code dialog-info}
 * in the dialog-info namespace with a numeric {@code version} and {@code state} full|partial
 * (refused otherwise: the version is what orders notifications). Tolerant of the rest: unknown
 * elements (participants, targets, extensions) are skipped; a dialog without an id or with an
 * unknown state is skipped.
 */
public final class DialogInfoParser {

    public static final String NS = "urn:ietf:params:xml:ns:dialog-info";
    public static final String CONTENT_TYPE = "application/dialog-info+xml";

    private DialogInfoParser() {
    }

    public static ParseResult<DialogInfo> parse(byte[] body, XmlLimits limits) {
        return XmlCursor.parse(body, limits, DialogInfoParser::dialogInfo);
    }

    private static DialogInfo dialogInfo(XmlCursor c) throws XMLStreamException {
        if (!c.is(NS, "dialog-info")) {
            throw XmlCursor.refuse(ParseProblem.UNEXPECTED_CONTENT,
                    "root is {" + c.namespace() + "}" + c.localName() + ", not dialog-info");
        }
        long version = version(c.attribute("version"));
        String state = c.attribute("state");
        if (!"full".equals(state) && !"partial".equals(state)) {
            throw XmlCursor.refuse(ParseProblem.INVALID_VALUE, "dialog-info state must be full or partial: " + state);
        }
        String entity = c.attribute("entity");
        List<DialogInfo.Dialog> dialogs = new ArrayList<>(2);
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (c.is(NS, "dialog")) {
                DialogInfo.Dialog d = dialog(c);
                if (d != null) {
                    dialogs.add(d);
                }
            }
        }
        return new DialogInfo(version, "full".equals(state), entity == null ? "" : entity, dialogs);
    }

    private static DialogInfo.Dialog dialog(XmlCursor c) throws XMLStreamException {
        String id = c.attribute("id");
        String direction = c.attribute("direction");
        DialogInfo.State state = null;
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (c.is(NS, "state")) {
                state = DialogInfo.State.fromToken(c.text());
            }
        }
        if (id == null || id.isEmpty() || state == null) {
            return null;
        }
        return new DialogInfo.Dialog(id, state, direction);
    }

    private static long version(String text) {
        if (text != null) {
            try {
                long v = Long.parseLong(text.trim());
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through to the refusal below
            }
        }
        throw XmlCursor.refuse(ParseProblem.INVALID_VALUE, "dialog-info version must be a non-negative integer: " + text);
    }
}
