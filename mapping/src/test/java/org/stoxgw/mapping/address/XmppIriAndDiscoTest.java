package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.address.TestPolicies.jid;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** xmpp: IRIs for gone/redirect (AMB-07), the disco#info result (JIDESC-11) and refusal values. */
class XmppIriAndDiscoTest {

    @Test
    @DisplayName("AMB-07: xmpp: IRIs print and parse; the XEP-0106 backslash is %5C, non-ASCII stays")
    void iri() {
        assertEquals("xmpp:romeo@afterlife.example.net", XmppIri.of(jid("romeo@afterlife.example.net")));
        assertEquals("xmpp:d%5C27artagnan@example.com/f%C3%BC%20r", XmppIri.of(jid("d\\27artagnan@example.com/f\u00c3\u00bc r")).replace("\u00c3\u00bc", "%C3%BC"));
        assertEquals("xmpp:jörg@bücher.example/ü", XmppIri.of(jid("jörg@bücher.example/ü")));
        assertEquals(jid("d\\27artagnan@example.com/x y"), XmppIri.parse("xmpp:d%5C27artagnan@example.com/x%20y").orElseThrow());
        assertEquals(jid("juliet@example.com"), XmppIri.parse("xmpp://guest@example.org/juliet@example.com?message;body=hi#f").orElseThrow());
        assertFalse(XmppIri.parse("sip:juliet@example.com").isOk());
        assertFalse(XmppIri.parse("xmpp:a@exa mple.com").isOk());
    }

    @Test
    @DisplayName("JIDESC-11: the gateway's disco#info result advertises jid\\20escaping")
    void discoFeature() {
        DiscoverInfo request = DiscoverInfo.builder("q1").ofType(IQ.Type.get)
                .from(jid("juliet@example.com/balcony")).to(jid("gw.example.org")).build();
        DiscoverInfo result = GatewayDisco.infoResult(request, "stoxgw", List.of("urn:xmpp:receipts", "jid\\20escaping", "urn:xmpp:receipts"));
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("q1", result.getStanzaId());
        assertEquals(jid("juliet@example.com/balcony"), result.getTo());
        assertTrue(result.containsFeature("jid\\20escaping"));
        assertTrue(result.containsFeature("urn:xmpp:receipts"));
        assertTrue(result.hasIdentity("gateway", "sip"));
        assertTrue(result.toXML().toString().contains("<feature var='jid\\20escaping'/>"), result.toXML().toString());
        assertEquals("jid\\20escaping", JidEscaping.DISCO_FEATURE);
    }

    @Test
    @DisplayName("ERR-03: a refusal becomes a SIP response with the reason as Reason-Phrase and an XMPP error with it as <text/>")
    void refusalValues() {
        Mapping.Refused<Object> r = new Mapping.Refused<>("Not Found: nobody", 404, StanzaError.Condition.item_not_found);
        assertEquals(404, r.sipResponse().status());
        assertEquals("Not Found: nobody", r.sipResponse().reason());
        StanzaError e = r.stanzaError();
        assertEquals(StanzaError.Type.CANCEL, e.getType());
        assertEquals(StanzaError.Condition.item_not_found, e.getCondition());
        // Without xml:lang: a Reason-Phrase has no language. (Smack 4.5.0-rc1 serialises <text/>
        // without its urn:ietf:params:xml:ns:xmpp-stanzas namespace; the XMPP adapter's writer must add it.)
        assertEquals("Not Found: nobody", e.getDescriptiveText(""));
        assertEquals("x", Mapping.ok("x").map(String::valueOf).orElseThrow());
        assertEquals(r, r.map(String::valueOf));
    }
}
