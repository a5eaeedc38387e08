package org.stoxgw.xmppadapter.stanza;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jxmpp.JxmppContext;
import org.stoxgw.xmppadapter.stream.Namespaces;
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
 *
 * <p>Smack 4.5.0-rc1 (and its master as of December 2025) drops namespaces when it turns an
 * {@code XmlStringBuilder} into text ({@code toString()}, {@code toXML(env)}, {@code write}): within
 * one builder it treats the last {@code xmlns} it wrote as the namespace of everything after it, so
 * a later sibling in the same namespace loses its declaration. Among what the gateway sends, only a
 * stanza error has such siblings (its condition, then {@code <text/>}, both in the stanzas
 * namespace): RFC 6120 §8.3.2 clients then show no error text (issue 13). {@link #serialize}
 * therefore writes the error element from the builder's {@link CharSequence} view, which holds every
 * declaration Smack's element-scoped checks kept (what Smack 4.4 wrote), in place of Smack's text of
 * it; the rest of the stanza keeps Smack's fast text (the view costs about 100 ns a character).
 * {@link #initialise()} proves the result on an error with a text, so a Smack upgrade that changes
 * either behaviour fails at start, not on the wire. Thread-safe.
 */
public final class StanzaCodec {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StanzaCodec.class);
    private static final String JDK_STAX = "com.sun.xml.internal.stream.XMLInputFactoryImpl";
    private static final XmlEnvironment CLIENT = new XmlEnvironment("jabber:client");
    private static final String STANZAS = Namespaces.STANZAS;

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
        String errorProbe = "<message xmlns='jabber:client' to='a@b.example' from='c@d.example' id='e' type='error'>"
                + "<error type='cancel'><item-not-found xmlns='" + STANZAS + "'/><text xmlns='" + STANZAS
                + "' xml:lang='en'>probe</text></error></message>";
        try {
            Stanza s = parse(probe);
            String back = serialize(s);
            if (back.contains("xmlns:=") || !back.contains("<probe xmlns='urn:stoxgw:probe'")
                    || !((org.jivesoftware.smack.packet.Message) s).getBody().equals("<ok>")) {
                throw new IllegalStateException("Smack's stanza round trip is broken (" + back
                        + "); it was probably initialised with Aalto as StAX provider before the XMPP adapter set "
                        + JDK_STAX);
            }
            String error = serialize(parse(errorProbe));
            if (!error.contains("<text xmlns='" + STANZAS + "' xml:lang='en'>probe</text>")) {
                throw new IllegalStateException("Smack writes a stanza error's <text/> without its namespace (" + error
                        + "); StanzaCodec.serialize no longer reads what Smack built (issue 13)");
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
     *
     * <p>A stanza error is written with its namespaces (see the class comment).
     */
    public static String serialize(Stanza stanza) {
        String xml = stanza.toXML(CLIENT).toString();
        if (stanza.getError() != null) {
            xml = withErrorNamespaces(xml, stanza);
        }
        // Smack writes CR raw, and the receiver's XML end-of-line handling (XML 1.0 section 2.11)
        // turns CR LF into LF, so a message would not arrive byte-identical (AMB-M12). Smack writes no
        // CR of its own (no pretty printing): every CR is character data or an attribute value, where
        // the character reference keeps it.
        if (xml.indexOf('\r') >= 0) {
            xml = xml.replace("\r", "&#13;");
        }
        return xml.contains("]]>") ? xml.replace("]]>", "]]&gt;") : xml;
    }

    /**
     * {@code xml} with Smack's text of the stanza's error element replaced by the builder's own
     * characters. The error is written in the environment it has inside the stanza (namespace and
     * language), so Smack's text of it is found verbatim.
     */
    private static String withErrorNamespaces(String xml, Stanza stanza) {
        XmlEnvironment inside = XmlEnvironment.builder().withNamespace(stanza.getNamespace())
                .withLanguage(stanza.getLanguage()).withNext(CLIENT).build();
        CharSequence built = stanza.getError().toXML(inside);
        String smacks = built.toString();
        String full = new StringBuilder(built.length()).append(built, 0, built.length()).toString();
        if (smacks.equals(full)) {
            return xml;
        }
        int at = xml.indexOf(smacks);
        if (at < 0) {
            // not seen in any test; sending what Smack wrote beats losing the stanza
            log.warn("a stanza error is sent as Smack wrote it (its <text/> may lack its namespace): {}", smacks);
            return xml;
        }
        return xml.substring(0, at) + full + xml.substring(at + smacks.length());
    }

    /** A frame Smack could not turn into a stanza. */
    public static final class StanzaParseException extends Exception {
        private static final long serialVersionUID = 1L;

        StanzaParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
