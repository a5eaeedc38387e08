package org.stoxgw.core.messages;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Session;
import org.stoxgw.core.engine.SessionKey;
import org.stoxgw.core.engine.SessionKind;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.core.engine.Traffic.Outcome;
import org.stoxgw.core.routing.Router;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.core.routing.SessionPeers;
import org.stoxgw.core.routing.SpellingMemory;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.mapping.message.ErrorStanzas;
import org.stoxgw.mapping.message.MessageIds;
import org.stoxgw.mapping.message.SipToXmppMessage;
import org.stoxgw.mapping.message.XmppToSipMessage;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * Single messages (RFC 7572) in both directions. Every message gets a short-lived
 * {@link SessionKind#MESSAGE} session on an event loop ({@link SipToXmppSession},
 * {@link XmppToSipSession}) that lives until its outcome is known; this class only dispatches,
 * correlates XMPP error bounces with the session of the message they concern (by the gateway's
 * stanza id, AMB-M03) and counts late ones.
 *
 * <p>Counting ({@link Traffic}): every MESSAGE received, and every XMPP message that has something
 * SIP can carry, is counted RECEIVED once and then exactly once DELIVERED, REJECTED or FAILED; so
 * once nothing is in flight, received = delivered + rejected + failed. An XMPP error after the SIP
 * sender was answered is LATE_ERROR. Messages in flight are engine work, so a graceful stop drains them.
 *
 * <p>Threading: entry points run on adapter threads and return at once. Thread-safe.
 */
public final class MessagePath implements Router.Path {
    private static final Logger log = LoggerFactory.getLogger(MessagePath.class);
    private static final String X2S_PREFIX = "xts-";

    private final RoutingContext ctx;
    private final MessageSettings settings;
    private final SipToXmppMessage.Options s2x;
    private final XmppToSipMessage.Options x2s;
    private final SpellingMemory spellings;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
            36L * 36 * 36 * 36 * 36 * 36), 36);
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong cseq = new AtomicLong();
    private final AtomicLong nextLateLog = new AtomicLong(System.nanoTime());
    private final AtomicLong lateNotLogged = new AtomicLong();
    private final XmppToSipMessage.Identifiers identifiers;

    public MessagePath(RoutingContext ctx, MessageSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
        this.s2x = new SipToXmppMessage.Options(settings.contentPolicy(), settings.payloadLimits());
        this.x2s = new XmppToSipMessage.Options(settings.contentPolicy(), (int) settings.composingRefresh().toSeconds());
        this.spellings = new SpellingMemory(settings.rememberedSpellings());
        this.identifiers = new XmppToSipMessage.Identifiers() {
            @Override
            public String newTag() {
                return ctx.sip().newTag();
            }

            @Override
            public String newCallId() {
                return ctx.sip().newCallId();
            }

            @Override
            public long nextCSeq() {
                // RFC 3261 section 8.1.1.5: below 2**31; increasing, so a reused Call-ID (a thread) never repeats one
                return cseq.updateAndGet(c -> c >= Integer.MAX_VALUE - 1 ? 1 : c + 1);
            }

            @Override
            public String newUnique() {
                return Long.toHexString(ThreadLocalRandom.current().nextLong());
            }
        };
    }

    // ------------------------------------------------------------------ SIP -> XMPP

    @Override
    public void onRequest(InboundSipRequest request) {
        ctx.traffic().count(Direction.SIP_TO_XMPP, Outcome.RECEIVED);
        String unique = next();
        SessionKey key = new SessionKey(SessionKind.MESSAGE, MessageIds.stanzaId(unique));
        String peer = SessionPeers.of(request);
        Optional<SipToXmppSession> s = ctx.engine().sessions().getOrCreate(key, peer,
                c -> new SipToXmppSession(c, this, request, unique));
        if (s.isEmpty()) {
            ctx.traffic().count(Direction.SIP_TO_XMPP, Outcome.REJECTED);
            request.respond(new SipResponse(503, "Service Unavailable (" + refusal(peer) + ")",
                    org.stoxgw.mapping.sip.SipHeaders.of("Retry-After", "5"), null));
            return;
        }
        ctx.engine().workStarted();
        SipToXmppSession session = s.get();
        session.execute(session::start);
    }

    // ------------------------------------------------------------------ XMPP -> SIP

    @Override
    public void onStanza(InboundStanza inbound) {
        if (!(inbound.stanza() instanceof Message m)) {
            return;
        }
        if (ErrorStanzas.isBounce(m)) {
            onBounce(m);
            return;
        }
        SessionKey key = new SessionKey(SessionKind.MESSAGE, X2S_PREFIX + next());
        String peer = SessionPeers.of(inbound);
        Optional<XmppToSipSession> s = ctx.engine().sessions().getOrCreate(key, peer, c -> new XmppToSipSession(c, this, m));
        if (s.isEmpty()) {
            ctx.traffic().count(Direction.XMPP_TO_SIP, Outcome.RECEIVED);
            ctx.traffic().count(Direction.XMPP_TO_SIP, Outcome.REJECTED);
            sendQuietly(ErrorStanzas.bounce(m, LocalFailure.REFUSED.toXmpp(refusal(peer))));
            return;
        }
        ctx.engine().workStarted();
        XmppToSipSession session = s.get();
        session.execute(session::start);
    }

    /** Why the session table refused {@code peer}'s message (gateway.core.max-sessions / -per-peer). */
    private String refusal(String peer) {
        String why = ctx.engine().sessions().refusal(peer);
        return why == null ? "too many messages in flight" : "too many messages in flight: " + why;
    }

    /** An XMPP error: for a SIP → XMPP message still waiting for its answer, or late. */
    private void onBounce(Message bounce) {
        String id = bounce.getStanzaId();
        if (!MessageIds.isGatewayStanzaId(id)) {
            log.debug("error from {} for a message the gateway did not send (id {}): {}", bounce.getFrom(), id,
                    bounce.getError() == null ? "?" : bounce.getError().getCondition());
            return;
        }
        SessionKey key = new SessionKey(SessionKind.MESSAGE, MessageIds.correlationKey(id));
        Optional<Session> s = ctx.engine().sessions().get(key);
        if (s.isPresent() && s.get() instanceof SipToXmppSession session) {
            session.execute(() -> session.onBounce(bounce));
        } else {
            lateError(id, bounce);
        }
    }

    /**
     * AMB-M02: an error after the SIP sender was answered cannot be reported; it is counted, and
     * logged at most once a second (a peer sending errors cannot flood the log; the count says all).
     */
    void lateError(String id, Message bounce) {
        ctx.traffic().count(Direction.SIP_TO_XMPP, Outcome.LATE_ERROR);
        long now = System.nanoTime();
        long next = nextLateLog.get();
        if (now - next < 0 || !nextLateLog.compareAndSet(next, now + 1_000_000_000L)) {
            lateNotLogged.incrementAndGet();
            return;
        }
        long skipped = lateNotLogged.getAndSet(0);
        log.info("late XMPP error for message {} to {}: {} (its SIP sender was already answered 202){}", id, bounce.getFrom(),
                bounce.getError() == null ? "no error element" : bounce.getError().getCondition()
                        + (bounce.getError().getDescriptiveText() == null ? "" : " \"" + bounce.getError().getDescriptiveText() + "\""),
                skipped == 0 ? "" : "; " + skipped + " more since the last such line");
    }

    private String next() {
        return run + Long.toString(counter.incrementAndGet(), 36);
    }

    /** A fresh gateway stanza id, for stanzas the gateway originates (AMB-M03). */
    String nextStanzaId() {
        return MessageIds.stanzaId(next());
    }

    /**
     * Keeps the typing state of a SIP sender towards an XMPP user in step with what was translated:
     * an isComposing "active" starts or refreshes its lapse timer, anything else from the same
     * sender to the same user ends it (a text ends the typing state at the receiver anyway,
     * RFC 3994 §3.1, XEP-0085).
     */
    void typing(SipToXmppMessage.Translated t) {
        SessionKey key = new SessionKey(SessionKind.MESSAGE, "typing:" + t.from() + "|" + t.to());
        if (t.kind() == SipToXmppMessage.Kind.COMPOSING && t.lapseSeconds() > 0) {
            ctx.engine().sessions().getOrCreate(key, c -> new TypingSession(c, this, t.from(), t.to()))
                    .ifPresent(s -> s.execute(() -> s.active(t.lapseSeconds())));
        } else if (t.kind() != SipToXmppMessage.Kind.RECEIPT) {
            ctx.engine().sessions().get(key).ifPresent(Session::close);
        }
    }

    // ------------------------------------------------------------------ for the sessions

    RoutingContext context() {
        return ctx;
    }

    MessageSettings settings() {
        return settings;
    }

    AddressMapper addresses() {
        return ctx.addresses();
    }

    SpellingMemory spellings() {
        return spellings;
    }

    SipToXmppMessage.Options s2xOptions() {
        return s2x;
    }

    XmppToSipMessage.Options x2sOptions() {
        return x2s;
    }

    XmppToSipMessage.Identifiers identifiers() {
        return identifiers;
    }

    /** Sends an error stanza, logging when it cannot be delivered. */
    void sendQuietly(Message stanza) {
        ctx.xmpp().send(stanza).whenComplete((o, e) -> {
            if (!(o instanceof XmppOutcome.Sent)) {
                log.debug("stanza to {} not delivered: {}", stanza.getTo(), e != null ? e : o);
            }
        });
    }
}
