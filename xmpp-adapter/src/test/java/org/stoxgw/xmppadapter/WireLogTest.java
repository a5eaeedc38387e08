package org.stoxgw.xmppadapter;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.stoxgw.testfixtures.FreePorts;

/** Wire logging (logger stoxgw.wire.xmpp): stanzas in and out, per peer, never a dialback key or secret. */
class WireLogTest {
    private static List<String> capture(String aExtra, ThrowingRunnable body) throws Exception {
        Logger wire = (Logger) LoggerFactory.getLogger("stoxgw.wire.xmpp");
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.start();
        wire.addAppender(list);
        try {
            body.run();
        } finally {
            wire.detachAppender(list);
        }
        return list.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void exchange(String aExtra) throws Exception {
        int pa = FreePorts.tcp("127.0.0.1");
        int pb = FreePorts.tcp("127.0.0.1");
        String routes = "gateway.xmpp.routes { \"a.example.test\" = \"127.0.0.1:%d\", \"b.example.test\" = \"127.0.0.1:%d\" }\n"
                .formatted(pa, pb);
        try (AdapterPeer a = new AdapterPeer("a.example.test", "127.0.0.1:" + pa, routes + aExtra);
             AdapterPeer b = new AdapterPeer("b.example.test", "127.0.0.1:" + pb, routes)) {
            assertInstanceOf(XmppOutcome.Sent.class, a.sendAndWait(
                    AdapterPeer.message("alice@a.example.test", "bob@b.example.test", "w1", "wire body"), Duration.ofSeconds(20)));
            b.await(s -> "w1".equals(s.stanza().getStanzaId()), Duration.ofSeconds(20));
        }
    }

    @Test
    void stanzasAreLoggedKeysAreNot() throws Exception {
        List<String> lines = capture("", () -> exchange("gateway.logging.wire.xmpp = true\n"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("OUT b.example.test <message") && l.contains("wire body")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("<db:result") && l.contains("(key hidden)")), lines.toString());
        Pattern key = Pattern.compile("[0-9a-f]{64}");
        assertTrue(lines.stream().noneMatch(l -> key.matcher(l).find()), "no dialback key in the wire log");
        assertTrue(lines.stream().noneMatch(l -> l.contains("secret of")), "no secret in the wire log");
        // issue 13: the initiating stream's header has no id; the log shows what came, no id='null'
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("IN  ") && l.contains("<stream:stream xmlns='jabber:server'")),
                lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("'null'")), lines.toString());
    }

    @Test
    void onlyTheListedPeers() throws Exception {
        List<String> lines = capture("", () -> exchange("gateway.logging.wire { xmpp = true, peers = [\"c.example.test\"] }\n"));
        assertTrue(lines.stream().noneMatch(l -> l.contains("b.example.test <")), lines.toString());
    }
}
