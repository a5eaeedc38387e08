package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.xmppadapter.LinkInfo;
import org.stoxgw.xmppadapter.XmppSettings;
import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stream.Namespaces;
import org.stoxgw.xmppadapter.stream.StreamElements;
import org.stoxgw.xmppadapter.stream.StreamErrorCondition;
import org.stoxgw.xmppadapter.stream.StreamOpen;
import org.stoxgw.xmppadapter.stream.XmlElement;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;
import org.stoxgw.xmppadapter.stream.XmppStreamHandler;
import org.stoxgw.xmppadapter.tls.TlsContexts;

/**
 * A stream a remote server opened to the gateway (RFC 6120 §4, the receiving entity): it answers the
 * header, offers STARTTLS, SASL EXTERNAL (only when the peer's certificate is valid for the domain it
 * claims, XEP-0178) and dialback (XEP-0220, with errors), verifies dialback keys with the remote
 * domain's authoritative server, answers {@code db:verify} for keys the gateway issued (authoritative
 * role), and then accepts stanzas whose 'from' domain is authenticated on this stream and whose 'to'
 * is the gateway domain it was authenticated for; anything else ends the stream with the RFC 6120
 * stream error (improper-addressing, invalid-from, host-unknown, not-authorized, policy-violation).
 *
 * <p>Threading: the channel's event loop. Limits: inbound streams in total and per claimed domain,
 * dialback verifications in progress, negotiation time, idle time (gateway.xmpp.limits/timeouts).
 */
public final class InboundS2sHandler extends XmppStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(InboundS2sHandler.class);
    private static final int MAX_SASL_ATTEMPTS = 2;

    private final XmppRuntime rt;
    private final boolean directTls;
    private final Map<String, Set<String>> authenticated = new ConcurrentHashMap<>(2);
    private String streamId;
    private String localDomain;
    private String claimedDomain;
    private boolean counted;
    private boolean headerSeen;
    private boolean tls;
    private SslHandler ssl;
    private List<X509Certificate> peerChain = List.of();
    private TlsContexts.Verification verification;
    private String verifiedFor;
    private List<X509Certificate> verifiedChain;
    private boolean saslDone;
    private int saslFailures;
    private int pendingDialbacks;
    private String authMethod = "";
    private long stanzasIn;
    private ScheduledFuture<?> negotiationTimer;

    public InboundS2sHandler(XmppRuntime rt, XmppStreamDecoder decoder, boolean directTls) {
        super(decoder, rt.shared.wireLog(), rt.settings.timeouts().idle(), rt.closeWait());
        this.rt = rt;
        this.directTls = directTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        setPeer(String.valueOf(ctx.channel().remoteAddress()));
        if (!rt.inbound.add(this)) {
            streamError(StreamErrorCondition.POLICY_VIOLATION, "too many inbound streams");
            return;
        }
        counted = true;
        if (directTls) {
            ssl = ctx.pipeline().get(SslHandler.class);
            ssl.handshakeFuture().addListener(f -> tlsEstablished(f.isSuccess()));
        }
        scheduleNegotiationTimeout();
    }

    /** Unauthenticated streams end after the negotiation time (extended while a dialback check runs). */
    private void scheduleNegotiationTimeout() {
        negotiationTimer = ctx.executor().schedule(() -> {
            if (!authenticated.isEmpty()) {
                return;
            }
            if (pendingDialbacks > 0) {
                scheduleNegotiationTimeout();
            } else {
                streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "not authenticated within "
                        + rt.settings.timeouts().negotiation().toSeconds() + "s");
            }
        }, rt.settings.timeouts().negotiation().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tlsEstablished(boolean ok) {
        if (ok) {
            tls = true;
            peerChain = TlsContexts.peerChain(ssl);
        } else {
            ctx.close();
        }
    }

    @Override
    protected void onStreamOpen(StreamOpen o) {
        if (!o.isStreamElement() || !Namespaces.SERVER.equals(o.contentNamespace())) {
            streamError(StreamErrorCondition.INVALID_NAMESPACE, "expected a jabber:server stream");
            return;
        }
        if (o.majorVersion() > 1) {
            streamError(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 is supported");
            return;
        }
        String to = o.to() == null ? null : Jids.normalizeDomain(o.to());
        String from = o.from() == null ? null : Jids.normalizeDomain(o.from());
        if (o.to() != null && to == null || o.from() != null && from == null) {
            streamError(StreamErrorCondition.IMPROPER_ADDRESSING, "invalid 'to' or 'from' in the stream header");
            return;
        }
        if (headerSeen && (!Objects.equals(to, localDomain) || !Objects.equals(from, claimedDomain))) {
            streamError(StreamErrorCondition.IMPROPER_ADDRESSING, "'to'/'from' changed on stream restart");
            return;
        }
        if (!headerSeen) {
            headerSeen = true;
            localDomain = to;
            if (from != null) {
                setPeer(from);
                if (rt.serves(from)) {
                    streamError(StreamErrorCondition.INVALID_FROM, from + " is served by this gateway");
                    return;
                }
                if (!rt.settings.remoteDomains().permits(from)) {
                    streamError(StreamErrorCondition.POLICY_VIOLATION, from + " may not federate with this gateway");
                    return;
                }
                if (!rt.inbound.claim(from)) {
                    streamError(StreamErrorCondition.POLICY_VIOLATION, "too many streams from " + from);
                    return;
                }
                claimedDomain = from;
            }
        }
        if (to != null && !rt.serves(to)) {
            streamError(StreamErrorCondition.HOST_UNKNOWN, "this gateway does not serve " + to);
            return;
        }
        streamId = rt.newId();
        boolean v1 = o.majorVersion() >= 1;
        sendHeader(StreamElements.header(Namespaces.SERVER, true, to, from, streamId, v1));
        if (v1) {
            write(features(), null);
        }
        ctx.flush();
    }

    private String features() {
        StringBuilder b = new StringBuilder(300).append("<stream:features>");
        boolean tlsRequired = rt.settings.tls() == XmppSettings.TlsPolicy.REQUIRED;
        if (!tls && rt.tls.haveCertificate()) {
            b.append("<starttls xmlns='").append(Namespaces.TLS).append("'>")
                    .append(tlsRequired ? "<required/>" : "").append("</starttls>");
        }
        if (!saslDone && (tls || !tlsRequired)) {
            if (tls && claimedDomain != null && verify(claimedDomain).valid()) {
                b.append("<mechanisms xmlns='").append(Namespaces.SASL).append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
            }
            if (dialbackPermitted()) {
                b.append("<dialback xmlns='").append(Namespaces.DIALBACK_FEATURE).append("'><errors/></dialback>");
            }
        }
        return b.append("</stream:features>").toString();
    }

    private boolean dialbackPermitted() {
        return rt.settings.auth() == XmppSettings.AuthPolicy.DIALBACK_ALLOWED;
    }

    private TlsContexts.Verification verify(String domain) {
        if (verification == null || !domain.equals(verifiedFor) || verifiedChain != peerChain) {
            verification = rt.tls.verify(peerChain, domain);
            verifiedFor = domain;
            verifiedChain = peerChain;
        }
        return verification;
    }

    @Override
    protected void onFrame(XmlFrame f) {
        if (f.stanza()) {
            onStanza(f);
        } else if (f.is("starttls", Namespaces.TLS)) {
            startTls();
        } else if (f.is("auth", Namespaces.SASL)) {
            saslAuth(f.element());
        } else if (f.is("result", Namespaces.DIALBACK) && f.type() == null) {
            dialbackRequest(f);
        } else if (f.is("verify", Namespaces.DIALBACK) && f.type() == null) {
            DialbackAuthority.answer(rt, this, f);
        } else if (f.namespace().equals(Namespaces.DIALBACK)) {
            log.debug("ignoring {} type={} from {} on an inbound stream", f.name(), f.type(), peer());
        } else {
            streamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected <" + f.name() + "/>");
        }
    }

    private void startTls() {
        if (tls || !rt.tls.haveCertificate()) {
            writeAndFlush("<failure xmlns='" + Namespaces.TLS + "'/>" + StreamElements.CLOSE);
            ctx.close();
            return;
        }
        ssl = rt.tls.newServerHandler(ctx.alloc(), true);
        ctx.pipeline().addFirst("tls", ssl);
        // StartTLS mode: this first write still goes out in clear text (RFC 6120 §5.4.2.3).
        writeAndFlush("<proceed xmlns='" + Namespaces.TLS + "'/>");
        decoder.restart();
        ssl.handshakeFuture().addListener(f -> tlsEstablished(f.isSuccess()));
    }

    /** SASL EXTERNAL for servers (RFC 6120 §6, XEP-0178 §3). */
    private void saslAuth(XmlElement auth) {
        String failure = null;
        String text = auth.text().trim();
        String authzid = null;
        if (!"EXTERNAL".equals(auth.attribute("mechanism"))) {
            failure = "invalid-mechanism";
        } else if (!tls || saslDone || claimedDomain == null) {
            failure = "not-authorized";
        } else {
            try {
                authzid = text.isEmpty() || text.equals("=") ? "" : new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                failure = "incorrect-encoding";
            }
            if (failure == null && !authzid.isEmpty() && !authzid.equals(claimedDomain)) {
                failure = "invalid-authzid";
            } else if (failure == null && !verify(claimedDomain).valid()) {
                failure = "not-authorized";
            }
        }
        if (failure != null) {
            rt.counters.inboundAuthFailures.increment();
            log.info("SASL EXTERNAL from {} refused: {} ({})", claimedDomain, failure,
                    verification == null ? "no TLS" : verification.detail());
            writeAndFlush("<failure xmlns='" + Namespaces.SASL + "'><" + failure + "/></failure>");
            if (++saslFailures >= MAX_SASL_ATTEMPTS && !dialbackPermitted()) {
                streamError(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts");
            }
            return;
        }
        writeAndFlush("<success xmlns='" + Namespaces.SASL + "'/>");
        saslDone = true;
        authenticate(claimedDomain, localDomain, "sasl-external");
        rt.counters.inboundAuthSaslExternal.increment();
        decoder.restart();
    }

    /** The Receiving Server's side of dialback (XEP-0220 §2.2). */
    private void dialbackRequest(XmlFrame f) {
        String from = Jids.normalizeDomain(f.from());
        String to = Jids.normalizeDomain(f.to());
        String key = f.element().text().trim();
        if (from == null || to == null) {
            streamError(StreamErrorCondition.IMPROPER_ADDRESSING, "db:result needs 'from' and 'to'");
            return;
        }
        if (rt.settings.tls() == XmppSettings.TlsPolicy.REQUIRED && !tls) {
            streamError(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS is required before authentication");
            return;
        }
        String condition = null;
        if (!rt.serves(to)) {
            condition = "item-not-found";
        } else if (rt.serves(from) || !rt.settings.remoteDomains().permits(from)) {
            condition = "forbidden";
        } else if (!dialbackPermitted()) {
            condition = "policy-violation";
        } else if (pendingDialbacks >= rt.settings.limits().dialbackPending()) {
            condition = "resource-constraint";
        }
        if (condition != null) {
            rt.counters.inboundAuthFailures.increment();
            writeAndFlush(StreamElements.dialbackError("result", to, from, null, "cancel", condition));
            return;
        }
        if (claimedDomain == null) {
            setPeer(from);
        }
        pendingDialbacks++;
        String id = streamId;
        rt.verifier.verify(ctx.channel().eventLoop(), to, from, id, key)
                .addListener((Future<DialbackVerifier.Result> r) -> dialbackVerified(from, to, r.getNow()));
    }

    private void dialbackVerified(String from, String to, DialbackVerifier.Result result) {
        pendingDialbacks--;
        if (isClosing()) {
            return;
        }
        switch (result.outcome()) {
            case VALID -> {
                writeAndFlush(StreamElements.dialback("result", to, from, null, "valid", null));
                authenticate(from, to, "dialback");
                rt.counters.inboundAuthDialback.increment();
            }
            case INVALID -> {
                rt.counters.inboundAuthFailures.increment();
                log.warn("dialback key of {} rejected by its authoritative server: someone may be spoofing it", from);
                writeAndFlush(StreamElements.dialback("result", to, from, null, "invalid", null));
                if (authenticated.isEmpty()) {
                    streamError(StreamErrorCondition.NOT_AUTHORIZED, "dialback key not valid");
                }
            }
            default -> {
                rt.counters.inboundAuthFailures.increment();
                log.info("dialback for {} not verified: {}", from, result.detail());
                writeAndFlush(StreamElements.dialbackError("result", to, from, null, "cancel",
                        result.notFound() ? "remote-server-not-found" : "remote-server-timeout"));
            }
        }
    }

    private void authenticate(String remote, String local, String method) {
        authenticated.computeIfAbsent(remote, r -> ConcurrentHashMap.newKeySet(2)).add(local);
        authMethod = method;
        if (negotiationTimer != null) {
            negotiationTimer.cancel(false);
        }
        log.info("inbound stream from {} to {} authenticated by {}, {}", remote, local, method, tlsState());
    }

    /** RFC 6120 §8.1.1.2/§8.1.2.2 on S2S: 'to' and 'from' present and valid; 'from' authenticated for 'to'. */
    private void onStanza(XmlFrame f) {
        if (authenticated.isEmpty()) {
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "stanza before authentication");
            return;
        }
        String from = Jids.domainOf(f.from());
        String to = Jids.domainOf(f.to());
        if (from == null || to == null) {
            streamError(StreamErrorCondition.IMPROPER_ADDRESSING, "stanzas between servers need valid 'to' and 'from'");
            return;
        }
        Set<String> locals = authenticated.get(from);
        if (locals == null) {
            streamError(StreamErrorCondition.INVALID_FROM, from + " is not authenticated on this stream");
            return;
        }
        if (!rt.serves(to)) {
            streamError(StreamErrorCondition.HOST_UNKNOWN, "this gateway does not serve " + to);
            return;
        }
        if (!locals.contains(to)) {
            streamError(StreamErrorCondition.INVALID_FROM, from + " is not authenticated for " + to);
            return;
        }
        markStanza();
        stanzasIn++;
        rt.dispatcher.dispatch(f, from, to);
    }

    /** Writes an answer from the authoritative role (XEP-0220 §2.3). */
    void answerVerify(String xml, String logForm) {
        write(xml, logForm);
        ctx.flush();
    }

    @Override
    protected String headerForError() {
        return StreamElements.header(Namespaces.SERVER, true, rt.serves(localDomain) ? localDomain : null, null,
                streamId != null ? streamId : rt.newId(), true);
    }

    @Override
    protected void onStreamErrorSent(StreamErrorCondition condition) {
        rt.counters.streamErrorsSent.increment();
    }

    @Override
    protected void onStreamErrorReceived(StreamErrorCondition condition, String text) {
        rt.counters.streamErrorsReceived.increment();
    }

    @Override
    protected void onClosed() {
        if (negotiationTimer != null) {
            negotiationTimer.cancel(false);
        }
        if (counted) {
            rt.inbound.remove(this, claimedDomain);
        }
    }

    /** Graceful close requested from another thread (adapter stop). */
    void closeFromOutside() {
        ctx.executor().execute(this::closeGracefully);
    }

    String tlsState() {
        if (!tls) {
            return "none";
        }
        return claimedDomain != null && !peerChain.isEmpty() && verify(claimedDomain).valid() ? "tls-verified" : "tls";
    }

    /** Snapshot for JMX; called from any thread (reads are racy but harmless for monitoring). */
    List<LinkInfo> infos() {
        List<LinkInfo> out = new ArrayList<>();
        String state = authenticated.isEmpty() ? "NEGOTIATING" : "AUTHENTICATED";
        String tlsText = tls ? (verification != null && verification.valid() ? "tls-verified" : "tls") : "none";
        if (authenticated.isEmpty()) {
            out.add(new LinkInfo("in", String.valueOf(localDomain), String.valueOf(claimedDomain), state, "", tlsText,
                    stanzasIn, 0, 0, ""));
        }
        for (Map.Entry<String, Set<String>> e : authenticated.entrySet()) {
            for (String local : e.getValue()) {
                out.add(new LinkInfo("in", local, e.getKey(), state, authMethod, tlsText, stanzasIn, 0, 0, ""));
            }
        }
        return out;
    }
}
