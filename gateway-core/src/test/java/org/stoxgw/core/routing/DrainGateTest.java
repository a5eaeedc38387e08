package org.stoxgw.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.core.engine.Traffic;

/** What a draining gateway refuses from XMPP (new messages and calls) and what it lets through (the rest). */
class DrainGateTest {
    final Traffic traffic = new Traffic();
    final FakeXmppPort xmpp = new FakeXmppPort().autoSend();
    final DrainGate gate = new DrainGate(traffic, xmpp, Duration.ofSeconds(30));

    static Message jmi(String element) throws Exception {
        return StanzaBuilder.buildMessage("m-" + element).from(JidCreate.from("juliet@xmpp.example/balcony"))
                .to(JidCreate.from("romeo@gw.example"))
                .addExtension(StandardExtensionElement.builder(element, Router.JINGLE_MESSAGE).addAttribute("id", "s1").build())
                .build();
    }

    static Jingle jingle(JingleAction action) throws Exception {
        Jingle j = Jingle.builder("j-" + action).setAction(action).setSessionId("a73sjjvkla37jfea")
                .setInitiator(JidCreate.entityFullFrom("juliet@xmpp.example/balcony")).build();
        j.setFrom(JidCreate.from("juliet@xmpp.example/balcony"));
        j.setTo(JidCreate.from("romeo@gw.example"));
        j.setType(IQ.Type.set);
        return j;
    }

    @Test
    @DisplayName("AMB-O07 / JNG-01: draining refuses a new message, session-initiate and JMI propose with resource-constraint; "
            + "other Jingle actions, JMI proceed and error messages pass")
    void refusesOnlyNewWork() throws Exception {
        Message chat = StanzaBuilder.buildMessage("m1").from(JidCreate.from("juliet@xmpp.example/balcony"))
                .to(JidCreate.from("romeo@gw.example")).setBody("hi").build();
        assertFalse(gate.refused(RouterCallsTest.in(chat)), "not draining yet");
        gate.close();
        assertTrue(gate.refused(RouterCallsTest.in(chat)));
        assertTrue(gate.refused(RouterCallsTest.in(jingle(JingleAction.session_initiate))));
        assertTrue(gate.refused(RouterCallsTest.in(jmi("propose"))));
        assertFalse(gate.refused(RouterCallsTest.in(jingle(JingleAction.session_terminate))), "a call in progress may end");
        assertFalse(gate.refused(RouterCallsTest.in(jmi("proceed"))), "a call being set up goes on");
        Message error = StanzaBuilder.buildMessage("m3").ofType(Message.Type.error).to(JidCreate.from("romeo@gw.example")).build();
        assertFalse(gate.refused(RouterCallsTest.in(error)));
        for (int i = 0; i < 3; i++) {
            var sent = xmpp.next().stanza();
            assertEquals(StanzaError.Condition.resource_constraint, sent.getError().getCondition(), sent.toString());
            assertEquals(i == 1, sent instanceof IQ iq && iq.getType() == IQ.Type.error, sent.toString());
        }
        xmpp.assertNothingSent(Duration.ofMillis(50));
        assertEquals(3, traffic.get(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.REJECTED));
    }
}
