package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.xmppadapter.XmppSettings;
import org.stoxgw.xmppadapter.dns.Endpoint;
import org.stoxgw.xmppadapter.stream.Namespaces;
import org.stoxgw.xmppadapter.stream.StreamElements;
import org.stoxgw.xmppadapter.stream.StreamErrorCondition;
import org.stoxgw.xmppadapter.stream.StreamOpen;
import org.stoxgw.xmppadapter.stream.XmlElement;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;
import org.stoxgw.xmppadapter.tls.TlsContexts;

/**
 * A stream the gateway opens to a remote server (RFC 6120, the initiating entity): header, STARTTLS
 * whenever offered (or direct TLS, XEP-0368), a check of the server's certificate against its domain
 * (XEP-0178; mandatory under {@code certificates-required}), then SASL EXTERNAL when offered and the
 * gateway has a certificate, otherwise dialback as Originating Server (XEP-0220 §2.1) with a
 * XEP-0185 key. For {@link Purpose#VERIFY} it stops after TLS and lets a {@link DialbackVerifier}
 * send {@code db:verify} (Receiving Server asking the Authoritative Server).
 *
 * <p>Reports to its {@link StreamListener} once: {@code ready} or {@code failed}; after ready, {@code closed}
 * when the connection ends. Threading: the channel's event loop (the link's). Limit: negotiation time.
 */
final class OutboundS2sHandler extends LinkStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(OutboundS2sHandler.class);

    enum Purpose { LINK, VERIFY }

    private enum Step { CONNECTED, AWAIT_HEADER, AWAIT_FEATURES, AWAIT_PROCEED, AWAIT_SASL, AWAIT_DIALBACK, READY }

    private final XmppRuntime rt;
    private final String local;
    private final String remote;
    private final Purpose purpose;
    private final Endpoint endpoint;
    private final StreamListener<? super OutboundS2sHandler> listener;
    private Step step = Step.CONNECTED;
    private String streamId;
    private boolean dialbackDeclared;
    private boolean tls;
    private TlsContexts.Verification verification;
    private boolean saslDone;
    private boolean reported;
    private String auth = "";
    private String lastError = "";
    private ScheduledFuture<?> negotiationTimer;

    OutboundS2sHandler(XmppRuntime rt, XmppStreamDecoder decoder, String local, String remote, Purpose purpose,
                       Endpoint endpoint, StreamListener<? super OutboundS2sHandler> listener) {
        super(rt, decoder);
        this.rt = rt;
        this.local = local;
        this.remote = remote;
        this.purpose = purpose;
        this.endpoint = endpoint;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        setPeer(remote);
        negotiationTimer = ctx.executor().schedule(() -> fail("no authenticated stream within "
                + rt.settings.timeouts().negotiation().toSeconds() + "s (stuck at " + step + ")"),
                rt.settings.timeouts().negotiation().toMillis(), TimeUnit.MILLISECONDS);
        if (endpoint.directTls()) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            ssl.handshakeFuture().addListener(f -> tlsDone(ssl, f.cause()));
        } else {
            openStream();
        }
    }

    private void openStream() {
        step = Step.AWAIT_HEADER;
        sendHeader(StreamElements.header(Namespaces.SERVER, true, local, remote, null, true));
        ctx.flush();
    }

    @Override
    protected void onStreamOpen(StreamOpen o) {
        if (!o.isStreamElement() || !Namespaces.SERVER.equals(o.contentNamespace())) {
            streamError(StreamErrorCondition.INVALID_NAMESPACE, "expected a jabber:server stream");
            fail(remote + " answered with a stream that is not jabber:server");
            return;
        }
        streamId = o.id();
        dialbackDeclared = o.dialbackDeclared();
        if (o.majorVersion() < 1) {
            // A pre-RFC 3920 server sends no features: dialback right away (XEP-0220 §2.1).
            authenticateOrVerify(null);
        } else {
            step = Step.AWAIT_FEATURES;
        }
    }

    @Override
    protected void onFrame(XmlFrame f) {
        if (f.is("features", Namespaces.STREAM) && step == Step.AWAIT_FEATURES) {
            onFeatures(f.element());
        } else if (f.is("proceed", Namespaces.TLS) && step == Step.AWAIT_PROCEED) {
            startTls();
        } else if (f.is("failure", Namespaces.TLS)) {
            fail("STARTTLS failed at " + remote);
        } else if (f.is("success", Namespaces.SASL) && step == Step.AWAIT_SASL) {
            saslDone = true;
            auth = "sasl-external";
            decoder.restart();
            openStream();
        } else if (f.is("failure", Namespaces.SASL) && step == Step.AWAIT_SASL) {
            log.info("SASL EXTERNAL refused by {}: {}", remote, f.xml());
            if (dialbackUsable()) {
                sendDialback();
            } else {
                fail("SASL EXTERNAL refused by " + remote + " and no dialback offered");
            }
        } else if (f.is("result", Namespaces.DIALBACK) && step == Step.AWAIT_DIALBACK && f.type() != null) {
            dialbackResult(f);
        } else if (step == Step.READY && !f.stanza()) {
            listener.frame(this, f);
        } else if (f.stanza()) {
            // RFC 6120 streams are unidirectional unless XEP-0288 is negotiated, which we do not offer.
            streamError(StreamErrorCondition.POLICY_VIOLATION, "stanzas are not accepted on this stream");
        } else {
            log.debug("ignoring {} from {} at {}", f.xml(), remote, step);
        }
    }

    private void onFeatures(XmlElement features) {
        if (!tls && features.child("starttls", Namespaces.TLS) != null) {
            step = Step.AWAIT_PROCEED;
            writeAndFlush("<starttls xmlns='" + Namespaces.TLS + "'/>");
            return;
        }
        if (!tls && rt.settings.tls() == XmppSettings.TlsPolicy.REQUIRED) {
            fail(remote + " offers no STARTTLS and gateway.xmpp.security.tls is required");
            return;
        }
        if (rt.settings.auth() == XmppSettings.AuthPolicy.CERTIFICATES_REQUIRED
                && (verification == null || !verification.valid())) {
            fail("certificate of " + remote + " is not acceptable: "
                    + (verification == null ? "no TLS" : verification.detail()));
            return;
        }
        dialbackDeclared |= features.child("dialback", Namespaces.DIALBACK_FEATURE) != null;
        if (saslDone) {
            becomeReady();
            return;
        }
        authenticateOrVerify(features.child("mechanisms", Namespaces.SASL));
    }

    private void authenticateOrVerify(XmlElement mechanisms) {
        if (purpose == Purpose.VERIFY) {
            becomeReady();
        } else if (tls && rt.tls.haveCertificate() && offersExternal(mechanisms)) {
            step = Step.AWAIT_SASL;
            // The authorization identity is empty: it is the stream's 'from' (XEP-0178 §3).
            writeAndFlush("<auth xmlns='" + Namespaces.SASL + "' mechanism='EXTERNAL'>=</auth>");
        } else if (dialbackUsable()) {
            sendDialback();
        } else {
            fail(remote + " offers neither SASL EXTERNAL (for our certificate) nor dialback");
        }
    }

    private static boolean offersExternal(XmlElement mechanisms) {
        if (mechanisms == null) {
            return false;
        }
        for (XmlElement m : mechanisms.children()) {
            if (m.name().equals("mechanism") && m.text().trim().equals("EXTERNAL")) {
                return true;
            }
        }
        return false;
    }

    private boolean dialbackUsable() {
        return dialbackDeclared && streamId != null;
    }

    private void sendDialback() {
        step = Step.AWAIT_DIALBACK;
        String key = rt.keys.key(remote, local, streamId);
        write(StreamElements.dialback("result", local, remote, null, null, key),
                "<db:result from='" + local + "' to='" + remote + "'>(key hidden)</db:result>");
        ctx.flush();
    }

    private void dialbackResult(XmlFrame f) {
        if (!remote.equals(f.from()) || !local.equals(f.to())) {
            log.debug("dialback result for another pair ({} -> {}) from {}", f.to(), f.from(), remote);
            return;
        }
        if ("valid".equals(f.type())) {
            auth = "dialback";
            becomeReady();
        } else {
            String condition = "";
            for (XmlElement e : f.element().children()) {
                XmlElement c = e.name().equals("error") ? e.firstChildIn(Namespaces.STANZAS) : null;
                condition = c == null ? condition : " " + c.name();
            }
            fail(remote + " refused our dialback key (" + f.type() + condition + ")");
        }
    }

    private void startTls() {
        SslHandler ssl = rt.tls.newClientHandler(ctx.alloc(), remote, endpoint.address().getPort());
        ctx.pipeline().addFirst("tls", ssl);
        decoder.restart();
        ssl.handshakeFuture().addListener(f -> tlsDone(ssl, f.cause()));
    }

    private void tlsDone(SslHandler ssl, Throwable cause) {
        if (cause != null) {
            fail("TLS with " + remote + " failed: " + rootMessage(cause));
            return;
        }
        tls = true;
        verification = rt.tls.verify(TlsContexts.peerChain(ssl), remote);
        log.debug("TLS with {}: certificate {}", remote, verification.detail());
        openStream();
    }

    private void becomeReady() {
        step = Step.READY;
        if (negotiationTimer != null) {
            negotiationTimer.cancel(false);
        }
        if (!reported) {
            reported = true;
            markStanza();
            if (purpose == Purpose.LINK) {
                log.info("outbound link {} -> {} authenticated by {}, {} ({})", local, remote, auth, tlsState(), endpoint.via());
            }
            listener.ready(this);
        }
    }

    private void fail(String detail) {
        if (reported) {
            return;
        }
        reported = true;
        lastError = detail;
        if (negotiationTimer != null) {
            negotiationTimer.cancel(false);
        }
        log.info("{} stream {} -> {} ({}) failed: {}", purpose == Purpose.LINK ? "outbound" : "dialback verification",
                local, remote, endpoint.address(), detail);
        listener.failed(new ConnectFailure(false, false, detail));
        if (ctx.channel().isActive()) {
            closeGracefully();
        }
    }

    /** Writes a frame on a ready stream (dialback verification requests). */
    void send(String xml, String logForm) {
        write(xml, logForm);
        ctx.flush();
    }

    /** From the link's local domain to the remote one. */
    @Override
    protected String probeFrom() {
        return local;
    }

    @Override
    protected String probeTo() {
        return remote;
    }

    @Override
    public String auth() {
        return auth;
    }

    @Override
    public String tlsState() {
        return !tls ? "none" : verification != null && verification.valid() ? "tls-verified" : "tls";
    }

    String lastError() {
        return lastError;
    }

    @Override
    protected void onIdle() {
        if (step == Step.READY) {
            listener.idle(this);
        }
    }

    @Override
    protected String headerForError() {
        return StreamElements.header(Namespaces.SERVER, true, local, remote, null, true);
    }

    @Override
    protected void onRefused(StreamErrorCondition condition, String text) {
        lastError = "stream error " + condition.elementName() + (text.isEmpty() ? "" : " (" + text + ")");
        fail(lastError);
    }

    @Override
    protected void onClosed() {
        if (negotiationTimer != null) {
            negotiationTimer.cancel(false);
        }
        if (!reported) {
            fail("connection to " + endpoint.address() + " closed during negotiation");
        } else if (step == Step.READY) {
            listener.closed(this);
        }
    }
}
