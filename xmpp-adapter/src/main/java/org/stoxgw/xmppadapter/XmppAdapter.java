package org.stoxgw.xmppadapter;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.HostPort;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.xmppadapter.dns.RemoteResolver;
import org.stoxgw.xmppadapter.s2s.DialbackKeys;
import org.stoxgw.xmppadapter.s2s.InboundPipeline;
import org.stoxgw.xmppadapter.s2s.XmppRuntime;
import org.stoxgw.xmppadapter.stanza.DomainIqResponder;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.tls.TlsContexts;

/**
 * The XMPP side of the gateway: in federation mode an XMPP server for the gateway's domains speaking
 * server-to-server (RFC 6120: STARTTLS, SASL EXTERNAL, dialback; SRV resolution), in component mode an
 * external component (XEP-0114) of the operator's own server. It runs on the engine's shared Netty
 * event loops.
 *
 * <p>Inbound: every stanza that passes the stream checks ('from' authenticated on its stream, 'to' a
 * served domain) goes to the {@link StanzaHandler} on the stream's event loop, including
 * {@code type='error'} stanzas, except IQ requests to a gateway domain itself, which the adapter
 * answers (disco#info with {@code gateway/sip} and {@code jid\20escaping}, ping; otherwise
 * {@code service-unavailable}), IQ requests to users in namespaces the handler does not claim
 * ({@code service-unavailable}), and answers to the core's own IQ requests ({@link #sendIq}).
 *
 * <p>Outbound: {@link #send} may be called from any thread; the outcome completes on the link's event
 * loop ({@link XmppOutcome.Sent} once the remote server confirmed it, {@link XmppOutcome.Failed} when
 * it cannot be delivered in time). The adapter sends no bounce itself for a failed send: the core
 * answers the original sender (nothing is dropped without an error, end to end).
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} once.
 */
public final class XmppAdapter {
    private static final Logger log = LoggerFactory.getLogger(XmppAdapter.class);

    private final XmppSettings settings;
    private final SharedSettings shared;
    private final EventLoopGroup loops;
    private final StanzaHandler handler;
    private final XmppCounters counters = new XmppCounters();
    private final List<Channel> servers = new ArrayList<>();
    private volatile XmppRuntime runtime;
    private RemoteResolver resolver;

    public XmppAdapter(XmppSettings settings, SharedSettings shared, EventLoopGroup loops, StanzaHandler inbound) {
        this.settings = settings;
        this.shared = shared;
        this.loops = loops;
        this.handler = inbound;
    }

    /**
     * Loads the slow classes ahead of {@link #start()} (Smack and its providers, Netty's network
     * utilities), so that a launcher can overlap it with reading its configuration. Any thread, any
     * number of times; errors surface again in {@link #start()}.
     */
    public static void preload() {
        try {
            StanzaCodec.initialise();
            io.netty.util.NetUtil.isValidIpV4Address("127.0.0.1");
        } catch (RuntimeException | LinkageError e) {
            log.debug("preload: {}", e.toString());
        }
    }

    /**
     * Loads TLS material and Smack, binds the listening points (federation) or connects to the XMPP
     * server (component), and returns the listening points as {@code xmpp-s2s host:port}.
     *
     * @throws IllegalStateException when TLS material cannot be loaded
     * @throws InterruptedException  while binding
     */
    public List<String> start() throws InterruptedException {
        StanzaCodec.initialise();
        String secret = settings.dialbackSecret();
        if (secret.isEmpty() && settings.mode() == XmppSettings.Mode.FEDERATION) {
            secret = DialbackKeys.randomSecret();
            log.warn("gateway.xmpp.dialback.secret is empty: using a random secret; dialback keys issued now will not "
                    + "survive a restart (set the secret, e.g. via STOXGW_DIALBACK_SECRET)");
        } else if (secret.isEmpty()) {
            secret = DialbackKeys.randomSecret();
        }
        TlsContexts tls = TlsContexts.create(shared.tls());
        resolver = new RemoteResolver(loops.next(), settings.dnsServers(), settings.dnsQueryTimeout(), settings.routes());
        XmppRuntime rt = new XmppRuntime(settings, shared, loops, handler, new DialbackKeys(secret), tls, resolver,
                new DomainIqResponder(DomainIqResponder.DEFAULT_FEATURES, "stoxgw"), counters);
        runtime = rt;
        List<String> points = new ArrayList<>();
        if (settings.mode() == XmppSettings.Mode.COMPONENT) {
            for (String domain : shared.domains().servedXmppDomains()) {
                rt.links().connectComponent(domain);
                points.add("xmpp-component " + domain + " -> " + settings.componentServer());
            }
            return points;
        }
        if (!tls.haveCertificate()) {
            log.info("no gateway.tls.key-store: STARTTLS is not offered on inbound streams, dialback only");
        }
        for (HostPort hp : settings.listen()) {
            points.add("xmpp-s2s " + bind(rt, hp, false));
        }
        for (HostPort hp : settings.listenDirectTls()) {
            points.add("xmpp-s2s-tls " + bind(rt, hp, true));
        }
        return points;
    }

    private HostPort bind(XmppRuntime rt, HostPort hp, boolean directTls) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        InboundPipeline.build(rt, c, directTls);
                    }
                })
                .bind(new InetSocketAddress(hp.host(), hp.port())).sync().channel();
        servers.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        return new HostPort(bound.getAddress().getHostAddress(), bound.getPort());
    }

    /**
     * Sends a stanza (its 'from' at a gateway domain) to its 'to' domain; from any thread. The stage
     * completes on an event loop: keep its callbacks short or hop to your own loop.
     */
    public CompletionStage<XmppOutcome> send(Stanza stanza) {
        XmppRuntime rt = runtime;
        if (rt == null) {
            counters.bounced.increment();
            return CompletableFuture.completedFuture(new XmppOutcome.Failed(
                    StanzaError.Condition.remote_server_timeout, "the XMPP adapter is not running"));
        }
        return rt.send(stanza);
    }

    /**
     * Sends an IQ request ({@code get} or {@code set}, its 'from' at a gateway domain, its id unique
     * among the requests waiting) and completes with its answer: the addressee's result or error,
     * or {@link IqOutcome.Failed} when it cannot be delivered, or with {@code remote-server-timeout}
     * when no answer comes within {@code timeout}. Only a response from the request's addressee
     * counts (see {@link StanzaHandler}). From any thread; the stage completes on an event loop.
     */
    public CompletionStage<IqOutcome> sendIq(IQ request, Duration timeout) {
        XmppRuntime rt = runtime;
        if (rt == null) {
            return CompletableFuture.completedFuture(new IqOutcome.Failed(
                    StanzaError.Condition.remote_server_timeout, "the XMPP adapter is not running"));
        }
        return rt.sendIq(request, timeout);
    }

    /**
     * Stops accepting, lets queued stanzas go out for at most {@code grace}, fails the rest with an
     * outcome, and closes every stream.
     */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Channel c : servers) {
            c.close().awaitUninterruptibly(grace.toMillis());
        }
        servers.clear();
        XmppRuntime rt = runtime;
        if (rt != null) {
            rt.links().beginStop();
            while (rt.links().waiting() > 0 && System.nanoTime() < deadline) {
                sleep(10);
            }
            int left = rt.links().waiting();
            if (left > 0) {
                log.warn("stopping with {} stanzas undelivered: their senders get remote-server-timeout", left);
            }
            rt.failPendingIqs();
            rt.links().stopAll();
            rt.inbound().closeAll();
            while ((rt.inbound().size() > 0) && System.nanoTime() < deadline) {
                sleep(10);
            }
        }
        if (resolver != null) {
            resolver.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Applies what can change while running (reload): the TLS key and trust stores ({@code gateway.tls}) for
     * streams and links opened from now on (established ones keep their session), and the remote-domain
     * policy ({@code gateway.xmpp.remote-domains}) for streams and stanzas from now on.
     *
     * @throws IllegalStateException if a store cannot be loaded; nothing is changed then
     */
    public void reload(XmppSettings s, SharedSettings sharedNow) {
        XmppRuntime rt = runtime;
        if (rt == null) {
            throw new IllegalStateException("the XMPP adapter is not running");
        }
        XmppSettings old = rt.settings();
        // only the remote-domain policy is taken from the new settings: the rest was used at start
        XmppSettings next = new XmppSettings(old.mode(), old.listen(), old.listenDirectTls(), old.tls(), old.auth(),
                old.dialbackSecret(), s.remoteDomains(), old.routes(), old.dnsServers(), old.dnsQueryTimeout(), old.limits(),
                old.timeouts(), old.acks(), old.componentServer(), old.componentSecret());
        rt.reconfigure(next, TlsContexts.create(sharedNow.tls()));
    }

    /** MBeans of this adapter, by name; the engine registers them under the gateway's JMX domain. */
    public Map<String, Object> managedBeans() {
        return Map.of("XmppLinks", new XmppLinksBean(counters, () -> runtime));
    }

    /** One line per inbound stream and outbound link, for the PeerLinks MBean. */
    public List<String> describeLinks() {
        return new XmppLinksBean(counters, () -> runtime).getLinks().stream().map(LinkInfo::describe).toList();
    }
}
