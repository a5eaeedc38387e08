package org.stoxgw.mapping.jingle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.JxmppContext;

/** Smack extension provider for the XEP-0353 elements, giving {@link JingleMessage}. Stateless, thread-safe. */
public final class JingleMessageProvider extends ExtensionElementProvider<JingleMessage> {
    public static final JingleMessageProvider INSTANCE = new JingleMessageProvider();

    @Override
    public JingleMessage parse(XmlPullParser parser, int initialDepth, XmlEnvironment env, JxmppContext ctx)
            throws XmlPullParserException, IOException, SmackParsingException {
        StandardExtensionElement e;
        try {
            e = StandardExtensionElementProvider.INSTANCE.parse(parser, initialDepth, env, ctx);
        } catch (IllegalArgumentException bad) {
            throw new SmackParsingException("malformed Jingle message: " + bad.getMessage());
        }
        JingleMessage.Kind kind = JingleMessage.Kind.fromXml(e.getElementName());
        String id = e.getAttributeValue("id");
        if (kind == null || id == null || id.isEmpty()) {
            throw new SmackParsingException("malformed Jingle message <" + e.getElementName() + "/>: needs an id");
        }
        List<String> media = new ArrayList<>();
        JingleReason reason = null;
        for (StandardExtensionElement c : JingleXml.children(e)) {
            if (c.getElementName().equals("description") && c.getAttributeValue("media") != null && media.size() < JingleXml.MAX_CONTENTS) {
                media.add(c.getAttributeValue("media"));
            } else if (c.getElementName().equals("reason")) {
                reason = JingleXml.reason(c);
            }
        }
        return new JingleMessage(kind, id, media, reason);
    }
}
