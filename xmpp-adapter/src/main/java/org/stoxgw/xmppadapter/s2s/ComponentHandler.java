package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stream.Namespaces;
import org.stoxgw.xmppadapter.stream.StreamElements;
import org.stoxgw.xmppadapter.stream.StreamErrorCondition;
import org.stoxgw.xmppadapter.stream.StreamOpen;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/**
 * The gateway as an external component (XEP-0114) of the operator's XMPP server, for one gateway
 * domain: stream header in {@code jabber:component:accept}, handshake
 * {@code hex(SHA-1(streamId + secret))}, then stanzas both ways on the one stream. The server is
 * trusted for 'from' addresses; stanzas must be addressed to this component's domain. Threading: the
 * channel's event loop (the component link's).
 */
final class ComponentHandler extends LinkStreamHandler {
    private final XmppRuntime rt;
    private final String domain;
    private final StreamListener<? super ComponentHandler> listener;
    private boolean ready;
    private boolean reported;
    private ScheduledFuture<?> negotiationTimer;

    ComponentHandler(XmppRuntime rt, XmppStreamDecoder decoder, String domain, StreamListener<? super ComponentHandler> listener) {
        super(rt, decoder);
        this.rt = rt;
        this.domain = domain;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        setPeer(domain);
        negotiationTimer = ctx.executor().schedule(() -> fail("no handshake within "
                + rt.settings.timeouts().negotiation().toSeconds() + "s"),
                rt.settings.timeouts().negotiation().toMillis(), TimeUnit.MILLISECONDS);
        sendHeader(StreamElements.header(Namespaces.COMPONENT, false, null, domain, null, false));
        ctx.flush();
    }

    @Override
    protected void onStreamOpen(StreamOpen o) {
        if (!o.isStreamElement() || !Namespaces.COMPONENT.equals(o.contentNamespace()) || o.id() == null) {
            streamError(StreamErrorCondition.INVALID_NAMESPACE, "expected a jabber:component:accept stream with an id");
            fail("the XMPP server did not open a component stream");
            return;
        }
        write("<handshake>" + handshake(o.id(), rt.settings.componentSecret()) + "</handshake>", "<handshake>(hidden)</handshake>");
        ctx.flush();
    }

    static String handshake(String streamId, String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest((streamId + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void onFrame(XmlFrame f) {
        if (f.is("handshake", Namespaces.COMPONENT) && !ready) {
            ready = true;
            reported = true;
            negotiationTimer.cancel(false);
            markStanza();
            listener.ready(this);
        } else if (f.stanza() && !ready) {
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "stanza before the handshake");
        } else if (f.stanza()) {
            String from = Jids.domainOf(f.from());
            String to = Jids.domainOf(f.to());
            if (from == null || to == null) {
                streamError(StreamErrorCondition.IMPROPER_ADDRESSING, "stanzas need valid 'to' and 'from'");
            } else if (!to.equals(domain)) {
                streamError(StreamErrorCondition.HOST_UNKNOWN, "this component serves " + domain + ", not " + to);
            } else {
                markStanza();
                rt.dispatcher.dispatch(f, from, to);
            }
        }
    }

    private void fail(String detail) {
        if (reported) {
            return;
        }
        reported = true;
        listener.failed(new ConnectFailure(false, false, detail));
        ctx.close();
    }

    /** A ping to our own domain: the server routes it back to us once it has processed what came before. */
    @Override
    protected String probeFrom() {
        return domain;
    }

    @Override
    protected String probeTo() {
        return domain;
    }

    @Override
    public String auth() {
        return ready ? "component-handshake" : "";
    }

    @Override
    public String tlsState() {
        return "none";
    }

    @Override
    protected void onIdle() {
        if (ready) {
            listener.idle(this);
        }
    }

    @Override
    protected String headerForError() {
        return StreamElements.header(Namespaces.COMPONENT, false, null, domain, null, false);
    }

    @Override
    protected void onRefused(StreamErrorCondition condition, String text) {
        fail("the XMPP server refused the component: " + condition.elementName() + (text.isEmpty() ? "" : " (" + text + ")"));
    }

    @Override
    protected void onClosed() {
        if (negotiationTimer != null) {
            negotiationTimer.cancel(false);
        }
        if (!reported) {
            fail("connection closed during the handshake");
        } else if (ready) {
            listener.closed(this);
        }
    }
}
