package org.stoxgw.xmppadapter.stanza;

import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.stoxgw.xmppadapter.stream.StanzaEvents;
import org.stoxgw.xmppadapter.stream.StanzaEvents.Attribute;
import org.stoxgw.xmppadapter.stream.StanzaEvents.Declaration;
import org.stoxgw.xmppadapter.stream.StanzaEvents.Kind;

/**
 * Smack's pull parser over the events the stream decoder already read ({@link StanzaEvents}), so that
 * Smack builds its stanza without a second XML parse of the re-serialised frame (P-07; a JDK StAX
 * reader costs more to create than the whole stanza costs to read). It behaves as Smack's StAX parser
 * does for such a frame: it starts on the stanza's start tag, character data comes coalesced, depth
 * follows the XmlPullParser convention (1 on the stanza's start and end tag), the default namespace
 * declaration has a null prefix, and there is no round-trip text.
 *
 * <p>One instance per stanza, one thread.
 */
final class EventsXmlPullParser implements XmlPullParser {
    private final List<StanzaEvents.Event> events;
    /** Namespace declarations in scope: one list per open element. */
    private final List<List<Declaration>> scopes = new ArrayList<>(8);
    private int index;
    private int depth;
    private boolean ended;

    EventsXmlPullParser(StanzaEvents stanza) {
        this.events = stanza.events();
        enter(0);
    }

    private StanzaEvents.Event current() {
        return ended ? null : events.get(index);
    }

    private void enter(int i) {
        StanzaEvents.Event e = events.get(i);
        if (e.kind() == Kind.START) {
            depth++;
            scopes.add(e.declarations());
        }
    }

    @Override
    public XmlPullParser.Event getEventType() {
        StanzaEvents.Event e = current();
        if (e == null) {
            return XmlPullParser.Event.END_DOCUMENT;
        }
        return switch (e.kind()) {
            case START -> XmlPullParser.Event.START_ELEMENT;
            case END -> XmlPullParser.Event.END_ELEMENT;
            case TEXT -> XmlPullParser.Event.TEXT_CHARACTERS;
        };
    }

    @Override
    public XmlPullParser.Event next() {
        StanzaEvents.Event e = current();
        if (e == null) {
            return XmlPullParser.Event.END_DOCUMENT;
        }
        if (e.kind() == Kind.END) {
            depth--;
            scopes.remove(scopes.size() - 1);
        }
        if (index + 1 >= events.size()) {
            ended = true;
            return XmlPullParser.Event.END_DOCUMENT;
        }
        enter(++index);
        return getEventType();
    }

    @Override
    public String nextText() throws XmlPullParserException {
        if (getEventType() != XmlPullParser.Event.START_ELEMENT) {
            throw new XmlPullParserException("nextText() not on a start tag at " + getPositionDescription());
        }
        XmlPullParser.Event e = next();
        String text = "";
        if (e == XmlPullParser.Event.TEXT_CHARACTERS) {
            text = getText();
            e = next();
        }
        if (e != XmlPullParser.Event.END_ELEMENT) {
            throw new XmlPullParserException("nextText(): an element inside text at " + getPositionDescription());
        }
        return text;
    }

    @Override
    public TagEvent nextTag() throws XmlPullParserException {
        XmlPullParser.Event e = next();
        if (e == XmlPullParser.Event.TEXT_CHARACTERS && isWhiteSpace()) {
            e = next();
        }
        return switch (e) {
            case START_ELEMENT -> TagEvent.START_ELEMENT;
            case END_ELEMENT -> TagEvent.END_ELEMENT;
            default -> throw new XmlPullParserException("expected a tag at " + getPositionDescription());
        };
    }

    @Override
    public int getDepth() {
        return depth;
    }

    @Override
    public boolean isWhiteSpace() {
        String t = getText();
        if (t == null) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String getText() {
        StanzaEvents.Event e = current();
        return e == null ? null : e.text();
    }

    @Override
    public String getName() {
        StanzaEvents.Event e = current();
        return e == null ? null : e.name();
    }

    @Override
    public String getNamespace() {
        StanzaEvents.Event e = current();
        return e == null ? null : e.namespace();
    }

    @Override
    public String getPrefix() {
        StanzaEvents.Event e = current();
        return e == null || e.prefix() == null || e.prefix().isEmpty() ? null : e.prefix();
    }

    @Override
    public QName getQName() {
        StanzaEvents.Event e = current();
        return new QName(e.namespace(), e.name(), e.prefix() == null ? "" : e.prefix());
    }

    private List<Declaration> declarations() {
        StanzaEvents.Event e = current();
        return e == null || e.kind() != Kind.START ? List.of() : e.declarations();
    }

    @Override
    public int getNamespaceCount() {
        return declarations().size();
    }

    @Override
    public String getNamespacePrefix(int pos) {
        return declarations().get(pos).prefix();
    }

    @Override
    public String getNamespaceUri(int pos) {
        return declarations().get(pos).uri();
    }

    @Override
    public String getNamespace(String prefix) {
        String p = prefix == null || prefix.isEmpty() ? null : prefix;
        if ("xml".equals(p)) {
            return javax.xml.XMLConstants.XML_NS_URI;
        }
        for (int s = scopes.size() - 1; s >= 0; s--) {
            for (Declaration d : scopes.get(s)) {
                if (p == null ? d.prefix() == null : p.equals(d.prefix())) {
                    return d.uri();
                }
            }
        }
        return null;
    }

    private List<Attribute> attributes() {
        StanzaEvents.Event e = current();
        return e == null || e.kind() != Kind.START ? List.of() : e.attributes();
    }

    @Override
    public int getAttributeCount() {
        StanzaEvents.Event e = current();
        return e == null || e.kind() != Kind.START ? -1 : e.attributes().size();
    }

    @Override
    public String getAttributeNamespace(int index) {
        return attributes().get(index).namespace();
    }

    @Override
    public String getAttributeName(int index) {
        return attributes().get(index).localName();
    }

    @Override
    public QName getAttributeQName(int index) {
        Attribute a = attributes().get(index);
        return new QName(a.namespace(), a.localName(), a.prefix());
    }

    @Override
    public String getAttributePrefix(int index) {
        String p = attributes().get(index).prefix();
        return p.isEmpty() ? null : p;
    }

    @Override
    public String getAttributeType(int index) {
        return "CDATA";
    }

    @Override
    public String getAttributeValue(int index) {
        return attributes().get(index).value();
    }

    @Override
    public String getAttributeValue(String namespace, String name) {
        String ns = namespace == null ? "" : namespace;
        for (Attribute a : attributes()) {
            if (a.localName().equals(name) && a.namespace().equals(ns)) {
                return a.value();
            }
        }
        return null;
    }

    @Override
    public Object getProperty(String name) {
        return null;
    }

    @Override
    public String getInputEncoding() {
        return "UTF-8";
    }

    @Override
    public String getPositionDescription() {
        StanzaEvents.Event e = current();
        return "event " + index + (e == null ? " (end)" : " " + e.kind() + (e.name() == null ? "" : " " + e.name()));
    }

    @Override
    public int getLineNumber() {
        return 1;
    }

    @Override
    public int getColumnNumber() {
        return index;
    }

    @Override
    public boolean supportsRoundtrip() {
        return false;
    }
}
