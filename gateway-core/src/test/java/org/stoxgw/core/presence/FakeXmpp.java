package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.stoxgw.core.routing.XmppPort;
import org.stoxgw.xmppadapter.XmppOutcome;

/** The XMPP adapter as a test sees it: stanzas are recorded and reported sent. */
final class FakeXmpp implements XmppPort {
    private final BlockingQueue<Stanza> sent = new LinkedBlockingQueue<>();
    volatile XmppOutcome outcome = new XmppOutcome.Sent();

    @Override
    public CompletionStage<XmppOutcome> send(Stanza stanza) {
        sent.add(stanza);
        return CompletableFuture.completedFuture(outcome);
    }

    /** The next presence the core sent (waits up to 10 s). */
    Presence next() {
        try {
            Stanza s = sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the gateway sent no stanza");
            return (Presence) s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next presence, which must have this type, from and to. */
    Presence next(Presence.Type type, String from, String to) {
        Presence p = next();
        assertEquals(type, p.getType(), () -> "stanza " + p.toXML());
        assertEquals(from, String.valueOf(p.getFrom()), () -> "stanza " + p.toXML());
        assertEquals(to, String.valueOf(p.getTo()), () -> "stanza " + p.toXML());
        return p;
    }

    void none(long ms) {
        try {
            Stanza s = sent.poll(ms, TimeUnit.MILLISECONDS);
            assertNull(s, () -> "unexpected stanza: " + s.toXML());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
