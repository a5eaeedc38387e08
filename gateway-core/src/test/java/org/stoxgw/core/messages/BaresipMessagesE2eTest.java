package org.stoxgw.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.baresip.Baresip;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * A real SIP user agent (baresip 1.0, romeo@sip.test, sending through the gateway as outbound proxy)
 * and a real XMPP client on a real Prosody (juliet@xmpp.test) message each other through the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaresipMessagesE2eTest {
    static final String BARESIP_IP = TestNet.address(41);
    static final Duration WAIT = Duration.ofSeconds(30);

    final Path work = Path.of("target", "e2e", "baresip-messages").toAbsolutePath();
    Baresip romeo;
    Federation world;
    ScriptedXmppClient juliet;

    @BeforeAll
    void start() {
        // baresip picks its port at start; the gateway's address is known before it starts
        GatewayUnderTest.Builder probe = GatewayUnderTest.builder();
        romeo = Baresip.start(work, BARESIP_IP, "sip:romeo@" + GatewayUnderTest.SIP_DOMAIN,
                ";outbound=\"sip:" + probe.ip() + ":" + probe.sipPort() + "\"",
                List.of("\"juliet\" <sip:juliet@" + GatewayUnderTest.XMPP_DOMAIN + ">"));
        world = Federation.start(work, probe.sipRoute(GatewayUnderTest.SIP_DOMAIN, BARESIP_IP + ":" + romeo.sipPort()), "juliet");
        juliet = world.login("juliet", false);
        world.warmUp(juliet);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.gateway().assertBalanced(Direction.SIP_TO_XMPP);
            world.gateway().assertBalanced(Direction.XMPP_TO_SIP);
            world.close();
        }
        if (romeo != null) {
            romeo.close();
        }
    }

    @Test
    @DisplayName("S2X / IM-10 / IM-21: baresip's MESSAGE with non-ASCII text reaches juliet on Prosody")
    void baresipToProsody() {
        romeo.command("message", "Grüße aus Köln, Julia — € 𝄞 <&>");
        ScriptedXmppClient.Received m = juliet.awaitMessage(r -> r.body() != null && r.body().startsWith("Grüße"), WAIT);
        assertEquals("Grüße aus Köln, Julia — € 𝄞 <&>", m.body());
        assertTrue(m.from().startsWith("romeo@sip.test"), m.from());
    }

    @Test
    @DisplayName("X2S / IM-03: juliet's message with non-ASCII text and line breaks reaches baresip")
    void prosodyToBaresip() {
        juliet.message("romeo@sip.test").id("to-baresip-1").type("chat").body("Ach Romeo — wo bist du? ü €").send();
        romeo.awaitOutput("Ach Romeo — wo bist du\\? ü €", WAIT);
    }

    @Test
    @DisplayName("Unknown SIP user: baresip's answer reaches juliet as the mapped stanza error")
    void unknownSipUser() {
        juliet.message("nobody@sip.test").id("to-nobody").body("hello?").send();
        ScriptedXmppClient.Received e = juliet.awaitMessage(r -> r.isError() && "to-nobody".equals(r.id()), WAIT);
        assertEquals("nobody@sip.test", e.from());
        assertEquals("item-not-found", e.errorCondition(), "baresip answers 404: " + e.xml());
    }

    @Test
    @DisplayName("A receipt request to a UA without CPIM: the text still arrives (415 -> text/plain again)")
    void receiptRequestToPlainUa() {
        juliet.message("romeo@sip.test").id("to-baresip-receipt").body("with a receipt request, please").requestReceipt().send();
        romeo.awaitOutput("with a receipt request, please", WAIT);
        String out = String.join("\n", romeo.output());
        assertTrue(!out.contains("imdn.Message-ID"), "no CPIM wrapper shown to the user:\n" + out);
    }
}
