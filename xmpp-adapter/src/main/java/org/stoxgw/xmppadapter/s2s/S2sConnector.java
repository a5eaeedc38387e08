package org.stoxgw.xmppadapter.s2s;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.stoxgw.xmppadapter.dns.Endpoint;
import org.stoxgw.xmppadapter.dns.Resolution;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;
import org.stoxgw.xmppadapter.stream.XmppStreamHandler;

/**
 * Opens an outgoing S2S stream to a remote domain: resolves it, then tries each endpoint in order
 * (RFC 6120 §3.2.1) with the connect timeout until one accepts TCP; negotiation then belongs to
 * {@link OutboundS2sHandler}. The channel is registered on the caller's event loop, so the link or
 * verification that asked owns it without locks.
 */
final class S2sConnector {
    private final XmppRuntime rt;

    S2sConnector(XmppRuntime rt) {
        this.rt = rt;
    }

    void open(EventLoop loop, String local, String remote, OutboundS2sHandler.Purpose purpose,
              StreamListener<? super OutboundS2sHandler> listener) {
        rt.resolver.resolve(remote, loop).addListener((Future<Resolution> f) -> {
            Resolution r = f.getNow();
            if (!r.found()) {
                listener.failed(new ConnectFailure(true, r.definitive(), r.detail()));
            } else {
                attempt(loop, local, remote, purpose, listener, r.endpoints(), 0, new StringBuilder());
            }
        });
    }

    private void attempt(EventLoop loop, String local, String remote, OutboundS2sHandler.Purpose purpose,
                         StreamListener<? super OutboundS2sHandler> listener, List<Endpoint> endpoints, int index,
                         StringBuilder failures) {
        if (index >= endpoints.size()) {
            listener.failed(new ConnectFailure(false, false, "cannot connect to " + remote + ":" + failures));
            return;
        }
        Endpoint ep = endpoints.get(index);
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) rt.settings.timeouts().connect().toMillis())
                .option(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ep.directTls()) {
                            ch.pipeline().addLast("tls", rt.tls.newClientHandler(ch.alloc(), remote, ep.address().getPort()));
                        }
                        XmppStreamDecoder decoder = new XmppStreamDecoder(rt.streamLimits);
                        pipeline(rt, ch.pipeline(), decoder,
                                new OutboundS2sHandler(rt, decoder, local, remote, purpose, ep, listener));
                    }
                });
        b.connect(ep.address()).addListener((ChannelFuture cf) -> {
            if (!cf.isSuccess()) {
                failures.append(' ').append(ep.address()).append(": ").append(XmppStreamHandler.rootMessage(cf.cause()));
                attempt(loop, local, remote, purpose, listener, endpoints, index + 1, failures);
            }
        });
    }

    /** The common tail of every stream pipeline: keepalive timer, decoder, stream handler. */
    static void pipeline(XmppRuntime rt, ChannelPipeline p, XmppStreamDecoder decoder, XmppStreamHandler handler) {
        p.addLast("keepalive", new IdleStateHandler(0, rt.settings.timeouts().keepalive().toMillis(), 0, TimeUnit.MILLISECONDS));
        p.addLast("decoder", decoder);
        p.addLast("stream", handler);
    }
}
