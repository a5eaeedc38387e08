package org.stoxgw.core.chats;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Session;
import org.stoxgw.core.engine.SessionContext;
import org.stoxgw.mapping.chat.ChatMessages;
import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.mapping.message.ErrorStanzas;
import org.stoxgw.mapping.message.MediaTypes;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.msrp.MsrpSession;
import org.stoxgw.sipadapter.msrp.MsrpSessionListener;
import org.stoxgw.sipadapter.msrp.SendOutcome;

/**
 * One chat between an XMPP user and a SIP user carried by one MSRP session (RFC 7573), whichever
 * side started it. Keyed by the pair of bare addresses (AMB-C02); its {@code <thread/>} is the
 * dialog's Call-ID. It queues the XMPP user's messages while the INVITE and MSRP bind are pending
 * (bounded, in order), then turns messages into SENDs and SENDs into messages, chat states into
 * isComposing and back, receipts into REPORTs and back, and ends on {@code gone}, BYE, inactivity
 * or a failed MSRP connection, giving every message still in flight an error (nothing is lost in
 * silence).
 *
 * <p>Threading: everything runs on the session's loop; SIP, MSRP and XMPP outcomes hop onto it.
 */
final class ChatSession extends Session implements MsrpSessionListener, ChatSignaling.Events {
    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);

    enum State { SETTING_UP, ACTIVE, ENDED }

    /** Who started it. */
    enum Origin { XMPP, SIP }

    private final ChatPath path;
    private final Origin origin;
    /** The XMPP user: full JID once known (locked, AMB-C05), else bare. */
    private Jid xmppUser;
    /** The SIP user's JID (with the GRUU resource when known). */
    private final Jid sipUser;
    private String thread;
    private State state = State.SETTING_UP;
    private MsrpSession msrp;
    private ChatSignaling.Dialog dialog;
    private final ArrayDeque<Message> queue = new ArrayDeque<>(4);
    /** X2S receipts: MSRP Message-ID → XMPP id of the message that asked (CHAT-21, C11/C12). */
    private final Map<String, String> awaitingReport = new Bounded<>(256);
    /** S2X receipts: gateway stanza id → MSRP Message-ID and size, for the REPORT (CHAT-22). */
    private final Map<String, long[]> awaitingReceipt = new Bounded<>(256);
    private final Map<String, String> receiptMessageIds = new Bounded<>(256);
    private io.netty.util.concurrent.ScheduledFuture<?> idle;
    private long lastActivity;
    private io.netty.util.concurrent.ScheduledFuture<?> setupTimer;
    private boolean counted;

    ChatSession(SessionContext c, ChatPath path, Origin origin, Jid xmppUser, Jid sipUser) {
        super(c);
        this.path = path;
        this.origin = origin;
        this.xmppUser = xmppUser;
        this.sipUser = sipUser;
    }

    State state() {
        return state;
    }

    // ------------------------------------------------------------------ X2S start (CHAT-04/06)

    /** The XMPP user's first message: open the MSRP session and send the INVITE; the message waits. */
    void startFromXmpp(Message first) {
        queue.add(first);
        thread = first.getThread() != null && !first.getThread().isEmpty() ? first.getThread() : null;
        java.util.Optional<MsrpSession> s = path.msrp().newSession(loop(), this);
        if (s.isEmpty()) {
            refuseQueue(LocalFailure.REFUSED.toXmpp("too many MSRP sessions"), "msrp-sessions-limit");
            close();
            return;
        }
        msrp = s.get();
        path.stats().settingUpX2s.incrementAndGet();
        counted = true;
        path.stats().started.increment();
        ChatPath.Invite inv = path.inviteFor(first, msrp.localMedia(MsrpMedia.Setup.NONE), thread);
        if (inv.refusal() != null) {
            refuseQueue(inv.refusal(), "address");
            close();
            return;
        }
        thread = thread != null ? thread : inv.request().callId();
        dialog = path.signaling().invite(inv.request(), loop(), this);
        setupTimer = schedule(() -> {
            if (state == State.SETTING_UP) {
                log.info("chat {}: no answer and MSRP bind in {}", key(), path.settings().setupTimeout());
                setupFailed(408, "no answer in " + path.settings().setupTimeout());
            }
        }, path.settings().setupTimeout());
    }

    /** A later XMPP message of this conversation. */
    void fromXmpp(Message m) {
        if (state == State.ENDED) {
            path.handBack(m); // the session is gone: the message starts over
            return;
        }
        if (m.getFrom() != null && m.getFrom().hasResource() && !m.getFrom().equals(xmppUser)) {
            xmppUser = m.getFrom(); // AMB-C05/C12: lock to the resource that speaks (RFC 6121 §5.1)
        }
        if (state == State.SETTING_UP) {
            if (queue.size() >= path.settings().maxQueued()) {
                path.stats().failure("queue-full");
                bounce(m, LocalFailure.REFUSED.toXmpp("too many messages waiting for the chat session"));
                return;
            }
            queue.add(m);
            return;
        }
        send(m);
    }

    @Override
    public void onAnswered(SipResponse ok) {
        execute(() -> answered(ok));
    }

    private void answered(SipResponse ok) {
        MsrpMedia.Parsed p = MsrpMedia.parse(ok.body().content());
        if (!p.ok()) {
            log.info("chat {}: answer without a usable MSRP section ({})", key(), p.detail());
            dialog.bye();
            setupFailed(488, "answer without MSRP: " + p.detail());
            return;
        }
        boolean connect = MsrpMedia.localConnects(true, MsrpMedia.Setup.NONE, p.media().setup());
        msrp.start(p.media(), connect).whenComplete((v, e) -> execute(() -> {
            if (e != null) {
                dialog.bye();
                setupFailed(503, "MSRP: " + e.getMessage());
            } else {
                established();
            }
        }));
    }

    private void established() {
        if (state != State.SETTING_UP) {
            return;
        }
        state = State.ACTIVE;
        if (setupTimer != null) {
            setupTimer.cancel(false);
            setupTimer = null;
        }
        if (origin == Origin.XMPP) {
            path.stats().settingUpX2s.decrementAndGet();
            path.stats().activeX2s.incrementAndGet();
        } else {
            path.stats().activeS2x.incrementAndGet();
        }
        touch();
        while (!queue.isEmpty()) {
            send(queue.poll()); // CHAT-06: the pending messages, in order
        }
    }

    /** The INVITE was refused or timed out, or MSRP could not start. */
    private void setupFailed(int status, String detail) {
        if (state != State.SETTING_UP) {
            return;
        }
        boolean refusedMsrp = status == 415 || status == 488 || status == 606 || status == 408;
        if (refusedMsrp && path.fallbackAllowed(sipUser)) {
            path.stats().fallbacks.increment();
            path.rememberRefusal(sipUser);
            log.info("chat {}: INVITE answered {} ({}); {} message(s) go as SIP MESSAGEs", key(), status, detail, queue.size());
            java.util.List<Message> pending = new java.util.ArrayList<>(queue);
            queue.clear();
            end(null);
            pending.forEach(path::asMessage); // AMB-C01: session-then-message, in order
            return;
        }
        path.stats().failure("invite-" + status);
        StanzaError err = LocalFailure.TIMEOUT.toXmpp(detail);
        if (status != 408) {
            err = org.stoxgw.mapping.error.SipErrors.toXmpp(SipResponse.of(status, detail), path.addresses());
        }
        refuseQueue(err, null);
        end(null);
    }

    // ------------------------------------------------------------------ S2X start (CHAT-11)

    /** An INVITE with an MSRP offer for the XMPP user: accept on their behalf (AMB-C06). */
    void startFromSip(ChatSignaling.Incoming in, MsrpMedia offer) {
        dialog = in;
        thread = in.invite().callId(); // CHAT-07: thread = Call-ID
        in.listen(this);
        java.util.Optional<MsrpSession> s = path.msrp().newSession(loop(), this);
        if (s.isEmpty()) {
            path.stats().failure("msrp-sessions-limit");
            in.reject(486, "Busy Here (too many chat sessions)");
            end(null);
            return;
        }
        msrp = s.get();
        counted = true;
        path.stats().started.increment();
        // RFC 6135: an offer that says passive makes us connect; otherwise the offerer connects (MSRP-16)
        boolean connect = offer.setup() == MsrpMedia.Setup.PASSIVE;
        MsrpMedia answer = msrp.localMedia(connect ? MsrpMedia.Setup.ACTIVE
                : offer.setup() == MsrpMedia.Setup.NONE ? MsrpMedia.Setup.NONE : MsrpMedia.Setup.PASSIVE);
        msrp.start(offer, connect).whenComplete((v, e) -> execute(() -> {
            if (e == null) {
                established();
            } else if (state != State.ENDED) {
                dialog.bye();
                end(ChatState.gone);
            }
        }));
        in.accept(SipBody.of("application/sdp", answer.toSdp("-", System.currentTimeMillis(), 1)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        setupTimer = schedule(() -> {
            if (state == State.SETTING_UP) {
                dialog.bye(); // the caller never bound the MSRP session (MSRP-16)
                end(null);
            }
        }, path.settings().setupTimeout());
    }

    // ------------------------------------------------------------------ X2S in session

    private void send(Message m) {
        touch();
        ChatMessages.Outbound o = ChatMessages.toMsrp(m);
        if (o instanceof ChatMessages.Text t) {
            sendText(m, t);
        } else if (o instanceof ChatMessages.State st) {
            if (st.state() == ChatState.gone) {
                dialog.bye(); // CHAT-10/17: gone ends the session
                end(null);
                return;
            }
            if (!msrp.remote().accepts(MediaTypes.IS_COMPOSING)) {
                return; // MSRP-20, AMB-C07: the peer did not list isComposing
            }
            ChatMessages.isComposing(st.state(), (int) path.settings().composingRefresh().toSeconds())
                    .ifPresent(body -> sendBody(null, body, false));
        } else if (o instanceof ChatMessages.Receipt r) {
            long[] ref = awaitingReceipt.remove(r.receivedId());
            String mid = receiptMessageIds.remove(r.receivedId());
            if (ref != null && mid != null) {
                msrp.report(mid, ref[0], 200, "OK"); // CHAT-21, AMB-C08: the XMPP client's receipt
                path.stats().reportsX2s.increment();
            }
        }
    }

    private void sendText(Message m, ChatMessages.Text t) {
        SipBody body = t.body();
        String type = body.contentType().split(";")[0].trim();
        java.util.Optional<String> form = ChatMessages.form(type, msrp.remote());
        if (form.isEmpty()) {
            path.stats().failure("peer-does-not-accept-text");
            bounce(m, LocalFailure.REFUSED.toXmpp("the SIP user's chat client does not accept text/plain"));
            return;
        }
        if (form.get().equals(MediaTypes.CPIM)) {
            body = ChatMessages.cpim(body, path.sipUriOf(xmppUser), path.sipUriOf(sipUser), Instant.now());
        }
        sendBody(m, body, t.successReport());
    }

    private void sendBody(Message m, SipBody body, boolean successReport) {
        msrp.send(body.contentType(), body.content(), successReport).whenComplete((out, e) -> execute(() -> sent(m, body, out)));
    }

    private void sent(Message m, SipBody body, SendOutcome out) {
        if (m == null) {
            return; // a chat state: nobody to tell
        }
        if (out != null && out.ok()) {
            path.stats().messagesX2s.increment();
            path.stats().bytesX2s.add(body.length());
            if (m.getStanzaId() != null && org.stoxgw.mapping.message.Receipts.requested(m)) {
                awaitingReport.put(out.messageId(), m.getStanzaId());
            }
            return;
        }
        String why = out == null ? "internal error" : out.status() + " " + out.comment();
        path.stats().failure("send-" + (out == null ? 500 : out.status()));
        StanzaError err = out != null && out.status() == 413 ? LocalFailure.TOO_LARGE.toXmpp(why)
                : out != null && out.status() == 408 ? LocalFailure.TIMEOUT.toXmpp(why)
                : LocalFailure.TRANSPORT.toXmpp(why);
        bounce(m, err);
    }

    // ------------------------------------------------------------------ S2X in session (MsrpSessionListener)

    @Override
    public void onMessage(MsrpSession s, String messageId, String contentType, byte[] content, boolean successReport) {
        execute(() -> {
            touch();
            ParseResult<ChatMessages.Inbound> r = ChatMessages.fromMsrp(SipBody.of(contentType, content), path.payloadLimits());
            if (r instanceof ParseResult.Refused<ChatMessages.Inbound> ref) {
                log.info("chat {}: SEND {} not translated: {}", key(), messageId, ref.detail());
                path.stats().failure("s2x-" + ref.problem().name().toLowerCase(java.util.Locale.ROOT));
                return;
            }
            String id = path.nextStanzaId();
            ChatMessages.Inbound in = r.orElseThrow();
            Message out;
            if (in instanceof ChatMessages.InText t) {
                out = ChatMessages.chat(id, sipUser, xmppUser, thread, t.text(), successReport); // CHAT-07, CHAT-22
                if (successReport) {
                    awaitingReceipt.put(id, new long[] {content.length});
                    receiptMessageIds.put(id, messageId);
                }
                path.stats().messagesS2x.increment();
                path.stats().bytesS2x.add(content.length);
            } else {
                out = ChatMessages.state(id, sipUser, xmppUser, thread, ((ChatMessages.InState) in).state()); // C13
            }
            path.sendXmpp(out);
        });
    }

    @Override
    public void onReport(MsrpSession s, String messageId, int status, String comment) {
        execute(() -> {
            String original = awaitingReport.remove(messageId);
            if (original == null || status != 200) {
                return; // MSRP-11: an unknown Message-ID is ignored; a failure REPORT has no XMPP form (CHAT-23)
            }
            path.stats().reportsS2x.increment();
            path.sendXmpp(ChatMessages.received(path.nextStanzaId(), sipUser, xmppUser, original)); // C12
        });
    }

    @Override
    public void onClosed(MsrpSession s, String reason) {
        execute(() -> {
            if (state == State.ENDED) {
                return;
            }
            log.info("chat {}: MSRP session ended: {}", key(), reason);
            path.stats().failure("msrp-closed");
            if (state == State.SETTING_UP && origin == Origin.XMPP) {
                dialog.bye();
                setupFailed(503, reason);
                return;
            }
            dialog.bye();
            end(ChatState.gone); // MSRP-18: the session is over on both sides
        });
    }

    // ------------------------------------------------------------------ SIP dialog events

    @Override
    public void onEnded(int status, String detail, boolean remoteBye) {
        execute(() -> ended(status, detail, remoteBye));
    }

    private void ended(int status, String detail, boolean remoteBye) {
        if (state == State.SETTING_UP && origin == Origin.XMPP && !remoteBye) {
            setupFailed(status, detail);
            return;
        }
        // CHAT-08/13: the BYE was answered 200 by the INVITE layer; CHAT-09/18: gone to the XMPP user
        end(remoteBye ? ChatState.gone : null);
    }

    // ------------------------------------------------------------------ end

    /**
     * Notes activity. The inactivity timer is armed once and, when it fires, re-arms for what is
     * left since the last activity: one timer per session instead of one per message.
     */
    private void touch() {
        lastActivity = System.nanoTime();
        if (idle == null) {
            armIdle(path.settings().inactivity().toNanos());
        }
    }

    private void armIdle(long nanos) {
        idle = schedule(() -> {
            long left = path.settings().inactivity().toNanos() - (System.nanoTime() - lastActivity);
            if (left > 0) {
                armIdle(left);
                return;
            }
            log.debug("chat {}: inactive for {}", key(), path.settings().inactivity());
            dialog.bye(); // CHAT-10/20: inactivity ends the session; the XMPP user gets gone
            end(ChatState.gone);
        }, java.time.Duration.ofNanos(nanos));
    }

    /** Ends the session once; {@code toXmpp} is the chat state to tell the XMPP user, if any. */
    private void end(ChatState toXmpp) {
        if (state == State.ENDED) {
            return;
        }
        State was = state;
        state = State.ENDED;
        if (counted) {
            if (was == State.SETTING_UP && origin == Origin.XMPP) {
                path.stats().settingUpX2s.decrementAndGet();
            } else if (was == State.ACTIVE) {
                (origin == Origin.XMPP ? path.stats().activeX2s : path.stats().activeS2x).decrementAndGet();
            }
        }
        if (msrp != null) {
            msrp.close("chat session ended");
        }
        if (toXmpp != null && thread != null) {
            path.sendXmpp(ChatMessages.state(path.nextStanzaId(), sipUser, xmppUser, thread, toXmpp));
        }
        refuseQueue(LocalFailure.TRANSPORT.toXmpp("the chat session ended"), null);
        close();
    }

    @Override
    protected void onClose() {
        if (state != State.ENDED) {
            if (dialog != null) {
                dialog.bye();
            }
            end(null);
        }
    }

    private void refuseQueue(StanzaError err, String reason) {
        if (reason != null) {
            path.stats().failure(reason);
        }
        while (!queue.isEmpty()) {
            bounce(queue.poll(), err);
        }
    }

    private void bounce(Message m, StanzaError err) {
        path.sendXmpp(ErrorStanzas.bounce(m, err));
    }

    /** A map that forgets its oldest entries past {@code max}. */
    private static final class Bounded<K, V> extends LinkedHashMap<K, V> {
        private final int max;

        Bounded(int max) {
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> e) {
            return size() > max;
        }
    }
}
