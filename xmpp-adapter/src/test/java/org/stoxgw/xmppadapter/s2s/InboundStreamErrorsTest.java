package org.stoxgw.xmppadapter.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/**
 * Hostile and broken input on an inbound S2S stream, through the real decoder and stream handler on
 * EmbeddedChannel: each gets the RFC 6120 §4.9.3 stream error (after our own header when none was
 * sent yet, §4.9.1.1), the connection closes, nothing stays buffered, and other streams carry on.
 */
class InboundStreamErrorsTest {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
            + "from='remote.example' to='gw.example.test' version='1.0'>";
    private static TestRuntimes rt;

    @BeforeAll
    static void runtime() {
        rt = new TestRuntimes("gateway.xmpp.limits { stanza-bytes = 10000, depth = 64, attributes = 16 }");
    }

    @AfterAll
    static void stop() {
        rt.close();
    }

    private static EmbeddedChannel open() {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                XmppStreamDecoder decoder = new XmppStreamDecoder(rt.runtime.streamLimits);
                S2sConnector.pipeline(rt.runtime, ch.pipeline(), decoder, new InboundS2sHandler(rt.runtime, decoder, false));
            }
        });
    }

    /** Writes the chunks, returns everything the gateway wrote, and checks the channel is clean. */
    private static String exchange(EmbeddedChannel ch, byte[]... chunks) {
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertStreamError(EmbeddedChannel ch, String out, String condition) {
        assertTrue(out.contains("<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), out);
        assertTrue(out.endsWith("</stream:error></stream:stream>"), out);
        assertTrue(out.startsWith("<?xml version='1.0'?><stream:stream "), "a header precedes the error: " + out);
        assertFalse(ch.isActive(), "the connection is closed");
        assertFalse(ch.finish(), "nothing left buffered");
    }

    @Test
    @DisplayName("a DOCTYPE with an external entity before the header: restricted-xml (RFC 6120 §11.1)")
    void externalEntity() {
        EmbeddedChannel ch = open();
        String out = exchange(ch, utf8("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + HEADER.substring(HEADER.indexOf("<stream:stream")) + "<message>&xxe;</message>"));
        assertStreamError(ch, out, "restricted-xml");
        assertFalse(out.contains("root:"), "nothing of the entity was resolved");
    }

    @Test
    @DisplayName("billion laughs: restricted-xml before any expansion")
    void billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            dtd.append("'>");
        }
        dtd.append("]><lolz>&lol9;</lolz>");
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(dtd.toString())), "restricted-xml");
    }

    @Test
    @DisplayName("an entity reference inside a stanza: restricted-xml")
    void entityReferenceInStanza() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER), utf8("<message><body>&xxe;</body></message>")), "restricted-xml");
    }

    @Test
    @DisplayName("a comment or processing instruction: restricted-xml")
    void commentAndPi() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER + "<!-- hello -->")), "restricted-xml");
        EmbeddedChannel ch2 = open();
        assertStreamError(ch2, exchange(ch2, utf8(HEADER + "<?php evil() ?>")), "restricted-xml");
    }

    @Test
    @DisplayName("a stanza over the size limit: policy-violation, even when fed byte by byte")
    void oversizeStanza() {
        EmbeddedChannel ch = open();
        byte[] big = utf8("<message to='a@gw.example.test' from='b@remote.example'><body>" + "x".repeat(20_000) + "</body></message>");
        exchange(ch, utf8(HEADER));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < big.length && ch.isActive(); i += 1) {
            out.append(exchange(ch, new byte[] {big[i]}));
        }
        assertTrue(out.toString().contains("<policy-violation "), out.toString());
        assertFalse(ch.isActive());
        assertFalse(ch.finish());
    }

    @Test
    @DisplayName("a single attribute value over the size limit: policy-violation before it is complete")
    void oversizeToken() {
        EmbeddedChannel ch = open();
        exchange(ch, utf8(HEADER));
        String out = exchange(ch, utf8("<message to='" + "a".repeat(15_000)));
        assertStreamError(ch, HEADER + out, "policy-violation");
    }

    @Test
    @DisplayName("nesting 10,000 deep: policy-violation at the depth limit")
    void deepNesting() {
        EmbeddedChannel ch = open();
        String out = exchange(ch, utf8(HEADER), utf8("<message>" + "<a>".repeat(10_000)));
        assertStreamError(ch, out, "policy-violation");
        assertTrue(out.contains("nested deeper than 64"), out);
    }

    @Test
    @DisplayName("too many attributes on one element: policy-violation")
    void tooManyAttributes() {
        StringBuilder m = new StringBuilder("<message");
        for (int i = 0; i < 20; i++) {
            m.append(" a").append(i).append("='v'");
        }
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER), utf8(m + "/>")), "policy-violation");
    }

    @Test
    @DisplayName("invalid UTF-8: unsupported-encoding (RFC 6120 §4.9.3.22, §11.6)")
    void invalidUtf8() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER), utf8("<message><body>"), new byte[] {(byte) 0xC3, (byte) 0x28}),
                "unsupported-encoding");
        EmbeddedChannel ch2 = open();
        assertStreamError(ch2, exchange(ch2, utf8(HEADER), utf8("<message><body>"), new byte[] {(byte) 0xFF}),
                "unsupported-encoding");
        // fuzz finding: Aalto decodes these leniently into NUL and unpaired surrogates
        for (byte[] lenient : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF6, (byte) 0x8B, (byte) 0x97, (byte) 0x9E}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}}) {
            EmbeddedChannel c = open();
            byte[] body = java.util.Arrays.copyOf(utf8("<message><body>x"), 16 + lenient.length);
            System.arraycopy(lenient, 0, body, 16, lenient.length);
            assertStreamError(c, exchange(c, utf8(HEADER), body), "unsupported-encoding");
        }
    }

    @Test
    @DisplayName("a declared encoding other than UTF-8: unsupported-encoding")
    void declaredLatin1() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER.replace("version='1.0'?>", "version='1.0' encoding='ISO-8859-1'?>"))),
                "unsupported-encoding");
    }

    @Test
    @DisplayName("malformed XML: not-well-formed")
    void notWellFormed() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER), utf8("<message><body></message>")), "not-well-formed");
    }

    @Test
    @DisplayName("fuzz findings: a name or declared prefix starting with a digit (Aalto accepts them): not-well-formed")
    void nameStartingWithDigit() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER), utf8("<presence from='a@remote.example' to='b@gw.example.test' "
                + "xml:2ang='en'/>")), "not-well-formed");
        EmbeddedChannel ch2 = open();
        assertStreamError(ch2, exchange(ch2, utf8(HEADER), utf8("<message xmlns:x='urn:x'><x:2a/></message>")),
                "not-well-formed");
        EmbeddedChannel ch3 = open();
        assertStreamError(ch3, exchange(ch3, utf8(HEADER), utf8("<message xmlns:8='urn:x'><body>x</body></message>")),
                "not-well-formed");
    }

    @Test
    @DisplayName("a client stream or a foreign root: invalid-namespace")
    void wrongNamespace() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER.replace("xmlns='jabber:server'", "xmlns='jabber:client'"))),
                "invalid-namespace");
    }

    @Test
    @DisplayName("a stream to a domain the gateway does not serve: host-unknown")
    void hostUnknown() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER.replace("gw.example.test", "elsewhere.example"))), "host-unknown");
    }

    @Test
    @DisplayName("a stanza before authentication: not-authorized")
    void stanzaBeforeAuth() {
        EmbeddedChannel ch = open();
        assertStreamError(ch, exchange(ch, utf8(HEADER),
                utf8("<message from='a@remote.example' to='b@gw.example.test'><body>hi</body></message>")), "not-authorized");
        assertTrue(rt.received.isEmpty(), "nothing reached the core");
    }

    @Test
    @DisplayName("without a certificate the features offer dialback only, no STARTTLS")
    void featuresWithoutCertificate() {
        EmbeddedChannel ch = open();
        String out = exchange(ch, utf8(HEADER));
        assertTrue(out.contains("<stream:features><dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback></stream:features>"), out);
        assertFalse(out.contains("starttls"), out);
        assertTrue(out.contains(" from='gw.example.test' to='remote.example' id='"), out);
        ch.close();
        assertFalse(ch.finish());
    }

    @Test
    @DisplayName("a broken stream does not disturb another one")
    void otherStreamsUnaffected() {
        EmbeddedChannel good = open();
        EmbeddedChannel bad = open();
        exchange(good, utf8(HEADER.substring(0, 40)));
        assertStreamError(bad, exchange(bad, utf8(HEADER + "<<<")), "not-well-formed");
        String out = exchange(good, utf8(HEADER.substring(40)));
        assertTrue(out.contains("<stream:features>"), out);
        assertTrue(good.isActive());
        good.close();
        assertFalse(good.finish());
        assertEquals(0, rt.runtime.inbound().size(), "closed streams leave the registry");
    }
}
