package org.stoxgw.xmppadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.SlixmppClient;
import org.stoxgw.xmppadapter.AdapterPeer;
import org.stoxgw.xmppadapter.LinkInfo;
import org.stoxgw.xmppadapter.XmppOutcome;

/** Component mode (XEP-0114): the gateway attached to Prosody as the component gw.xmpp.test. */
class ProsodyComponentTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String COMPONENT = "gw.xmpp.test";
    static final String BODY = "component caf\u00e9 <&> \uD83D\uDE00";

    @Test
    @DisplayName("CORE-08: stanzas cross both ways through Prosody's component port; the link shows the handshake")
    void bothWays() throws Exception {
        SlixmppClient.require();
        Path work = Path.of("target", "peers", "prosody-component").toAbsolutePath();
        String prosodyIp = TestNet.address(2);
        try (ProsodyPeer prosody = ProsodyPeer.builder(work.resolve("prosody"), "xmpp.test")
                .component(COMPONENT, "component secret").user("alice", "pw-alice").start();
             AdapterPeer gateway = new AdapterPeer(COMPONENT, TestNet.address(3) + ":0", """
                     gateway.xmpp.mode = component
                     gateway.xmpp.component { server = "%s:%d", secret = "component secret" }
                     gateway.logging.wire.xmpp = true
                     """.formatted(prosodyIp, ProsodyPeer.COMPONENT_PORT))) {
            assertEquals("xmpp-component " + COMPONENT + " -> " + prosodyIp + ":" + ProsodyPeer.COMPONENT_PORT,
                    gateway.listeningPoints.get(0));
            gateway.onStanza = s -> {
                if (s.stanza() instanceof Message m && m.getType() == Message.Type.chat && !m.getBody().startsWith("pong")) {
                    gateway.adapter.send(AdapterPeer.message(m.getTo().toString(), m.getFrom().toString(), "r", "pong: " + m.getBody()));
                }
            };
            // the component connects on its own schedule: a message sent before it is ready would bounce
            assertTrue(Eventually.holds(() -> !gateway.bean().getLinks().isEmpty()
                    && "READY".equals(gateway.bean().getLinks().get(0).getState()), WAIT),
                    "the component link did not become ready: " + gateway.bean().getLinks());
            SlixmppClient.Run run = SlixmppClient.send(work, "send", "alice@xmpp.test", "pw-alice", prosodyIp,
                    "bob@" + COMPONENT, BODY, "--expect-reply", "pong", "--timeout", "30");
            assertEquals(0, run.exitCode(), String.join("\n", run.lines()) + "\n" + prosody.logTail(30));
            assertEquals("pong: " + BODY, run.line("REPLY-RECEIVED").replaceFirst("^REPLY-RECEIVED from=\\S+ body=", ""));

            try (ManagedProcess alice = SlixmppClient.receiver(work, "recv", "alice@xmpp.test", "pw-alice", prosodyIp,
                    "--reply", "pong from alice", "--timeout", "60", "--linger", "5")) {
                XmppOutcome o = gateway.sendAndWait(AdapterPeer.message("carol@" + COMPONENT, "alice@xmpp.test", "c1", BODY), WAIT);
                assertInstanceOf(XmppOutcome.Sent.class, o, o.toString());
                alice.awaitLog("^RECEIVED from=carol@" + COMPONENT + " body=" + java.util.regex.Pattern.quote(BODY) + "$", WAIT);
                gateway.await(s -> s.stanza() instanceof Message m && "pong from alice".equals(m.getBody()), WAIT);
            }
            LinkInfo link = gateway.bean().getLinks().get(0);
            assertEquals("component", link.getDirection());
            assertEquals("component-handshake", link.getAuth());
            assertEquals("READY", link.getState());
        }
    }
}
