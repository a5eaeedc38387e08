package org.stoxgw.sipadapter.msrp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.mapping.sip.MsrpUri;

/**
 * The gateway's MSRP endpoint (RFC 4975): one listener, outgoing connections reused per
 * (scheme, host, port) (RFC 4975 §5.4, RFC 6135), the table of sessions by their own
 * session-id, and optionally an RFC 4976 relay every session goes through
 * ({@link MsrpRelayClient}). TLS ({@code msrps}) uses the gateway's certificate on the listener
 * and the configured trust on outgoing connections.
 *
 * <p>Thread-safe: the session table and reuse map are concurrent; sessions run on the loop they
 * are created with. Limits: {@link MsrpSettings#maxSessions()} sessions; framing limits per
 * connection ({@link MsrpDecoderLimits}).
 */
public final class MsrpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MsrpEndpoint.class);
    private static final MsrpEncoder ENCODER = new MsrpEncoder();

    private final MsrpSettings settings;
    private final EventLoopGroup group;
    private final SSLContext tls;
    private final Map<String, MsrpSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<MsrpConnection>> outgoing = new ConcurrentHashMap<>();
    private final MsrpStats stats = new MsrpStats();
    private volatile MsrpRelayClient relayClient;
    private Channel server;
    private int port;

    /**
     * @param tls the gateway's TLS context ({@code gateway.tls}: its certificate for the listener
     *            when {@link MsrpSettings#tls()}, its trust for outgoing {@code msrps}), or null
     */
    public MsrpEndpoint(MsrpSettings settings, EventLoopGroup group, SSLContext tls) {
        this.settings = settings;
        this.group = group;
        this.tls = tls;
        if (settings.tls() && tls == null) {
            throw new IllegalArgumentException("gateway.msrp.tls needs the gateway's certificate (gateway.tls.key-store)");
        }
    }

    /** Binds the listener and, with a relay configured, authenticates to it (RFC 4976 §5). */
    public MsrpEndpoint start() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(null, settings.tls() ? tls : null, false, null, 0))
                .bind(new InetSocketAddress(settings.bindHost(), settings.port())).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
        log.info("MSRP endpoint listening on {}:{}{}", settings.bindHost(), port, settings.tls() ? " (TLS)" : "");
        if (settings.relay().isPresent()) {
            relayClient = new MsrpRelayClient(this, settings.relay().get());
            try {
                relayClient.authenticate().toCompletableFuture()
                        .get(settings.connectTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                close();
                throw new IllegalStateException("MSRP relay " + settings.relay().get().uri() + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : "no answer to AUTH"), e);
            }
        }
        return this;
    }

    private ChannelInitializer<SocketChannel> initializer(MsrpConnection given, SSLContext ctx, boolean client, String host,
                                                          int port) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ctx != null) {
                    SSLEngine engine = client ? ctx.createSSLEngine(host, port) : ctx.createSSLEngine();
                    engine.setUseClientMode(client);
                    if (client) {
                        // RFC 4975 §14.2: the certificate must match the host of the msrps URI
                        SSLParameters p = engine.getSSLParameters();
                        p.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(p);
                    }
                    ch.pipeline().addLast("tls", new SslHandler(engine));
                }
                ch.pipeline().addLast("decoder", new MsrpDecoder(settings.decoder()));
                ch.pipeline().addLast("encoder", ENCODER);
                ch.pipeline().addLast("msrp", given != null ? given : new MsrpConnection(MsrpEndpoint.this, null));
            }
        };
    }

    public MsrpSettings settings() {
        return settings;
    }

    public MsrpStats stats() {
        return stats;
    }

    /** The listening port. */
    public int port() {
        return port;
    }

    /** Sessions open now. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * A new session on {@code loop} with a fresh, hard-to-guess session-id (MSRP-19); empty when
     * {@link MsrpSettings#maxSessions()} are open.
     */
    public Optional<MsrpSession> newSession(EventLoop loop, MsrpSessionListener listener) {
        if (sessions.size() >= settings.maxSessions()) {
            stats.sessionsRefused.increment();
            return Optional.empty();
        }
        MsrpUri own = MsrpUri.of(settings.tls(), settings.advertisedHost(), port, MsrpIds.sessionId());
        MsrpPath path = relayUsePath().map(p -> p.concat(MsrpPath.of(own))).orElse(MsrpPath.of(own));
        MsrpSession s = new MsrpSession(this, loop, own, path, listener);
        sessions.put(own.sessionId(), s);
        stats.sessionsOpened.increment();
        return Optional.of(s);
    }

    MsrpSession session(String sessionId) {
        return sessions.get(sessionId);
    }

    void sessionEnded(MsrpSession s, MsrpConnection c) {
        sessions.remove(s.ownUri().sessionId(), s);
        if (c != null) {
            c.detach(s);
        }
    }

    MsrpRelayClient relayClient() {
        return relayClient;
    }

    /** The relay connection, when sessions go through a relay. */
    Optional<MsrpConnection> relayConnection() {
        MsrpRelayClient r = relayClient;
        return r == null ? Optional.empty() : Optional.ofNullable(r.connection());
    }

    /** The relay's Use-Path, prefixed to every To-Path and advertised path (RFC 4976 §7.1). */
    Optional<MsrpPath> relayUsePath() {
        MsrpRelayClient r = relayClient;
        return r == null ? Optional.empty() : Optional.ofNullable(r.usePath());
    }

    /**
     * A connection to {@code hop}: the one already open (or opening) to the same scheme, host and
     * port, else a new one (RFC 4975 §5.4 SHOULD reuse).
     */
    CompletionStage<MsrpConnection> connectionTo(MsrpUri hop) {
        String key = (hop.secure() ? "msrps://" : "msrp://") + hop.host().toLowerCase(Locale.ROOT) + ":" + hop.effectivePort();
        CompletableFuture<MsrpConnection> fresh = new CompletableFuture<>();
        CompletableFuture<MsrpConnection> existing = outgoing.putIfAbsent(key, fresh);
        if (existing != null && !(existing.isDone() && (existing.isCompletedExceptionally()
                || !existing.join().channel().isActive()))) {
            stats.connectionsReused.increment();
            return existing;
        }
        if (existing != null) {
            outgoing.replace(key, existing, fresh);
        }
        open(hop, key, fresh);
        return fresh;
    }

    /** Opens a connection that is not shared by reuse (the relay's). */
    CompletionStage<MsrpConnection> openDedicated(MsrpUri hop) {
        CompletableFuture<MsrpConnection> f = new CompletableFuture<>();
        open(hop, null, f);
        return f;
    }

    private void open(MsrpUri hop, String key, CompletableFuture<MsrpConnection> result) {
        if (hop.secure() && tls == null) {
            result.completeExceptionally(new IllegalStateException("msrps needs TLS configured"));
            return;
        }
        MsrpConnection conn = new MsrpConnection(this, key);
        stats.connectionsOpened.increment();
        ChannelFuture cf = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(initializer(conn, hop.secure() ? tls : null, true, hop.socketHost(), hop.effectivePort()))
                .connect(hop.socketHost(), hop.effectivePort());
        cf.addListener(x -> {
            if (!x.isSuccess()) {
                if (key != null) {
                    outgoing.remove(key, result);
                }
                result.completeExceptionally(x.cause());
                return;
            }
            SslHandler ssl = cf.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
                result.complete(conn);
            } else {
                ssl.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        result.complete(conn);
                    } else {
                        result.completeExceptionally(h.cause());
                        cf.channel().close();
                    }
                });
            }
        });
    }

    void connectionClosed(MsrpConnection c) {
        if (c.reuseKey != null) {
            CompletableFuture<MsrpConnection> f = outgoing.get(c.reuseKey);
            if (f != null && f.isDone() && !f.isCompletedExceptionally() && f.join() == c) {
                outgoing.remove(c.reuseKey, f);
            }
        }
    }

    @Override
    public void close() {
        for (MsrpSession s : sessions.values()) {
            s.close("gateway stopping");
        }
        if (relayClient != null) {
            relayClient.stop();
        }
        if (server != null) {
            server.close().awaitUninterruptibly(Duration.ofSeconds(2).toMillis());
        }
    }
}
