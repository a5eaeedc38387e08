package org.stoxgw.core.admin;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint on Netty (HTTP/1.1, one event loop thread of its own, so a scrape never
 * delays a message):
 * <ul>
 *   <li>{@code GET /metrics}: OpenMetrics 1.0 when the scraper's Accept offers it, else Prometheus text;
 *   <li>{@code GET /health}: 200 while the process runs (liveness), 503 once stopped or failed;
 *   <li>{@code GET /ready}: 200 when every readiness check passes, else 503 with the failing ones;
 *   <li>{@code GET /api/status}, {@code /api/links}, {@code /api/peers}, {@code /api/sessions[?kind=K]}: JSON;
 *   <li>{@code POST /api/reload}, {@code POST /api/drain}.
 * </ul>
 * With {@code gateway.admin.token} set every request but /health and /ready needs
 * {@code Authorization: Bearer <token>}; with {@code tls.client-auth} the endpoint is HTTPS and asks
 * for a client certificate. Requests larger than 8 KiB or slower than 10 s are dropped.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_REQUEST = 8 * 1024;
    private static final int SESSION_LIST_LIMIT = 1000;

    private final AdminSettings settings;
    private final AdminView view;
    private final Metrics metrics;
    private final SslContext tls;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private EventLoopGroup group;
    private Channel server;

    /**
     * @param tls the HTTPS context (client certificates required), or null for plain HTTP
     */
    public AdminServer(AdminSettings settings, AdminView view, Metrics metrics, SslContext tls) {
        this.settings = settings;
        this.view = view;
        this.metrics = metrics;
        this.tls = tls;
    }

    /**
     * Binds the listening point.
     *
     * @return what it listens on, e.g. {@code admin http 127.0.0.1:9095}
     * @throws IllegalStateException if it cannot be bound
     */
    public String start() {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stoxgw-admin"), NioIoHandler.newFactory());
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            if (tls != null) {
                                c.pipeline().addLast(tls.newHandler(c.alloc()));
                            }
                            c.pipeline().addLast(new ReadTimeoutHandler(10, TimeUnit.SECONDS), new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_REQUEST), new Handler());
                        }
                    })
                    .bind(settings.listen().host(), settings.listen().port()).sync().channel();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("admin endpoint cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
        }
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        return "admin " + (tls != null ? "https " : "http ") + a.getHostString() + ":" + a.getPort();
    }

    /** The bound port (tests bind port 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(2000);
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse resp;
            try {
                resp = route(req);
            } catch (UnsupportedOperationException e) {
                resp = json(HttpResponseStatus.NOT_IMPLEMENTED, Map.of("error", String.valueOf(e.getMessage())));
            } catch (IllegalArgumentException e) {
                resp = json(HttpResponseStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
            } catch (Exception e) {
                log.warn("admin {} {}: {}", req.method(), req.uri(), e.toString());
                resp = json(HttpResponseStatus.INTERNAL_SERVER_ERROR, Map.of("error", String.valueOf(e.getMessage())));
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setContentLength(resp, resp.content().readableBytes());
            if (keepAlive) {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(resp);
            } else {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("admin connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private FullHttpResponse route(FullHttpRequest req) throws Exception {
        if (!req.decoderResult().isSuccess()) {
            return text(HttpResponseStatus.BAD_REQUEST, "bad request\n");
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String path = q.path();
        boolean get = req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD);
        boolean post = req.method().equals(HttpMethod.POST);
        if (path.equals("/health") && get) {
            String s = view.state();
            boolean alive = !s.equals("STOPPED") && !s.equals("FAILED");
            return json(alive ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    Map.of("status", alive ? "up" : "down", "state", s));
        }
        if (path.equals("/ready") && get) {
            return ready();
        }
        if (!authorised(req)) {
            FullHttpResponse r = json(HttpResponseStatus.UNAUTHORIZED, Map.of("error", "bearer token required"));
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"stoxgw\"");
            return r;
        }
        switch (path) {
            case "/metrics" -> {
                if (!get) {
                    break;
                }
                Metrics.Scrape s = metrics.scrape(req.headers().get(HttpHeaderNames.ACCEPT));
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(s.body()));
                r.headers().set(HttpHeaderNames.CONTENT_TYPE, s.contentType());
                return r;
            }
            case "/api/status" -> {
                if (get) {
                    return json(HttpResponseStatus.OK, view.status());
                }
            }
            case "/api/links" -> {
                if (get) {
                    return json(HttpResponseStatus.OK, Map.of("links", view.links()));
                }
            }
            case "/api/peers" -> {
                if (get) {
                    return json(HttpResponseStatus.OK, Map.of("sip", view.peers()));
                }
            }
            case "/api/sessions" -> {
                if (get) {
                    List<String> k = q.parameters().get("kind");
                    return json(HttpResponseStatus.OK, view.sessions(k == null || k.isEmpty()
                            ? Optional.empty() : Optional.of(k.get(0)), SESSION_LIST_LIMIT));
                }
            }
            case "/api/reload" -> {
                if (post) {
                    Map<String, Object> r = view.reload();
                    return json(Boolean.TRUE.equals(r.get("applied")) ? HttpResponseStatus.OK
                            : HttpResponseStatus.UNPROCESSABLE_ENTITY, r);
                }
            }
            case "/api/drain" -> {
                if (post) {
                    return json(HttpResponseStatus.ACCEPTED, view.drain());
                }
            }
            default -> {
                return json(HttpResponseStatus.NOT_FOUND, Map.of("error", "no such resource: " + path));
            }
        }
        return json(HttpResponseStatus.METHOD_NOT_ALLOWED, Map.of("error", req.method() + " not allowed on " + path));
    }

    private FullHttpResponse ready() {
        Map<String, Optional<String>> checks = view.readiness();
        Map<String, String> shown = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Optional<String>> e : checks.entrySet()) {
            shown.put(e.getKey(), e.getValue().orElse("ok"));
            ok &= e.getValue().isEmpty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ok);
        body.put("checks", shown);
        return json(ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private boolean authorised(FullHttpRequest req) {
        if (settings.token().isEmpty()) {
            return true;
        }
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // constant time: the token is a secret
        return MessageDigest.isEqual(h.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                settings.token().getBytes(StandardCharsets.UTF_8));
    }

    private FullHttpResponse json(HttpResponseStatus status, Object body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(gson.toJson(body) + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }
}
