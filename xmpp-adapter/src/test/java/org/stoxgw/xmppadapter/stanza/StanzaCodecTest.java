package org.stoxgw.xmppadapter.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StanzaCodecTest {
    @BeforeAll
    static void init() {
        StanzaCodec.initialise();
    }

    @Test
    @DisplayName("a normalised jabber:server message parses with its body; unknown extensions round-trip well-formed")
    void roundTrip() throws Exception {
        Message m = assertInstanceOf(Message.class, StanzaCodec.parse("<message xmlns='jabber:client' from='a@remote.example' "
                + "to='b@gw.example.test' id='1' type='chat'><body>hi &amp; bye</body><x xmlns='urn:example:x'><y a='1'/></x></message>"));
        assertEquals("hi & bye", m.getBody());
        String back = StanzaCodec.serialize(m);
        assertTrue(back.startsWith("<message to='b@gw.example.test' from='a@remote.example' id='1' type='chat'>")
                || back.startsWith("<message "), back);
        assertTrue(!back.contains("xmlns='jabber:client'") && !back.contains("xmlns:="), back);
        assertTrue(back.contains("<x xmlns='urn:example:x'><y a='1'"), back);
    }

    @Test
    @DisplayName("JNG-09, RTP-07: a Jingle IQ parses into the gateway's Jingle element with its session-info payload kept (CALL-03)")
    void jingle() throws Exception {
        IQ iq = (IQ) StanzaCodec.parse("<iq xmlns='jabber:client' from='juliet@capulet.lit/balcony' id='j1' to='romeo@gw.example.test/x' "
                + "type='set'><jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='a73sjjvkla37jfea'>"
                + "<hold xmlns='urn:xmpp:jingle:apps:rtp:info:1'/></jingle></iq>");
        org.stoxgw.mapping.jingle.JingleIq j = assertInstanceOf(org.stoxgw.mapping.jingle.JingleIq.class, iq);
        assertEquals(org.stoxgw.mapping.jingle.RtpInfo.Kind.HOLD, ((org.stoxgw.mapping.jingle.RtpInfo) j.payloads().get(0)).kind());
        assertTrue(StanzaCodec.serialize(j).contains("<hold xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>"));
    }

    @Test
    @DisplayName("a body containing ']]>' (fuzz finding) is written as well-formed XML and reads back unchanged")
    void cdataEndInText() throws Exception {
        Message m = StanzaBuilder.buildMessage("c1").from("a@gw.example.test").to("b@remote.example")
                .setBody("x]]>y <a href='q'>]]></a>").build();
        String xml = StanzaCodec.serialize(m);
        assertTrue(!xml.contains("]]>"), xml);
        Message back = assertInstanceOf(Message.class, StanzaCodec.parse(xml.replaceFirst("<message ", "<message xmlns='jabber:client' ")));
        assertEquals("x]]>y <a href='q'>]]></a>", back.getBody());
    }

    @Test
    @DisplayName("AMB-M12: CR in text and attributes is written as &#13;, so CR LF survives the receiver's XML parser")
    void carriageReturn() throws Exception {
        Message m = org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("c\r1").to("b@gw.example.test")
                .from("a@remote.example").setBody("line 1\r\nline 2\rend \u00fc").build();
        String xml = StanzaCodec.serialize(m);
        assertTrue(!xml.contains("\r"), "no raw CR on the wire: " + xml);
        assertTrue(xml.contains("line 1&#13;\nline 2&#13;end"), xml);
        Message back = assertInstanceOf(Message.class, StanzaCodec.parse(xml.replaceFirst("<message ", "<message xmlns='jabber:client' ")));
        assertEquals("line 1\r\nline 2\rend \u00fc", back.getBody());
        assertEquals("c\r1", back.getStanzaId());
    }

    @Test
    void garbageIsAParseError() {
        assertThrows(StanzaCodec.StanzaParseException.class, () -> StanzaCodec.parse("<message xmlns='jabber:client' to='@@'/>"));
    }

    @Test
    @DisplayName("JIDESC-11: disco#info of a gateway domain has gateway/sip and jid\\20escaping")
    void discoInfo() throws Exception {
        IQ q = (IQ) StanzaCodec.parse("<iq xmlns='jabber:client' type='get' id='d1' from='u@remote.example/r' to='gw.example.test'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        IQ a = new DomainIqResponder(DomainIqResponder.DEFAULT_FEATURES, "stoxgw").answer(q);
        DiscoverInfo info = assertInstanceOf(DiscoverInfo.class, a);
        assertEquals(IQ.Type.result, info.getType());
        assertEquals("u@remote.example/r", info.getTo().toString());
        assertEquals("gw.example.test", info.getFrom().toString());
        assertTrue(info.hasIdentity("gateway", "sip"));
        assertTrue(info.containsFeature("jid\\20escaping"));
        assertTrue(StanzaCodec.serialize(info).contains("<feature var='jid\\20escaping'/>"), StanzaCodec.serialize(info));
    }

    @Test
    @DisplayName("an unknown IQ to the gateway gets service-unavailable (never forwarded, libraries.md §1 trap 3)")
    void unknownIq() throws Exception {
        IQ q = (IQ) StanzaCodec.parse("<iq xmlns='jabber:client' type='set' id='u1' from='u@remote.example/r' to='gw.example.test'>"
                + "<query xmlns='urn:example:unknown'><a/></query></iq>");
        IQ a = new DomainIqResponder(DomainIqResponder.DEFAULT_FEATURES, "stoxgw").answer(q);
        assertEquals(IQ.Type.error, a.getType());
        assertEquals(StanzaError.Condition.service_unavailable, a.getError().getCondition());
        String xml = StanzaCodec.serialize(a);
        assertTrue(xml.contains("<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"), xml);
        assertTrue(!xml.contains("&lt;"), "the unknown payload is not echoed escaped: " + xml);
    }

    @Test
    void jidDomains() {
        assertEquals("example.org", Jids.domainOf("user@Example.ORG/res@ource/x"));
        assertEquals("example.org", Jids.domainOf("example.org"));
        assertEquals("xn--caf-dma.example", Jids.domainOf("a@caf\u00e9.example"));
        assertEquals(null, Jids.domainOf("a@/r"));
        assertEquals(null, Jids.domainOf("a@b c"));
        assertTrue(Jids.isDomainOnly("gw.example.test"));
        // fuzz finding: empty labels are not domains (only one final dot is stripped, RFC 7622 §3.2)
        assertEquals("example.org", Jids.domainOf("a@example.org."));
        assertEquals(null, Jids.domainOf("a@example.org.."));
        assertEquals(null, Jids.domainOf("a@example..org/r"));
        assertEquals(null, Jids.domainOf("a@.example.org"));
    }

    @Test
    @DisplayName("ERR-03 (issue 13): an error's <text/> keeps the stanzas namespace, with and without xml:lang on the stanza")
    void errorTextNamespace() throws Exception {
        StanzaError e = StanzaError.getBuilder(StanzaError.Condition.item_not_found).setDescriptiveEnText("Not Found").build();
        String ns = "urn:ietf:params:xml:ns:xmpp-stanzas";
        for (String lang : new String[] {null, "en", "de"}) {
            Message m = StanzaBuilder.buildMessage("e1").from("a@gw.example.test").to("b@remote.example/r")
                    .ofType(Message.Type.error).setLanguage(lang).setError(e).build();
            String xml = StanzaCodec.serialize(m);
            assertTrue(xml.contains("<item-not-found xmlns='" + ns + "'/><text xmlns='" + ns + "'"), lang + ": " + xml);
            Message back = assertInstanceOf(Message.class, StanzaCodec.parse(xml.replaceFirst("<message ", "<message xmlns='jabber:client' ")));
            assertEquals("Not Found", back.getError().getDescriptiveText("en"), xml);
        }
    }
}
