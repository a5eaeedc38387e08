package org.stoxgw.xmppadapter.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.xmppadapter.stream.StreamLimits;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/**
 * Smack builds the same stanza from the decoder's recorded events (P-07) as from the re-serialised
 * frame text it used to parse a second time: compared through the serialised stanza and key getters,
 * for messages with extensions, prefixes, xml:lang, CDATA, entities and errors, presences and IQs, fed
 * whole and byte by byte.
 */
class EventsParseTest {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
            + "from='remote.example' to='gw.example.test' version='1.0'>";

    @BeforeAll
    static void init() {
        StanzaCodec.initialise();
    }

    static List<XmlFrame> frames(String stanzas, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new XmppStreamDecoder(new StreamLimits(100_000, 32, 32)));
        byte[] b = (HEADER + stanzas).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(b, i, Math.min(chunk, b.length - i)));
        }
        List<XmlFrame> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            if (o instanceof XmlFrame f) {
                out.add(f);
            }
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<message from='juliet@remote.example/balcony' to='romeo@gw.example.test' id='m1' type='chat' xml:lang='en'>"
            + "<body>Wherefore &lt;3 &amp; caf\u00e9 \uD83D\uDE00 &#x41;<![CDATA[<raw>]]> done</body>"
            + "<body xml:lang='de'>Warum</body><subject>s</subject><thread parent='p1'>t-1</thread>"
            + "<request xmlns='urn:xmpp:receipts'/><active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "<x xmlns='urn:example:x' a=\"'q'\"><y b='2'>text<z/>more</y></x>"
            + "<p:data xmlns:p='urn:example:p' p:k='v'><p:inner/></p:data></message>",
        "<message from='a@remote.example' to='b@gw.example.test' id='e1' type='error'><body>orig</body>"
            + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>gone</text></error></message>",
        "<message from='a@remote.example' to='b@gw.example.test' id='h1'><body>plain</body>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "<p style='font-weight:bold'>bold <em>em</em></p></body></html>"
            + "<received xmlns='urn:xmpp:receipts' id='r9'/></message>",
        "<presence from='juliet@remote.example/b' to='romeo@gw.example.test'><show>away</show><status>out</status>"
            + "<priority>5</priority><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>",
        "<iq type='get' id='p1' from='remote.example' to='gw.example.test'><ping xmlns='urn:xmpp:ping'/></iq>",
        "<iq type='result' id='d2' from='remote.example' to='gw.example.test'>"
            + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im'/>"
            + "<feature var='urn:xmpp:ping'/></query></iq>",
        "<message from='a@remote.example' to='b@gw.example.test'>\n  <body>  spaced\n  </body>\n</message>",
    })
    @DisplayName("the stanza built from the decoder's events equals the one parsed from the frame text")
    void sameStanza(String stanza) throws Exception {
        for (int chunk : new int[] {100_000, 1, 5}) {
            List<XmlFrame> frames = frames(stanza, chunk);
            assertEquals(1, frames.size());
            XmlFrame f = frames.get(0);
            assertNotNull(f.events());
            Stanza fromText = StanzaCodec.parse(f.xml());
            Stanza fromEvents = StanzaCodec.parse(f.events());
            assertEquals(StanzaCodec.serialize(fromText), StanzaCodec.serialize(fromEvents), "chunk " + chunk);
            assertEquals(fromText.getClass(), fromEvents.getClass());
            assertEquals(fromText.getLanguage(), fromEvents.getLanguage());
            if (fromText instanceof Message m) {
                Message e = assertInstanceOf(Message.class, fromEvents);
                assertEquals(m.getBody(), e.getBody());
                assertEquals(m.getBodies(), e.getBodies());
                assertEquals(m.getThread(), e.getThread());
                assertEquals(m.getError() == null ? null : m.getError().toXML().toString(),
                        e.getError() == null ? null : e.getError().toXML().toString());
            }
        }
    }
}
