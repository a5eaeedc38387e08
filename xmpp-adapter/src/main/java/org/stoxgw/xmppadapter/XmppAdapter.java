package org.stoxgw.xmppadapter;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.stoxgw.config.HostPort;
import org.stoxgw.config.SharedSettings;

/**
 * The XMPP side of the gateway. Skeleton: binds the server-to-server listening points on the
 * engine's event loops; streams arrive with the XMPP adapter issue.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} once. {@link #send} may be
 * called from any thread.
 */
public final class XmppAdapter {
    private final XmppSettings settings;
    private final EventLoopGroup loops;
    private final StanzaHandler handler;
    private final List<Channel> servers = new ArrayList<>();

    public XmppAdapter(XmppSettings settings, SharedSettings shared, EventLoopGroup loops, StanzaHandler handler) {
        this.settings = settings;
        this.loops = loops;
        this.handler = handler;
    }

    /** Binds the listening points; returns them as {@code xmpp-s2s host:port}. */
    public List<String> start() throws InterruptedException {
        List<String> points = new ArrayList<>();
        for (HostPort hp : settings.listen()) {
            ChannelFuture f = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.close();
                        }
                    })
                    .bind(new InetSocketAddress(hp.host(), hp.port())).sync();
            servers.add(f.channel());
            InetSocketAddress bound = (InetSocketAddress) f.channel().localAddress();
            points.add("xmpp-s2s " + new HostPort(bound.getAddress().getHostAddress(), bound.getPort()));
        }
        return points;
    }

    /** Sends a stanza to its remote domain; the stage completes with its outcome. */
    public CompletionStage<XmppOutcome> send(Stanza stanza) {
        return CompletableFuture.completedFuture(
                new XmppOutcome.Failed(StanzaError.Condition.remote_server_not_found, "S2S not implemented"));
    }

    /** Stops accepting, flushes what is queued for at most {@code grace}, then closes every stream. */
    public void stop(Duration grace) {
        for (Channel c : servers) {
            c.close().awaitUninterruptibly(grace.toMillis());
        }
        servers.clear();
    }

    /** MBeans of this adapter, by name; the engine registers them under the gateway's JMX domain. */
    public Map<String, Object> managedBeans() {
        return Map.of();
    }

    /** One line per S2S link, for the PeerLinks MBean. */
    public List<String> describeLinks() {
        return List.of();
    }
}
