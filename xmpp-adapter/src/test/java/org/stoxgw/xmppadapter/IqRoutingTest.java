package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;

/**
 * IQs to and from users at a gateway domain, between two adapters federating over loopback: a
 * request in a namespace the core claims (Jingle) reaches the core, which answers it; one in any
 * other namespace is answered service-unavailable by the adapter; the core's own request
 * ({@link XmppAdapter#sendIq}) completes with the addressee's result or error, or times out; a
 * "response" from someone else than the addressee completes nothing.
 */
class IqRoutingTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String JINGLE = "urn:xmpp:jingle:1";
    static AdapterPeer a;
    static AdapterPeer b;

    @BeforeAll
    static void start() throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        String routes = "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb);
        a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes);
        b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes);
        // the link a -> b is up before the tests count anything
        a.sendAndWait(AdapterPeer.message("alice@a.example.test/phone", "bob@b.example.test", "warm-up", "hi"), WAIT);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @BeforeEach
    void reset() {
        a.onStanza = s -> { };
        b.onStanza = s -> { };
        a.claimedIqs = Set.of();
        b.claimedIqs = Set.of(JINGLE);
        a.received.clear();
        b.received.clear();
    }

    static Jingle sessionInfo(String from, String to, String id) throws Exception {
        Jingle j = Jingle.builder(id).setAction(JingleAction.session_info).setSessionId("a73sjjvkla37jfea").build();
        j.setFrom(JidCreate.from(from));
        j.setTo(JidCreate.from(to));
        j.setType(IQ.Type.set);
        return j;
    }

    static IqOutcome await(java.util.concurrent.CompletionStage<IqOutcome> s) throws Exception {
        return s.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    @DisplayName("JNG-01: a Jingle set to a gateway user reaches the core, and the core's result comes back to the sender's sendIq")
    void claimedNamespaceRoundTrip() throws Exception {
        b.onStanza = s -> {
            if (s.stanza() instanceof IQ iq && iq.getType() == IQ.Type.set) {
                b.adapter.send(IQ.createResultIQ(iq));
            }
        };
        IqOutcome o = await(a.adapter.sendIq(sessionInfo("romeo@a.example.test/orchard", "juliet@b.example.test/balcony", "ji1"), WAIT));
        IqOutcome.Result r = assertInstanceOf(IqOutcome.Result.class, o, o.toString());
        assertEquals("ji1", r.response().getStanzaId());
        assertEquals("juliet@b.example.test/balcony", r.response().getFrom().toString());
        InboundStanza atB = b.await(s -> "ji1".equals(s.stanza().getStanzaId()), WAIT);
        assertEquals(JINGLE, ((IQ) atB.stanza()).getChildElementNamespace());
        // the answer was taken by sendIq, not handed to a's core as a stray result
        assertTrue(a.received.stream().noneMatch(s -> "ji1".equals(s.stanza().getStanzaId())), a.received.toString());
        assertEquals(0, a.bean().getPendingIqs());
    }

    @Test
    @DisplayName("JNG-02: the core's IQ error (here service-unavailable for an unknown user) comes back as IqOutcome.Error")
    void errorAnswer() throws Exception {
        b.onStanza = s -> {
            if (s.stanza() instanceof IQ iq && iq.getType() == IQ.Type.set) {
                b.adapter.send(org.stoxgw.xmppadapter.stanza.DomainIqResponder.error(iq, StanzaError.Condition.item_not_found));
            }
        };
        IqOutcome o = await(a.adapter.sendIq(sessionInfo("romeo@a.example.test/orchard", "nobody@b.example.test/x", "ji2"), WAIT));
        IqOutcome.Error e = assertInstanceOf(IqOutcome.Error.class, o, o.toString());
        assertEquals(StanzaError.Condition.item_not_found, e.error().getCondition());
    }

    @Test
    @DisplayName("RFC 6120 §8.4: an IQ to a gateway user in a namespace the core does not claim is answered service-unavailable, "
            + "the core sees nothing")
    void unclaimedNamespace() throws Exception {
        IQ ping = new org.jivesoftware.smackx.ping.packet.Ping(JidCreate.from("bob@b.example.test/res"));
        ping.setFrom(JidCreate.from("alice@a.example.test/phone"));
        ping.setStanzaId("p1");
        IqOutcome o = await(a.adapter.sendIq(ping, WAIT));
        IqOutcome.Error e = assertInstanceOf(IqOutcome.Error.class, o, o.toString());
        assertEquals(StanzaError.Condition.service_unavailable, e.error().getCondition());
        assertEquals("bob@b.example.test/res", e.response().getFrom().toString());
        assertTrue(b.received.stream().noneMatch(s -> "p1".equals(s.stanza().getStanzaId())), b.received.toString());
    }

    @Test
    @DisplayName("a claimed IQ the core never answers: sendIq completes remote-server-timeout and nothing stays pending")
    void noAnswer() throws Exception {
        IqOutcome o = await(a.adapter.sendIq(sessionInfo("romeo@a.example.test/orchard", "juliet@b.example.test/balcony", "ji3"),
                Duration.ofMillis(300)));
        IqOutcome.Failed f = assertInstanceOf(IqOutcome.Failed.class, o, o.toString());
        assertEquals(StanzaError.Condition.remote_server_timeout, f.condition());
        assertEquals(0, a.bean().getPendingIqs());
        assertTrue(a.bean().getIqTimeouts() >= 1);
    }

    @Test
    @DisplayName("a result with a waiting id but from another JID than the addressee completes nothing; it reaches the core as a stray")
    void answerFromSomeoneElse() throws Exception {
        b.onStanza = s -> {
            if (s.stanza() instanceof IQ iq && iq.getType() == IQ.Type.set) {
                IQ forged = IQ.createResultIQ(iq);
                try {
                    forged.setFrom(JidCreate.from("mallory@b.example.test/x"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                b.adapter.send(forged);
                b.adapter.send(IQ.createResultIQ(iq));
            }
        };
        IqOutcome o = await(a.adapter.sendIq(sessionInfo("romeo@a.example.test/orchard", "juliet@b.example.test/balcony", "ji4"), WAIT));
        IqOutcome.Result r = assertInstanceOf(IqOutcome.Result.class, o, o.toString());
        assertEquals("juliet@b.example.test/balcony", r.response().getFrom().toString());
        InboundStanza stray = a.await(s -> "ji4".equals(s.stanza().getStanzaId()), WAIT);
        assertEquals("mallory@b.example.test/x", stray.stanza().getFrom().toString());
    }

    @Test
    @DisplayName("sendIq refuses what is not a request, and a second request with an id still waiting")
    void refusals() throws Exception {
        Jingle first = sessionInfo("romeo@a.example.test/orchard", "juliet@b.example.test/balcony", "ji5");
        var pending = a.adapter.sendIq(first, Duration.ofSeconds(2));
        IqOutcome dup = await(a.adapter.sendIq(sessionInfo("romeo@a.example.test/orchard", "juliet@b.example.test/balcony", "ji5"),
                WAIT));
        assertEquals(StanzaError.Condition.conflict, assertInstanceOf(IqOutcome.Failed.class, dup).condition());
        IQ result = IQ.createResultIQ(first);
        IqOutcome notRequest = await(a.adapter.sendIq(result, WAIT));
        assertEquals(StanzaError.Condition.bad_request, assertInstanceOf(IqOutcome.Failed.class, notRequest).condition());
        assertInstanceOf(IqOutcome.Failed.class, await(pending)); // b's core never answers: timeout
    }

    @Test
    @DisplayName("a request to a domain that cannot be reached completes with the delivery failure")
    void undeliverable() throws Exception {
        Jingle j = sessionInfo("romeo@a.example.test/orchard", "juliet@unreachable.invalid/x", "ji6");
        IqOutcome o = await(a.adapter.sendIq(j, WAIT));
        assertInstanceOf(IqOutcome.Failed.class, o, o.toString());
        assertEquals(0, a.bean().getPendingIqs());
    }
}
