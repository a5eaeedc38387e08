package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.TcpProxy;

/**
 * Issue 13, defect 1: a stanza error's {@code <text/>} goes on the S2S wire in the stanzas namespace
 * (RFC 6120 §8.3.2), for message, presence and iq errors alike; read from the bytes a proxy between
 * two gateways relayed, and from what the receiving side's parser made of them.
 */
class ErrorTextWireTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TEXT = "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>";

    private static String routes(int pa, int pb) {
        return "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb);
    }

    private static StanzaError error(StanzaError.Condition c, String text) {
        return StanzaError.getBuilder(c).setDescriptiveEnText(text).build();
    }

    @Test
    @DisplayName("ERR-03: the SIP reason phrase as <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'> on the wire, "
            + "in message, presence and iq errors")
    void errorTextKeepsItsNamespace() throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        try (AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes(pa, pb));
             TcpProxy wire = new TcpProxy("127.0.0.1", new InetSocketAddress("127.0.0.1", pb));
             AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes(pa, wire.port()))) {
            Stanza m = StanzaBuilder.buildMessage("m-err").from("romeo@a.example.test").to("juliet@b.example.test/r")
                    .ofType(Message.Type.error).setError(error(StanzaError.Condition.item_not_found, "Not Found")).build();
            Stanza p = StanzaBuilder.buildPresence("p-err").from("romeo@a.example.test").to("juliet@b.example.test/r")
                    .ofType(Presence.Type.error).setError(error(StanzaError.Condition.forbidden, "Forbidden")).build();
            IQ ping = (IQ) org.stoxgw.xmppadapter.stanza.StanzaCodec.parse("<iq xmlns='jabber:client' type='get' id='i-err' "
                    + "from='juliet@b.example.test/r' to='romeo@a.example.test'><ping xmlns='urn:xmpp:ping'/></iq>");
            IQ i = IQ.createErrorResponse(ping, error(StanzaError.Condition.service_unavailable, "Temporarily Unavailable"));
            for (Stanza s : new Stanza[] {m, p, i}) {
                assertInstanceOf(XmppOutcome.Sent.class, a.sendAndWait(s, WAIT));
            }
            for (String id : new String[] {"m-err", "p-err", "i-err"}) {
                StanzaError got = b.await(s -> id.equals(s.stanza().getStanzaId()), WAIT).stanza().getError();
                assertTrue(got != null && got.getDescriptiveText("en") != null, id + ": the receiver reads an error text");
            }
            String bytes = wire.upstreamText();
            assertTrue(bytes.contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>" + TEXT + "Not Found</text>"),
                    bytes);
            assertTrue(bytes.contains(TEXT + "Forbidden</text>"), bytes);
            assertTrue(bytes.contains(TEXT + "Temporarily Unavailable</text>"), bytes);
            assertEquals(-1, bytes.indexOf("<text xml:lang="), "no <text/> without its namespace: " + bytes);
        }
    }
}
