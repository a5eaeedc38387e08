package org.stoxgw.core.chats;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.SessionKey;
import org.stoxgw.core.engine.SessionKind;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.core.routing.SpellingMemory;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.chat.ChatMessages;
import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.mapping.message.CallIds;
import org.stoxgw.mapping.message.ChatStates;
import org.stoxgw.mapping.message.ErrorStanzas;
import org.stoxgw.mapping.message.MessageIds;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.SipToXmppMessage;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.msrp.MsrpEndpoint;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * One-to-one chat sessions (RFC 7573), both directions: decides which XMPP chat messages go to
 * an MSRP session ({@link ChatMode} per SIP domain, AMB-C01), keeps one {@link ChatSession} per pair
 * of bare addresses (AMB-C02) in the engine's table ({@link SessionKind#CHAT}), takes INVITEs
 * with an MSRP offer (CHAT-11), and hands messages back to the page-mode path when a domain
 * refused MSRP (session-then-message).
 *
 * <p>Threading: entry points run on adapter threads and return at once. Thread-safe.
 */
public final class ChatPath implements org.stoxgw.core.routing.Router.ChatRoute {
    private static final Logger log = LoggerFactory.getLogger(ChatPath.class);

    /** Sends a message as a single SIP MESSAGE (the page-mode path). */
    public interface PageMode {
        void send(InboundStanza stanza);
    }

    /** The INVITE for a new X2S session, or why there is none. */
    record Invite(SipRequest request, StanzaError refusal) {
    }

    private final RoutingContext ctx;
    private final ChatSettings settings;
    private final MsrpEndpoint msrp;
    private final ChatSignaling signaling;
    private final PageMode pageMode;
    private final PayloadLimits limits;
    private final SpellingMemory spellings = new SpellingMemory(10_000);
    private final ChatStats stats = new ChatStats();
    /** SIP domains that refused MSRP lately → until when (nanoTime). */
    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();
    /** The InboundStanza each queued message came in, for the page-mode fallback. */
    private final Map<Message, InboundStanza> origins = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    private final AtomicLong counter = new AtomicLong();

    public ChatPath(RoutingContext ctx, ChatSettings settings, MsrpEndpoint msrp, ChatSignaling signaling,
                    PageMode pageMode, PayloadLimits limits) {
        this.ctx = ctx;
        this.settings = settings;
        this.msrp = msrp;
        this.signaling = signaling;
        this.pageMode = pageMode;
        this.limits = limits;
    }

    public ChatStats stats() {
        return stats;
    }

    // ------------------------------------------------------------------ XMPP -> SIP

    /**
     * Whether this path takes {@code inbound}: a {@code type='chat'} message that belongs to an
     * existing session, or whose SIP domain uses sessions and has not refused them lately.
     */
    @Override
    public boolean handles(InboundStanza inbound) {
        if (!(inbound.stanza() instanceof Message m) || m.getType() != Message.Type.chat || m.getFrom() == null
                || m.getTo() == null || ErrorStanzas.isBounce(m)) {
            return false;
        }
        if (ctx.engine().sessions().get(key(m.getFrom(), m.getTo())).isPresent()) {
            return true;
        }
        if (!(ChatMessages.toMsrp(m) instanceof ChatMessages.Text)) {
            return false; // a state or receipt alone opens no session
        }
        Optional<String> domain = sipDomainOf(m.getTo());
        if (domain.isEmpty() || settings.modeFor(domain.get()) == ChatMode.MESSAGE) {
            return false;
        }
        Long until = refusedUntil.get(domain.get());
        return until == null || System.nanoTime() - until > 0;
    }

    /** Takes a message {@link #handles} accepted. */
    @Override
    public void onStanza(InboundStanza inbound) {
        Message m = (Message) inbound.stanza();
        origins.put(m, inbound);
        Jid xmppUser = m.getFrom();
        Jid sipUser = m.getTo();
        boolean[] created = new boolean[1];
        Optional<ChatSession> s = ctx.engine().sessions().getOrCreate(key(xmppUser, sipUser), "xmpp:" + inbound.remoteDomain(),
                c -> {
                    created[0] = true;
                    return new ChatSession(c, this, ChatSession.Origin.XMPP, xmppUser, sipUser.asBareJid());
                });
        if (s.isEmpty() || (created[0] && sessionsFull())) {
            stats.failure("sessions-limit");
            s.ifPresent(org.stoxgw.core.engine.Session::close);
            sendXmpp(ErrorStanzas.bounce(m, LocalFailure.REFUSED.toXmpp("too many chat sessions")));
            return;
        }
        ChatSession session = s.get();
        session.execute(() -> {
            if (created[0]) {
                session.startFromXmpp(m);
            } else {
                session.fromXmpp(m);
            }
        });
    }

    private boolean sessionsFull() {
        return msrp.sessionCount() >= settings.maxSessions();
    }

    // ------------------------------------------------------------------ SIP -> XMPP

    /**
     * An INVITE for a gateway-served user. Returns false when it is not a chat (no
     * {@code m=message} MSRP section): another path (calls) takes it then.
     */
    public boolean onIncoming(ChatSignaling.Incoming in) {
        MsrpMedia.Parsed offer = MsrpMedia.parse(in.invite().body().content());
        if (offer.problem() == MsrpMedia.Problem.NO_MSRP) {
            return false;
        }
        if (!offer.ok() || !(offer.media().accepts("text/plain") || offer.media().accepts("message/cpim"))) {
            stats.failure("offer-" + (offer.ok() ? "types" : offer.problem().name().toLowerCase(Locale.ROOT)));
            in.reject(488, "Not Acceptable Here"); // MSRP-21
            return true;
        }
        SipRequest withGruu = SipToXmppMessage.withContactGruu(in.invite());
        Mapping<AddressMapper.XmppAddresses> a = ctx.addresses().sipRequestToXmpp(withGruu);
        if (!a.isOk()) {
            a = ctx.addresses().sipRequestToXmpp(in.invite());
        }
        if (a instanceof Mapping.Refused<AddressMapper.XmppAddresses> r) {
            in.reject(r.sipResponse().status(), r.sipResponse().reason());
            return true;
        }
        AddressMapper.XmppAddresses x = a.orElseThrow();
        if (sessionsFull()) {
            stats.failure("sessions-limit");
            in.reject(486, "Busy Here (too many chat sessions)");
            return true;
        }
        SessionKey key = key(x.to(), x.from());
        ctx.engine().sessions().get(key).ifPresent(org.stoxgw.core.engine.Session::close); // AMB-C02: the new dialog wins
        Optional<ChatSession> s = ctx.engine().sessions().getOrCreate(key, "sip:" + in.invite().from().uri(),
                c -> new ChatSession(c, this, ChatSession.Origin.SIP, x.to().asBareJid(), x.from()));
        if (s.isEmpty()) {
            in.reject(486, "Busy Here (too many sessions)");
            return true;
        }
        s.get().execute(() -> s.get().startFromSip(in, offer.media()));
        return true;
    }

    // ------------------------------------------------------------------ for the sessions

    /** The INVITE of an X2S session (C1, CHAT-04): Call-ID from the thread, the SDP offer as body. */
    Invite inviteFor(Message first, MsrpMedia local, String thread) {
        Mapping<AddressMapper.SipAddresses> a = ctx.addresses().xmppStanzaToSip(first.getFrom(), first.getTo(), UriScheme.SIP,
                spellings);
        if (a instanceof Mapping.Refused<AddressMapper.SipAddresses> r) {
            return new Invite(null, r.stanzaError());
        }
        AddressMapper.SipAddresses s = a.orElseThrow();
        String callId = thread != null ? CallIds.fromThread(thread) : ctx.sip().newCallId();
        SipHeaders h = SipHeaders.EMPTY;
        if (!settings.subject().isEmpty()) {
            h = h.with("Subject", settings.subject());
        }
        byte[] sdp = local.toSdp("-", System.currentTimeMillis(), 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // C1: From is the user's bare address of record; the resource (GRUU) is not put on it (AMB-C05)
        String from = s.from().toString();
        from = from.indexOf(';') > 0 ? from.substring(0, from.indexOf(';')) : from;
        SipRequest inv = new SipRequest("INVITE", s.to().toString(), NameAddress.of(from),
                NameAddress.of(s.to().toString()), callId, 1, h, SipBody.of("application/sdp", sdp));
        return new Invite(inv, null);
    }

    /** The SIP URI of {@code jid}, for CPIM From/To. */
    String sipUriOf(Jid jid) {
        Mapping<SipUri> m = ctx.addresses().xmppAddressToSip(jid.asBareJid(), UriScheme.SIP, spellings);
        return m.isOk() ? m.orElseThrow().toString() : "sip:" + jid.asBareJid();
    }

    boolean fallbackAllowed(Jid sipUser) {
        return sipDomainOf(sipUser).map(d -> settings.modeFor(d) == ChatMode.SESSION_THEN_MESSAGE).orElse(false);
    }

    void rememberRefusal(Jid sipUser) {
        if (!settings.refusalMemory().isZero()) {
            sipDomainOf(sipUser).ifPresent(d -> refusedUntil.put(d, System.nanoTime() + settings.refusalMemory().toNanos()));
        }
    }

    /** Sends {@code m} as a single SIP MESSAGE (RFC 7572). */
    void asMessage(Message m) {
        InboundStanza in = origins.remove(m);
        if (in == null) {
            in = new InboundStanza(m, m.getFrom().getDomain().toString(), m.getTo().getDomain().toString());
        }
        pageMode.send(in);
    }

    /** A message for a session that has just ended: it starts over (a new session or page mode). */
    void handBack(Message m) {
        InboundStanza in = origins.remove(m);
        InboundStanza again = in != null ? in : new InboundStanza(m, m.getFrom().getDomain().toString(),
                m.getTo().getDomain().toString());
        if (handles(again)) {
            onStanza(again);
        } else {
            pageMode.send(again);
        }
    }

    void sendXmpp(Stanza s) {
        ctx.xmpp().send(s).whenComplete((o, e) -> {
            if (!(o instanceof XmppOutcome.Sent)) {
                log.debug("chat stanza to {} not delivered: {}", s.getTo(), e != null ? e : o);
            }
        });
    }

    String nextStanzaId() {
        return MessageIds.stanzaId("c" + run + Long.toString(counter.incrementAndGet(), 36));
    }

    ChatSettings settings() {
        return settings;
    }

    MsrpEndpoint msrp() {
        return msrp;
    }

    ChatSignaling signaling() {
        return signaling;
    }

    AddressMapper addresses() {
        return ctx.addresses();
    }

    PayloadLimits payloadLimits() {
        return limits;
    }

    private static SessionKey key(Jid xmppUser, Jid sipUser) {
        return new SessionKey(SessionKind.CHAT, xmppUser.asBareJid() + "|" + sipUser.asBareJid());
    }

    private Optional<String> sipDomainOf(Jid sipUserJid) {
        Mapping<SipUri> m = ctx.addresses().xmppAddressToSip(sipUserJid.asBareJid(), UriScheme.SIP, spellings);
        return m.isOk() ? Optional.of(m.orElseThrow().host().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static boolean isChatState(Message m) {
        return ChatStates.of(m).isPresent();
    }
}
