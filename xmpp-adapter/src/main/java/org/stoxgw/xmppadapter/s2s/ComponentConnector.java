package org.stoxgw.xmppadapter.s2s;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import org.stoxgw.xmppadapter.dns.Endpoint;
import org.stoxgw.xmppadapter.dns.Resolution;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;
import org.stoxgw.xmppadapter.stream.XmppStreamHandler;

/** Connects a component link to the configured XMPP server (XEP-0114 §3), on the link's loop. */
final class ComponentConnector {
    private ComponentConnector() {
    }

    static void open(XmppRuntime rt, EventLoop loop, String domain, StreamListener<? super ComponentHandler> listener) {
        rt.resolver.resolve(rt.settings.componentServer(), "component server", loop).addListener((Future<Resolution> f) -> {
            Resolution r = f.getNow();
            if (!r.found()) {
                listener.failed(new ConnectFailure(true, false, r.detail()));
                return;
            }
            Endpoint ep = r.endpoints().get(0);
            new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) rt.settings.timeouts().connect().toMillis())
                    .option(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            XmppStreamDecoder decoder = new XmppStreamDecoder(rt.streamLimits);
                            S2sConnector.pipeline(rt, ch.pipeline(), decoder, new ComponentHandler(rt, decoder, domain, listener));
                        }
                    })
                    .connect(ep.address()).addListener((ChannelFuture cf) -> {
                        if (!cf.isSuccess()) {
                            listener.failed(new ConnectFailure(false, false, "cannot connect to the component port "
                                    + ep.address() + ": " + XmppStreamHandler.rootMessage(cf.cause())));
                        }
                    });
        });
    }
}
