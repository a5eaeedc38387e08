package org.stoxgw.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * The Router's share of calls: with a call path set it claims Jingle IQs from the XMPP adapter and
 * hands them and XEP-0353 messages to that path; messages without JMI still go to the message
 * path; without a call path nothing is claimed (the adapter then answers service-unavailable).
 */
class RouterCallsTest {
    static final class Recording implements Router.Path {
        final List<Stanza> stanzas = new ArrayList<>();

        @Override
        public void onRequest(InboundSipRequest request) {
        }

        @Override
        public void onStanza(InboundStanza stanza) {
            stanzas.add(stanza.stanza());
        }
    }

    final Recording messages = new Recording();
    final Recording presence = new Recording();
    final Recording calls = new Recording();

    static InboundStanza in(Stanza s) {
        return new InboundStanza(s, "xmpp.example", "gw.example");
    }

    static Jingle jingle() throws Exception {
        Jingle j = Jingle.builder("j1").setAction(JingleAction.session_initiate).setSessionId("a73sjjvkla37jfea")
                .setInitiator(JidCreate.entityFullFrom("juliet@xmpp.example/balcony")).build();
        j.setFrom(JidCreate.from("juliet@xmpp.example/balcony"));
        j.setTo(JidCreate.from("romeo@gw.example"));
        j.setType(IQ.Type.set);
        return j;
    }

    static Message propose() throws Exception {
        return StanzaBuilder.buildMessage("m1").from(JidCreate.from("juliet@xmpp.example/balcony"))
                .to(JidCreate.from("romeo@gw.example"))
                .addExtension(StandardExtensionElement.builder("propose", Router.JINGLE_MESSAGE).addAttribute("id", "s1")
                        .build())
                .build();
    }

    @Test
    @DisplayName("JNG-01: with a call path the Router claims Jingle IQs and hands them, and JMI proposes, to it")
    void callPath() throws Exception {
        Router r = new Router(new Traffic());
        r.paths(messages, presence);
        r.calls(calls);
        assertTrue(r.claimsIq(Router.JINGLE));
        assertFalse(r.claimsIq("urn:xmpp:ping"));
        assertFalse(r.claimsIq(null));
        Jingle j = jingle();
        r.onStanza(in(j));
        Message p = propose();
        r.onStanza(in(p));
        Message chat = StanzaBuilder.buildMessage("m2").to(JidCreate.from("romeo@gw.example")).setBody("hi").build();
        r.onStanza(in(chat));
        assertEquals(List.of(j, p), calls.stanzas);
        assertEquals(List.of(chat), messages.stanzas);
    }

    @Test
    @DisplayName("JNG-02: without a call path no IQ is claimed (the adapter answers service-unavailable) and JMI goes the message way")
    void noCallPath() throws Exception {
        Router r = new Router(new Traffic());
        r.paths(messages, presence);
        assertFalse(r.claimsIq(Router.JINGLE));
        Message p = propose();
        r.onStanza(in(p));
        assertEquals(List.of(p), messages.stanzas);
    }
}
