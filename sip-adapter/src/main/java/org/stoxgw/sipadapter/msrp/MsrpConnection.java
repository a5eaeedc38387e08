package org.stoxgw.sipadapter.msrp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.MsrpPath;

/**
 * One MSRP TCP (or TLS) connection, the last handler of its pipeline: routes each request to the
 * session its To-Path names (MSRP-13: unknown → 481), binds a passive session on its first
 * request (MSRP-17: bound elsewhere → 506), routes responses the same way (their To-Path is the
 * session's own URI, MSRP-12), and on close fails every session on it (MSRP-18). A frame the
 * decoder cannot read closes the connection.
 *
 * <p>Thread: Netty calls it on the channel's loop; each session's work is handed to the
 * session's own loop. {@link #write} may be called from any thread.
 */
final class MsrpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MsrpConnection.class);

    private final MsrpEndpoint endpoint;
    /** The reuse key when this side opened the connection, else null. */
    final String reuseKey;
    private final Map<String, MsrpSession> sessions = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile boolean relay;

    MsrpConnection(MsrpEndpoint endpoint, String reuseKey) {
        this.endpoint = endpoint;
        this.reuseKey = reuseKey;
    }

    void markRelay() {
        relay = true;
    }

    boolean isRelay() {
        return relay;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel(); // before the connect promise completes (channelActive comes after it)
    }

    ChannelFuture write(MsrpFrame f) {
        endpoint.stats().framesOut.increment();
        return channel.writeAndFlush(f);
    }

    Channel channel() {
        return channel;
    }

    void attach(MsrpSession s) {
        sessions.put(s.ownUri().sessionId(), s);
    }

    /** Called when a session ends; a connection this side opened closes with its last session. */
    void detach(MsrpSession s) {
        sessions.remove(s.ownUri().sessionId(), s);
        if (sessions.isEmpty() && !relay && channel != null) {
            channel.close();
        }
    }

    int sessionCount() {
        return sessions.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        endpoint.stats().framesIn.increment();
        if (msg instanceof MsrpDecodeFailure f) {
            log.info("MSRP from {}: {}; closing the connection", ctx.channel().remoteAddress(), f.reason());
            endpoint.stats().decodeFailures.increment();
            ctx.close();
            return;
        }
        MsrpFrame f = (MsrpFrame) msg;
        Optional<MsrpPath> to = f.toPath();
        if (to.isEmpty()) {
            log.info("MSRP from {}: frame without a readable To-Path; closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        String sid = to.get().first().sessionId();
        if (f.isResponse()) {
            if (endpoint.relayClient() != null && endpoint.relayClient().owns(sid)) {
                endpoint.relayClient().onResponse(f);
                return;
            }
            MsrpSession s = endpoint.session(sid);
            if (s != null) {
                s.loop().execute(() -> s.onResponse(f));
            }
            return; // a response for no session (or a relay's duplicate) is dropped: nothing awaits it
        }
        if (to.get().uris().size() > 1) {
            reply(f, 403, "not a relay"); // RFC 4976: only relays forward
            return;
        }
        MsrpSession s = endpoint.session(sid);
        if (s == null) {
            if (!"REPORT".equals(f.method())) {
                reply(f, 481, "Session does not exist"); // MSRP-13
            }
            return;
        }
        s.loop().execute(() -> {
            if (!s.bindTo(this)) {
                if (!"REPORT".equals(f.method())) {
                    reply(f, 506, "Session bound to another connection"); // MSRP-17
                }
                return;
            }
            s.onRequest(f);
        });
    }

    private void reply(MsrpFrame f, int status, String comment) {
        if (!f.failureReport().equals("no")) {
            String self = f.toPath().map(p -> p.first().toString()).orElse("");
            write(MsrpFrame.response(f, status, comment, self));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endpoint.connectionClosed(this);
        for (MsrpSession s : sessions.values()) {
            s.loop().execute(() -> s.connectionLost("closed by " + ctx.channel().remoteAddress()));
        }
        sessions.clear();
        if (relay && endpoint.relayClient() != null) {
            endpoint.relayClient().connectionLost();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("MSRP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
