package org.stoxgw.xmppadapter.stream;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.WireLogSettings;

/**
 * What every XMPP stream of the gateway shares: it receives the decoder's {@link StreamEvent}s,
 * writes UTF-8 text, answers faults with a stream error and closes (RFC 6120 §4.9.1.1), closes
 * gracefully with {@code </stream:stream>} and waits for the peer's closing tag (RFC 6120 §4.4),
 * writes whitespace keepalives when an {@code IdleStateHandler} reports the writer idle, closes
 * streams without stanzas for the idle time, and logs the wire when switched on for the peer.
 *
 * <p>Threading: everything runs on the channel's event loop; subclasses keep their state unsynchronised.
 */
public abstract class XmppStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger WIRE = LoggerFactory.getLogger("stoxgw.wire.xmpp");
    private static final Logger log = LoggerFactory.getLogger(XmppStreamHandler.class);

    protected final XmppStreamDecoder decoder;
    private final WireLogSettings wireSettings;
    private final Duration idle;
    private final Duration closeWait;
    protected ChannelHandlerContext ctx;
    private String peer = "?";
    private boolean wire;
    private boolean headerSent;
    private boolean closing;
    private boolean errorSent;
    private long lastStanzaNanos = System.nanoTime();
    private ScheduledFuture<?> idleCheck;

    protected XmppStreamHandler(XmppStreamDecoder decoder, WireLogSettings wireSettings, Duration idle, Duration closeWait) {
        this.decoder = decoder;
        this.wireSettings = wireSettings;
        this.idle = idle;
        this.closeWait = closeWait;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        scheduleIdleCheck(idle.toNanos());
        super.channelActive(ctx);
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof XmlFrame f) {
            if (wire) {
                WIRE.info("IN  {} {}", peer, redacted(f));
            }
            if (f.is("error", Namespaces.STREAM)) {
                streamErrorReceived(f.element());
            } else if (!closing || f.stanza()) {
                onFrame(f);
            }
        } else if (msg instanceof StreamOpen o) {
            if (wire) {
                WIRE.info("IN  {} {}", peer, o.describe());
            }
            onStreamOpen(o);
        } else if (msg instanceof StreamEnd) {
            if (wire) {
                WIRE.info("IN  {} {}", peer, StreamElements.CLOSE);
            }
            if (!closing) {
                closing = true;
                onPeerClosing();
                writeAndFlush(StreamElements.CLOSE);
            }
            ctx.close();
        } else if (msg instanceof StreamFault f) {
            log.info("stream from {} ({}): {} {}", peer, ctx.channel().remoteAddress(), f.condition().elementName(), f.text());
            streamError(f.condition(), f.text());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The peer's stream header (first and after each restart). */
    protected abstract void onStreamOpen(StreamOpen open);

    /** A first-level element other than a stream error. */
    protected abstract void onFrame(XmlFrame frame);

    /** The header to send before a stream error when none was sent yet (RFC 6120 §4.9.1.1). */
    protected abstract String headerForError();

    /** The connection is gone; release whatever depends on it. */
    protected abstract void onClosed();

    /** The peer closed its stream or failed it; no more stanzas will come. Default: nothing. */
    protected void onPeerClosing() {
    }

    /** A stream error was sent (for counters). */
    protected void onStreamErrorSent(StreamErrorCondition condition) {
    }

    /** A stream error was received (for counters). */
    protected void onStreamErrorReceived(StreamErrorCondition condition, String text) {
    }

    /** No stanza in either direction for the idle time. Default: close gracefully. */
    protected void onIdle() {
        log.debug("closing idle stream with {}", peer);
        closeGracefully();
    }

    /** Names the remote domain once known: switches wire logging for it. */
    protected final void setPeer(String domain) {
        this.peer = domain;
        this.wire = wireSettings.xmppFor(domain);
    }

    protected final String peer() {
        return peer;
    }

    protected final boolean wireLogging() {
        return wire;
    }

    /** Sends our stream header. */
    protected final void sendHeader(String header) {
        headerSent = true;
        write(header, null);
    }

    /** Writes {@code xml} without flushing; {@code logForm} replaces it in the wire log (secrets), null = as is. */
    protected final void write(String xml, String logForm) {
        if (wire) {
            WIRE.info("OUT {} {}", peer, logForm == null ? xml : logForm);
        }
        ctx.write(ByteBufUtil.writeUtf8(ctx.alloc(), xml), ctx.voidPromise());
    }

    protected final void writeAndFlush(String xml) {
        write(xml, null);
        ctx.flush();
    }

    /** Records stanza traffic for the idle timer. */
    protected final void markStanza() {
        lastStanzaNanos = System.nanoTime();
    }

    public final boolean isClosing() {
        return closing || !ctx.channel().isActive();
    }

    /** Sends a stream error, the closing tag, and closes the connection once written. */
    public final void streamError(StreamErrorCondition condition, String text) {
        if (errorSent || !ctx.channel().isActive()) {
            return;
        }
        errorSent = true;
        closing = true;
        if (!headerSent) {
            sendHeader(headerForError());
        }
        write(StreamElements.error(condition, text), null);
        onStreamErrorSent(condition);
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Sends {@code </stream:stream>}, then closes when the peer closes too, or after a grace time. */
    public final void closeGracefully() {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        closing = true;
        writeAndFlush(StreamElements.CLOSE);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, closeWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (headerSent && !closing) {
                write(StreamElements.KEEPALIVE, "(whitespace keepalive)");
                ctx.flush();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        onClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("stream with {} ({}) failed: {}", peer, ctx.channel().remoteAddress(), rootMessage(cause));
        ctx.close();
    }

    private void streamErrorReceived(XmlElement error) {
        XmlElement c = error == null ? null : error.firstChildIn(Namespaces.STREAMS);
        StreamErrorCondition condition = c == null ? StreamErrorCondition.UNDEFINED_CONDITION
                : StreamErrorCondition.fromElementName(c.name().equals("text") ? "undefined-condition" : c.name());
        XmlElement t = error == null ? null : error.child("text", Namespaces.STREAMS);
        String text = t == null ? "" : t.text();
        log.info("stream error from {}: {} {}", peer, condition.elementName(), text);
        onStreamErrorReceived(condition, text);
        if (!closing) {
            closing = true;
            onPeerClosing();
            writeAndFlush(StreamElements.CLOSE);
        }
        ctx.close();
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleCheck = ctx.executor().schedule(() -> {
            long quiet = System.nanoTime() - lastStanzaNanos;
            if (quiet >= idle.toNanos()) {
                onIdle();
                if (ctx.channel().isActive() && !closing) {
                    scheduleIdleCheck(idle.toNanos());
                }
            } else if (ctx.channel().isActive()) {
                scheduleIdleCheck(idle.toNanos() - quiet);
            }
        }, Math.max(delayNanos, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
    }

    private static String redacted(XmlFrame f) {
        if (f.is("result", Namespaces.DIALBACK) || f.is("verify", Namespaces.DIALBACK)
                || f.is("handshake", Namespaces.COMPONENT)) {
            // the attributes that came, none invented (issue 13: type='null' for an absent one)
            StringBuilder sb = new StringBuilder(96).append('<').append(f.namespace().equals(Namespaces.DIALBACK) ? "db:" : "")
                    .append(f.name());
            Xml.optAttribute(sb, "from", f.from());
            Xml.optAttribute(sb, "to", f.to());
            Xml.optAttribute(sb, "id", f.id());
            Xml.optAttribute(sb, "type", f.type());
            return sb.append(">(key hidden)").toString();
        }
        return f.xml();
    }

    /** The innermost message of a failure, for one-line logs. */
    public static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
