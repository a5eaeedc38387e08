package org.stoxgw.core.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * An {@link XmppPort} for unit tests of area paths: records every stanza sent; the test completes
 * each one's outcome, or lets {@link #autoSend} do it.
 */
public final class FakeXmppPort implements XmppPort {
    /** A stanza the path sent and the outcome the test gives it. */
    public record Sent(Stanza stanza, CompletableFuture<XmppOutcome> outcome) {
        public Message message() {
            return (Message) stanza;
        }

        public void taken() {
            outcome.complete(new XmppOutcome.Sent());
        }

        public void fail(StanzaError.Condition condition, String detail) {
            outcome.complete(new XmppOutcome.Failed(condition, detail));
        }
    }

    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private volatile boolean autoSend;
    private volatile boolean quiet;

    /** Completes every send at once with {@link XmppOutcome.Sent}. */
    public FakeXmppPort autoSend() {
        autoSend = true;
        return this;
    }

    /** Completes every send at once and keeps nothing (for measurements). */
    public FakeXmppPort autoSendQuietly() {
        quiet = true;
        return this;
    }

    @Override
    public CompletionStage<XmppOutcome> send(Stanza stanza) {
        if (quiet) {
            return CompletableFuture.completedFuture(new XmppOutcome.Sent());
        }
        Sent s = new Sent(stanza, new CompletableFuture<>());
        sent.add(s);
        if (autoSend) {
            s.taken();
        }
        return s.outcome();
    }

    /** The next stanza sent, waiting up to 10 s; fails if none. */
    public Sent next() {
        try {
            Sent s = sent.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no stanza was sent");
            }
            return s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts that nothing was sent within {@code wait}. */
    /** The next stanza sent within {@code wait}, or null. */
    public Sent poll(Duration wait) {
        try {
            return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public void assertNothingSent(Duration wait) {
        try {
            Sent s = sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (s != null) {
                throw new AssertionError("unexpected stanza: " + s.stanza().toXML());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
