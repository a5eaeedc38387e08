package org.stoxgw.mapping.presence;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlCursor;
import org.stoxgw.mapping.payload.XmlLimits;

/**
 * Parses {@code application/pidf+xml} (RFC 3863) as a tolerant receiver:
 * <ul>
 *   <li>any number of tuples; a tuple without {@code <basic>} is kept with {@link Basic#NONE};
 *       a {@code <basic>} value other than open/closed (any case, trimmed) also gives NONE;</li>
 *   <li>unknown elements anywhere are ignored (PIDF-09) unless marked {@code mustUnderstand}
 *       (RFC 3863 §4.2.3), which refuses the document;</li>
 *   <li>{@code <show>} in namespace {@code jabber:client} (or {@code jabber:server}) inside
 *       {@code <status>} or directly in the tuple (PRES-36/43);</li>
 *   <li>notes with {@code xml:lang}, inherited from the tuple or the root when absent (PIDF-07);</li>
 *   <li>contact priority parsed per PIDF-06 (out of range → ignored);</li>
 *   <li>RPID person activities (away, busy, on-the-phone ...) reduced to a {@link Show} (PRES-37).</li>
 * </ul>
 * Refused: other roots, DTDs, oversize or too deep documents (see {@link XmlCursor}).
 */
public final class PidfParser {

    public static final String NS = "urn:ietf:params:xml:ns:pidf";
    public static final String NS_DATA_MODEL = "urn:ietf:params:xml:ns:pidf:data-model";
    public static final String NS_RPID = "urn:ietf:params:xml:ns:pidf:rpid";
    static final String NS_CLIENT = "jabber:client";
    static final String NS_SERVER = "jabber:server";

    private PidfParser() {
    }

    /** Parses a PIDF body within {@code limits}. */
    public static ParseResult<PidfDocument> parse(byte[] body, XmlLimits limits) {
        return XmlCursor.parse(body, limits, PidfParser::presence);
    }

    private static PidfDocument presence(XmlCursor c) throws XMLStreamException {
        if (!c.is(NS, "presence")) {
            throw XmlCursor.refuse(ParseProblem.UNEXPECTED_CONTENT,
                    "root is {" + c.namespace() + "}" + c.localName() + ", not a PIDF presence element");
        }
        String entity = orEmpty(c.attribute("entity"));
        String lang = c.xmlLang();
        List<PidfTuple> tuples = new ArrayList<>(2);
        List<Note> notes = new ArrayList<>(1);
        Show activity = Show.NONE;
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (c.is(NS, "tuple")) {
                tuples.add(tuple(c, lang));
            } else if (c.is(NS, "note")) {
                notes.add(note(c, lang));
            } else if (c.is(NS_DATA_MODEL, "person")) {
                activity = lessAvailable(activity, person(c));
            } else {
                unknown(c);
            }
        }
        return new PidfDocument(entity, tuples, notes, activity);
    }

    private static PidfTuple tuple(XmlCursor c, String inheritedLang) throws XMLStreamException {
        String id = orEmpty(c.attribute("id"));
        String lang = c.xmlLang().isEmpty() ? inheritedLang : c.xmlLang();
        Basic basic = Basic.NONE;
        Show show = Show.NONE;
        String contact = "";
        int priority = PidfTuple.NO_PRIORITY;
        List<Note> notes = List.of();
        String timestamp = "";
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (c.is(NS, "status")) {
                int statusDepth = c.depth();
                while (c.nextChild(statusDepth)) {
                    if (c.is(NS, "basic")) {
                        basic = basic(c.text());
                    } else if (isShow(c)) {
                        show = Show.fromToken(c.text());
                    } else {
                        unknown(c);
                    }
                }
            } else if (c.is(NS, "contact")) {
                priority = PresencePriority.parse(c.attribute("priority"));
                contact = c.text().trim();
            } else if (c.is(NS, "note")) {
                if (notes.isEmpty()) {
                    notes = new ArrayList<>(1);
                }
                notes.add(note(c, lang));
            } else if (c.is(NS, "timestamp")) {
                timestamp = c.text().trim();
            } else if (isShow(c)) {
                show = Show.fromToken(c.text());
            } else {
                unknown(c);
            }
        }
        return new PidfTuple(id, basic, show, contact, priority, notes, timestamp);
    }

    private static Note note(XmlCursor c, String inheritedLang) throws XMLStreamException {
        String lang = c.xmlLang();
        return new Note(c.text(), lang.isEmpty() ? inheritedLang : lang);
    }

    /** RPID activities inside a data-model person (RFC 4479 §3.4, RFC 4480 §3.2). */
    private static Show person(XmlCursor c) throws XMLStreamException {
        Show best = Show.NONE;
        int depth = c.depth();
        while (c.nextChild(depth)) {
            if (c.is(NS_RPID, "activities")) {
                int actDepth = c.depth();
                while (c.nextChild(actDepth)) {
                    best = lessAvailable(best, activity(c.namespace().equals(NS_RPID) ? c.localName() : ""));
                    c.skip();
                }
            } else {
                unknown(c);
            }
        }
        return best;
    }

    /** Several activities at once (e.g. away and on-the-phone): the more restrictive one wins. */
    private static Show lessAvailable(Show a, Show b) {
        if (a == Show.NONE) {
            return b;
        }
        return b != Show.NONE && b.rank() < a.rank() ? b : a;
    }

    private static Show activity(String name) {
        return switch (name) {
            case "away", "steering", "travel", "in-transit", "sleeping" -> Show.AWAY;
            case "vacation", "permanent-absence" -> Show.XA;
            case "busy", "on-the-phone", "meeting", "appointment", "performance", "presentation" -> Show.DND;
            default -> Show.NONE;
        };
    }

    private static boolean isShow(XmlCursor c) {
        return "show".equals(c.localName()) && (NS_CLIENT.equals(c.namespace()) || NS_SERVER.equals(c.namespace()));
    }

    private static Basic basic(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("open")) {
            return Basic.OPEN;
        }
        if (t.equalsIgnoreCase("closed")) {
            return Basic.CLOSED;
        }
        return Basic.NONE;
    }

    /** PIDF-09: ignore, unless the element says the receiver must understand it (RFC 3863 §4.2.3). */
    private static void unknown(XmlCursor c) throws XMLStreamException {
        String mu = c.attribute(NS, "mustUnderstand");
        if (mu == null) {
            mu = c.attribute("mustUnderstand");
        }
        if (mu != null && (mu.trim().equals("true") || mu.trim().equals("1"))) {
            throw XmlCursor.refuse(ParseProblem.MUST_UNDERSTAND,
                    "extension {" + c.namespace() + "}" + c.localName() + " is marked mustUnderstand");
        }
        c.skip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
