package org.stoxgw.mapping.jingle;

import java.io.IOException;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.JxmppContext;

/** Smack IQ provider for {@code <jingle xmlns='urn:xmpp:jingle:1'/>} giving {@link JingleIq}. Stateless, thread-safe. */
public final class JingleIqProvider extends IqProvider<JingleIq> {
    public static final JingleIqProvider INSTANCE = new JingleIqProvider();

    @Override
    public JingleIq parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment env, JxmppContext ctx)
            throws XmlPullParserException, IOException, SmackParsingException {
        StandardExtensionElement tree;
        try {
            tree = StandardExtensionElementProvider.INSTANCE.parse(parser, initialDepth, env, ctx);
        } catch (IllegalArgumentException e) {
            // Smack refuses an element without a namespace this way (libraries.md §1 trap 1)
            throw new SmackParsingException("malformed Jingle: " + e.getMessage());
        }
        return JingleXml.jingle(tree, iqData);
    }
}
