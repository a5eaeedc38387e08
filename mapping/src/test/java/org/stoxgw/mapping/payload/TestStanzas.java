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

    /**
     * Parses a stanza; a root without xmlns is put in {@code jabber:client}, as the XMPP adapter's
     * framer does (libraries.md §1 trap 1: Smack refuses namespace-less elements).
     */
    public static Stanza parse(String xml) {
        String s = xml.strip();
        int end = s.indexOf('>');
        int space = s.indexOf(' ');
        if (!s.substring(0, end).contains("xmlns=")) {
            int at = space > 0 && space < end ? space : (s.charAt(end - 1) == '/' ? end - 1 : end);
            s = s.substring(0, at) + " xmlns='jabber:client'" + s.substring(at);
        }
        try {
            XmlPullParser p = PacketParserUtils.getParserFor(s);
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
