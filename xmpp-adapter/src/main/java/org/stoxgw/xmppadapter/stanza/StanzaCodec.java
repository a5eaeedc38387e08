package org.stoxgw.xmppadapter.stanza;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jxmpp.JxmppContext;
import org.stoxgw.xmppadapter.stream.StanzaEvents;

/**
 * Stanzas between our framing and Smack's model (libraries.md §1). Inbound frames arrive already
 * normalised to {@code jabber:client} by the decoder; outbound stanzas are written with a
 * {@code jabber:client} environment so that Smack omits the namespace and the element inherits the
 * stream's ({@code jabber:server} or {@code jabber:component:accept}).
 *
 * <p>Smack must parse with the JDK's StAX implementation: with Aalto on the class path Smack would
 * pick it and write unknown extensions as non-well-formed XML (trap 2). {@link #initialise()} sets
 * the JDK provider before Smack's parser factory loads and proves the result with a round trip.
 * Thread-safe.
 */
public final class StanzaCodec {
    private static final String JDK_STAX = "com.sun.xml.internal.stream.XMLInputFactoryImpl";
    private static final XmlEnvironment CLIENT = new XmlEnvironment("jabber:client");

    static {
        System.setProperty("javax.xml.stream.XMLInputFactory", JDK_STAX);
    }

    private static boolean initialised;

    private StanzaCodec() {
    }

    /**
     * Loads Smack (a few hundred ms, the first time; later calls return at once) and checks that it parses and writes unknown extension
     * elements correctly.
     *
     * @throws IllegalStateException when Smack was initialised with the wrong StAX provider
     */
    public static synchronized void initialise() {
        if (initialised) {
            return;
        }
        String probe = "<message xmlns='jabber:client' to='a@b.example' from='c@d.example' id='x'><body>&lt;ok&gt;</body>"
                + "<probe xmlns='urn:stoxgw:probe' a='1'><inner/></probe></message>";
        try {
            Stanza s = parse(probe);
            String back = serialize(s);
            if (back.contains("xmlns:=") || !back.contains("<probe xmlns='urn:stoxgw:probe'")
                    || !((org.jivesoftware.smack.packet.Message) s).getBody().equals("<ok>")) {
                throw new IllegalStateException("Smack's stanza round trip is broken (" + back
                        + "); it was probably initialised with Aalto as StAX provider before the XMPP adapter set "
                        + JDK_STAX);
            }
        } catch (StanzaParseException e) {
            throw new IllegalStateException("Smack cannot parse a plain message: " + e.getMessage(), e);
        }
        // our Jingle elements replace Smack's (which drop session-info payloads and BUNDLE groups, CALL-03)
        org.stoxgw.mapping.jingle.JingleProviders.register();
        initialised = true;
    }

    /** Parses one frame's XML (a message, presence or iq in {@code jabber:client}). */
    public static Stanza parse(String xml) throws StanzaParseException {
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            return PacketParserUtils.parseStanza(parser, XmlEnvironment.EMPTY, JxmppContext.getDefaultContext());
        } catch (Exception | StackOverflowError e) {
            throw new StanzaParseException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds the stanza from the parse events the stream decoder recorded (P-07): the same stanza as
     * {@link #parse(String)} of the frame's text, without a second XML parse.
     */
    public static Stanza parse(StanzaEvents events) throws StanzaParseException {
        try {
            return PacketParserUtils.parseStanza(new EventsXmlPullParser(events), XmlEnvironment.EMPTY,
                    JxmppContext.getDefaultContext());
        } catch (Exception | StackOverflowError e) {
            throw new StanzaParseException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stanza as it goes on an S2S or component stream (namespace inherited from the stream).
     * Smack leaves '>' unescaped in character data, so a text containing {@code ]]>} would be written
     * as XML no server accepts (XML 1.0 §2.4) and the receiving server would close the whole stream
     * (fuzz finding, issue 9). Smack writes no CDATA sections, so every {@code ]]>} in its output is
     * character data or an attribute value, where {@code ]]&gt;} means the same.
     */
    public static String serialize(Stanza stanza) {
        String xml = stanza.toXML(CLIENT).toString();
        // Smack writes CR raw, and the receiver's XML end-of-line handling (XML 1.0 section 2.11)
        // turns CR LF into LF, so a message would not arrive byte-identical (AMB-M12). Smack writes no
        // CR of its own (no pretty printing): every CR is character data or an attribute value, where
        // the character reference keeps it.
        if (xml.indexOf('\r') >= 0) {
            xml = xml.replace("\r", "&#13;");
        }
        return xml.contains("]]>") ? xml.replace("]]>", "]]&gt;") : xml;
    }

    /** A frame Smack could not turn into a stanza. */
    public static final class StanzaParseException extends Exception {
        private static final long serialVersionUID = 1L;

        StanzaParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
