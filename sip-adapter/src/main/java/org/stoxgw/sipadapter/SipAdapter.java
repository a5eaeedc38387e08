package org.stoxgw.sipadapter;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.HostPort;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.convert.WireMessages;
import org.stoxgw.sipadapter.inbound.InboundRequests;
import org.stoxgw.sipadapter.inbound.RequestValve;
import org.stoxgw.sipadapter.invite.InviteDialogs;
import org.stoxgw.sipadapter.invite.InviteLayer;
import org.stoxgw.sipadapter.invite.InviteListener;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.sipadapter.outbound.Identifiers;
import org.stoxgw.sipadapter.outbound.OutboundSender;
import org.stoxgw.sipadapter.outbound.SipResolver;
import org.stoxgw.sipadapter.stack.CompletedTransactions;
import org.stoxgw.sipadapter.stack.SipStackHolder;

/**
 * The SIP side of the gateway: a JAIN-SIP transaction-level user agent on UDP, TCP and TLS that
 * hands every acceptable request to a {@link SipRequestHandler} and sends the core's requests,
 * resolving targets with RFC 3263. Dialog state is the core's (see {@link InboundSipRequest}).
 *
 * <p>Threads: UDP is read on an event loop (the engine's when given, else the adapter's own), TCP and
 * TLS by JAIN-SIP's thread per connection; the reader runs the request valve and calls the handler.
 * Sends that never block (UDP) go out on the caller's thread; {@code limits.send-threads} sender threads
 * connect and write over TCP and TLS; one event loop thread of the adapter does DNS and the answer timer.
 * All are stopped by {@link #stop}; none is left behind.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} once; {@link #send} from any
 * thread while running.
 */
public final class SipAdapter {
    private static final Logger log = LoggerFactory.getLogger(SipAdapter.class);

    private final SipSettings settings;
    private final SharedSettings shared;
    private final SipRequestHandler handler;
    private final InviteListener inviteListener;
    private volatile InviteLayer invites;
    private final EventLoopGroup udpLoops;
    private final SipStats stats = new SipStats();
    private final Identifiers ids = new Identifiers();
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean refusing;
    private boolean started;
    private ThreadPoolExecutor executor;
    private EventLoopGroup timerGroup;
    private SipResolver resolver;
    private SipStackHolder stack;
    private InboundRequests inbound;
    private OutboundSender outbound;
    private RequestValve valve;
    /** The settings a reload applied last (trust, routing); the rest stays as started. */
    private volatile SipSettings live;
    private ScheduledFuture<?> sweep;
    private List<String> points = List.of();

    /** An adapter that reads UDP on an event loop of its own. */
    public SipAdapter(SipSettings settings, SharedSettings shared, SipRequestHandler handler) {
        this(settings, shared, null, handler);
    }

    /**
     * An adapter whose UDP listening points are read on event loops of {@code loops} (the engine's): the
     * handler is called on that loop, so a session it creates there needs no hand-off (P-02).
     */
    public SipAdapter(SipSettings settings, SharedSettings shared, EventLoopGroup loops, SipRequestHandler handler) {
        this(settings, shared, loops, handler, null);
    }

    /**
     * An adapter with the INVITE dialog layer: calls for gateway-served users go to {@code calls}
     * (on loops of {@code loops}, or of the adapter's own loop when null), {@link #invites()} places calls.
     * Without it ({@code calls} null) INVITE, BYE, CANCEL, PRACK, UPDATE and INFO get 405.
     */
    public SipAdapter(SipSettings settings, SharedSettings shared, EventLoopGroup loops, SipRequestHandler handler,
                      InviteListener calls) {
        this.settings = settings;
        this.shared = shared;
        this.udpLoops = loops;
        this.handler = handler;
        this.inviteListener = calls;
    }

    /**
     * Loads JAIN-SIP's parser classes ahead of {@link #start()} (see XmppAdapter#preload). Any thread.
     */
    public static void preload() {
        try {
            new gov.nist.javax.sip.parser.StringMsgParser().parseSIPMessage(("OPTIONS sip:preload.invalid SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKpreload\r\nFrom: <sip:a@preload.invalid>;tag=1\r\n"
                    + "To: <sip:b@preload.invalid>\r\nCall-ID: preload\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), true, false, null);
        } catch (java.text.ParseException | RuntimeException | LinkageError e) {
            log.debug("preload: {}", e.toString());
        }
    }

    /**
     * Binds every listening point and starts the threads.
     *
     * @return the listening points as {@code sip <transport> <ip>:<port>}
     * @throws IllegalStateException if a listening point cannot be bound or TLS material cannot be
     *                               loaded; nothing is left running
     */
    public synchronized List<String> start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            executor = new ThreadPoolExecutor(settings.limits().sendThreads(), settings.limits().sendThreads(), 0,
                    TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.limits().sendQueue()),
                    new DefaultThreadFactory("sip-send"));
            timerGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sip-loop"), NioIoHandler.newFactory());
            EventLoop loop = timerGroup.next();
            WireMessages wire = new WireMessages();
            Set<String> served = shared.domains().servedSipDomains();
            CompletedTransactions completed = new CompletedTransactions(settings.timeouts().t1().toNanos() * 64);
            inbound = new InboundRequests(handler, wire, executor, stats, ids, settings.timeouts().answer(),
                    settings.timeouts().t1(), settings.advertisedHost().orElse(""), completed);
            SipEvents events = new SipEvents(inbound, stats);
            SipSettings effective = inviteListener != null ? settings
                    : settings.withCapabilities(settings.capabilities().withoutInvites());
            RequestValve valve = new RequestValve(new RequestValve.Config(effective, served, ownHosts(), ids, stats,
                    this::inFlight, () -> refusing || stopping, completed, inviteListener != null));
            stack = SipStackHolder.start(settings, shared, events, valve, peer -> shared.wireLog().sipFor(peer),
                    udpLoops != null ? udpLoops : timerGroup, stats.retransmissionsAbsorbedCounter(), completed,
                    stats.unframedBytesDroppedCounter());
            resolver = new SipResolver(loop, settings.dns(), stack.points().available(settings.routing().transports()));
            outbound = new OutboundSender(new OutboundSender.Env(settings, stack.points(), resolver, ids, wire, executor,
                    stats, this::inFlight, () -> stopping, stack.lean()));
            events.outbound(outbound);
            if (inviteListener != null) {
                invites = new InviteLayer(new InviteLayer.Env(settings.invite(), inviteListener, outbound, resolver, ids, wire,
                        executor, stats, udpLoops != null ? udpLoops : timerGroup, (int) settings.timeouts().t1().toMillis(),
                        settings.advertisedHost().orElse(""), this::newCallId));
                events.invites(invites);
            }
            stats.inFlight(inbound::inFlight, outbound::inFlight);
            points = stack.points().all().stream().map(Object::toString).toList();
            stats.listeningPoints(() -> points.toArray(String[]::new));
            this.valve = valve; // a reload replaces its trusted peers
            sweep = loop.scheduleAtFixedRate(() -> {
                inbound.sweep();
                completed.sweep();
            }, 1, 1, TimeUnit.SECONDS);
            running = true;
            log.info("SIP adapter up: {}; serving {}; {} trusted peer(s)", points, served, settings.trust().peers().size());
            return points;
        } catch (RuntimeException | LinkageError e) {
            shutdown(Duration.ofSeconds(1));
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Hosts that name the gateway itself: listening addresses and the advertised host. */
    private Set<String> ownHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        Stream.of(settings.udp(), settings.tcp(), settings.tls()).flatMap(List::stream).map(HostPort::host).forEach(h -> {
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(h);
            try {
                hosts.add(ip == null ? h : NetUtil.toAddressString(java.net.InetAddress.getByAddress(ip)));
            } catch (java.net.UnknownHostException e) {
                hosts.add(h);
            }
        });
        settings.advertisedHost().ifPresent(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        return hosts;
    }

    private int inFlight() {
        InboundRequests in = inbound;
        OutboundSender out = outbound;
        return (in == null ? 0 : in.inFlight()) + (out == null ? 0 : out.inFlight());
    }

    /**
     * Sends a request (inside or outside a dialog, see {@link SipRequest}); the stage completes
     * with its outcome on a SIP thread. Never blocks the caller.
     */
    public CompletionStage<SipOutcome> send(SipRequest request) {
        OutboundSender out = outbound;
        if (!running || out == null) {
            return CompletableFuture.completedFuture(new SipOutcome.Failure(SipOutcome.Kind.REFUSED,
                    stopping ? "the SIP adapter is stopping" : "the SIP adapter is not running"));
        }
        return out.send(request);
    }

    /**
     * The UAC half of the INVITE dialog layer (place calls).
     *
     * @throws IllegalStateException when the adapter was built without an {@link InviteListener} or is not started
     */
    public InviteDialogs invites() {
        InviteLayer inv = invites;
        if (inv == null) {
            throw new IllegalStateException(inviteListener == null ? "the SIP adapter has no INVITE layer (no InviteListener)"
                    : "the SIP adapter is not started");
        }
        return inv;
    }

    /** A new tag for a From header of a request the core originates. */
    public String newTag() {
        return ids.newTag();
    }

    /** A new Call-ID for a request the core originates outside a dialog. */
    public String newCallId() {
        SipStackHolder s = stack;
        String host = settings.advertisedHost().orElse(s == null || s.points().all().isEmpty() ? "stoxgw.invalid"
                : s.points().sentBy(s.points().all().get(0)));
        return ids.newCallId(host);
    }

    /**
     * From now on every new request is answered 503 with Retry-After (shutting down, D-SIP-03), while
     * transactions in flight and the gateway's own sends go on: the first step of a graceful stop,
     * while the core drains. {@link #stop} implies it.
     */
    public void refuseNewRequests() {
        refusing = true;
    }

    /**
     * Stops accepting (new requests get 503, sends are refused), lets transactions in flight finish
     * for at most {@code grace}, answers what is left with 503, then closes every listening point,
     * connection and thread.
     */
    public synchronized void stop(Duration grace) {
        if (!running) {
            return;
        }
        stopping = true;
        InviteLayer inv = invites;
        if (inv != null) {
            inv.stop();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        shutdown(grace);
        log.info("SIP adapter stopped");
    }

    private void shutdown(Duration grace) {
        if (inbound != null) {
            inbound.answerAll(503, "Service Unavailable (shutting down)", "Retry-After", "5");
        }
        if (outbound != null) {
            outbound.failAll("the SIP adapter stopped");
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(Math.max(100, grace.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
        }
        if (stack != null) {
            stack.stop(shared.wireLog().sip());
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        if (resolver != null) {
            resolver.close();
        }
        if (timerGroup != null) {
            timerGroup.shutdownGracefully(0, Math.max(100, grace.toMillis()), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(Math.max(1000, grace.toMillis() * 2));
        }
    }

    /**
     * Applies what can change while running (reload): trusted peers ({@code gateway.sip.trust}) for requests
     * arriving from now on, and {@code gateway.sip.routing} except {@code transports} for requests sent from
     * now on. Transactions under way are not touched. Call after {@link #start()}.
     */
    public void reload(SipSettings s) {
        if (valve == null || outbound == null) {
            throw new IllegalStateException("the SIP adapter is not running");
        }
        valve.trust(s.trust(), shared.domains().servedSipDomains());
        outbound.routing(s.routing());
        live = s;
    }

    /**
     * Loads renewed TLS stores (reload) for SIP over TLS; the returned action puts them in force for new
     * connections (established ones keep their session). Without TLS listening points it does nothing.
     *
     * @throws IllegalStateException if a store cannot be loaded; nothing is changed then
     */
    public Runnable prepareTlsReload(SharedSettings sharedNow) {
        org.stoxgw.sipadapter.stack.ReloadableTls t = stack == null ? null : stack.tls();
        if (t == null) {
            return () -> { };
        }
        return org.stoxgw.sipadapter.stack.TlsContexts.reload(t, sharedNow.tls());
    }

    /** The counters (tests). */
    SipStats stats() {
        return stats;
    }

    /** MBeans of this adapter, by name; the engine registers them under the gateway's JMX domain. */
    public Map<String, Object> managedBeans() {
        if (inviteListener == null) {
            return Map.of("SipAdapter", stats);
        }
        // registered before start (the layer is built then): the bean reads the layer once it runs
        return Map.of("SipAdapter", stats, "SipInvite", new org.stoxgw.sipadapter.invite.LazyInviteBean(() -> {
            InviteLayer inv = invites;
            return inv == null ? null : inv.stats();
        }));
    }

    /** One line per configured SIP peer and route, for the PeerLinks MBean. */
    public List<String> describeLinks() {
        List<String> out = new ArrayList<>();
        SipSettings s = live != null ? live : settings;
        s.trust().peers().forEach(p -> out.add("sip trusted peer " + p));
        s.routing().outboundProxy().ifPresent(p -> out.add("sip outbound proxy " + p));
        s.routing().staticRoutes().forEach((d, h) -> out.add("sip static route " + d + " -> " + h));
        return out;
    }
}
