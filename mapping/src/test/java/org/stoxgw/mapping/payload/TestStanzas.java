package org.stoxgw.mapping.payload;

import java.nio.charset.StandardCharsets;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jxmpp.JxmppContext;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** Test helpers: stanzas from XML text with Smack's parser (as the XMPP adapter will produce them). */
public final class TestStanzas {

    private TestStanzas() {
    }

    public static Stanza parse(String xml) {
        try {
            XmlPullParser p = PacketParserUtils.getParserFor(xml);
            return PacketParserUtils.parseStanza(p, XmlEnvironment.EMPTY, JxmppContext.getDefaultContext());
        } catch (Exception e) {
            throw new AssertionError("test stanza does not parse: " + xml, e);
        }
    }

    public static Presence presence(String xml) {
        return (Presence) parse(xml);
    }

    public static Message message(String xml) {
        return (Message) parse(xml);
    }

    public static Jid jid(String s) {
        try {
            return JidCreate.from(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static EntityBareJid bare(String s) {
        try {
            return JidCreate.entityBareFrom(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
