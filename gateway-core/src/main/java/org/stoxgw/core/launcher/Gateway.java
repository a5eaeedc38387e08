package org.stoxgw.core.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.admin.AdminServer;
import org.stoxgw.core.admin.AdminTls;
import org.stoxgw.core.admin.Metrics;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.jmx.GatewayBeans;
import org.stoxgw.core.jmx.JmxRegistry;
import org.stoxgw.core.chats.ChatPath;
import org.stoxgw.core.chats.InviteChatSignaling;
import org.stoxgw.core.messages.MessagePath;
import org.stoxgw.sipadapter.msrp.MsrpEndpoint;
import org.stoxgw.sipadapter.stack.TlsContexts;
import org.stoxgw.core.presence.PresencePath;
import org.stoxgw.core.routing.DrainGate;
import org.stoxgw.core.routing.Policies;
import org.stoxgw.core.routing.Router;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.core.routing.SipPort;
import org.stoxgw.core.routing.XmppPort;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.sipadapter.SipAdapter;
import org.stoxgw.sipadapter.rtpengine.MediaAnchor;
import org.stoxgw.sipadapter.rtpengine.RtpEngineAnchor;
import org.stoxgw.xmppadapter.IqOutcome;
import org.stoxgw.xmppadapter.XmppAdapter;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * One running gateway: engine, both adapters, router and MBeans, with their lifecycle.
 *
 * <p>{@link #start()} once; {@link #stop()} (idempotent, also via {@link #close()}) stops accepting,
 * waits for work in flight up to {@code gateway.core.shutdown.drain-timeout}, stops the adapters,
 * then the event loops within {@code shutdown.timeout}. Thread-safe.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Lifecycle states, as shown by the Gateway MBean. */
    public enum State { NEW, STARTING, RUNNING, DRAINING, STOPPED, FAILED }

    private final GatewaySettings settings;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Engine engine;
    private final Traffic traffic = new Traffic();
    private final Router router;
    private final SipAdapter sip;
    private final XmppAdapter xmpp;
    private final PresencePath presence;
    /** Media anchoring, when gateway.sip.rtpengine.address is set; else null (signalling-only, MEDIA-01). */
    private final RtpEngineAnchor anchor;
    private final JmxRegistry jmx;
    /** The MSRP endpoint and chat-session path, when gateway.chat uses sessions (RFC 7573); else null. */
    private final MsrpEndpoint msrp;
    private final ChatPath chats;
    private final List<String> listeningPoints = new ArrayList<>();
    private final Map<String, Supplier<Optional<String>>> readinessChecks = new ConcurrentHashMap<>();
    private final Metrics metrics;
    private AdminServer admin;
    private volatile Reloader reloader;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    private final DrainGate drainGate;
    private volatile Runnable onDrained = this::stop;
    private volatile LogLevels logLevels;
    private volatile Instant startedAt;

    public Gateway(GatewaySettings settings) {
        this.settings = settings;
        CoreSettings core = settings.core();
        this.engine = new Engine(core.eventLoopThreads(), core.maxSessions(), core.maxSessionsPerPeer());
        this.router = new Router(traffic);
        // the router takes incoming INVITEs too (chat sessions or calls by their offer; 488 while no path does)
        this.sip = new SipAdapter(settings.sip(), settings.shared(), engine.loops(), router, router);
        this.xmpp = new XmppAdapter(settings.xmpp(), settings.shared(), engine.loops(), router);
        RoutingContext ctx = new RoutingContext(engine, traffic, sipPort(sip), xmppPort(xmpp),
                new AddressMapper(Policies.addressPolicy(settings.shared().domains())), settings.shared());
        this.presence = new PresencePath(ctx, settings.presence());
        MessagePath messages = new MessagePath(ctx, settings.messages());
        router.paths(messages, presence);
        if (settings.chat().sessionsUsed()) {
            // RFC 7573 chat sessions: the MSRP endpoint, and the INVITE layer for their dialogs
            this.msrp = new MsrpEndpoint(settings.msrp(), engine.loops(),
                    settings.msrp().tls() ? TlsContexts.create(settings.shared().tls()).context() : null);
            InviteChatSignaling signaling = new InviteChatSignaling(sip::invites);
            this.chats = new ChatPath(ctx, settings.chat(), msrp, signaling, messages::onStanza,
                    settings.messages().payloadLimits());
            signaling.path(chats);
            router.chats(chats);
            router.invites(null, signaling);
        } else {
            this.msrp = null;
            this.chats = null;
        }
        this.anchor = settings.rtpengine().enabled() ? new RtpEngineAnchor(settings.rtpengine(), engine.loops().next()) : null;
        this.drainGate = new DrainGate(traffic, xmpp::send, settings.admin().drainRetryAfter());
        router.drainGate(drainGate);
        this.jmx = new JmxRegistry(core.instanceName());
        this.metrics = settings.admin().enabled() ? new Metrics(core.instanceName(), traffic) : null;
        readinessChecks.put("store", presence::storeProblem);
        if (anchor != null) {
            // rtpengine reachable when media anchoring is configured (its ng pings say UP)
            readinessChecks.put("rtpengine", () -> anchor.available() ? Optional.empty()
                    : Optional.of("rtpengine at " + settings.rtpengine().address().map(Object::toString).orElse("?") + " is " + anchor.state()));
        }
    }

    /**
     * Starts everything and returns when the gateway listens.
     *
     * @throws IllegalStateException if a listening point cannot be bound or the stack fails; what
     *                               was started is stopped again
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("already " + state.get());
        }
        long t0 = System.nanoTime();
        log.info("stoxgw {} starting (instance {})", Version.get(), settings.core().instanceName());
        settings.logLevels().apply(null);
        logLevels = settings.logLevels();
        try {
            if (metrics != null) {
                // first, so that probes see the start; /ready says not ready until RUNNING
                traffic.timings(metrics);
                admin = new AdminServer(settings.admin(), new GatewayAdmin(this, this::links, sip::describeLinks),
                        metrics, settings.admin().clientAuth() ? AdminTls.context(settings.shared().tls()) : null);
                listeningPoints.add(admin.start());
            }
            if (settings.core().jmx() || metrics != null) {
                // /metrics reads the MBeans: they are registered whenever the admin endpoint is on
                GatewayBeans.registerAll(jmx, view(), engine, traffic, sip::describeLinks, xmpp::describeLinks);
                sip.managedBeans().forEach(jmx::register);
                xmpp.managedBeans().forEach(jmx::register);
                presence.managedBeans().forEach(jmx::register);
                if (anchor != null) {
                    jmx.register("RtpEngine", anchor.bean());
                }
            }
            if (anchor != null) {
                // not waiting for its first pong: a gateway whose rtpengine is down still does messages and presence
                anchor.start();
                log.info("media anchoring through rtpengine at {} (ng)", settings.rtpengine().address().orElseThrow());
            }
            // stored subscriptions are back before anything can arrive for them
            presence.open(settings.core().instanceName());
            listeningPoints.addAll(xmpp.start());
            if (msrp != null) {
                msrp.start();
                listeningPoints.add("msrp " + settings.msrp().bindHost() + ":" + msrp.port()
                        + (settings.msrp().tls() ? " (TLS)" : ""));
                if (settings.core().jmx()) {
                    jmx.register("ChatSessions", chats.stats());
                }
            }
            listeningPoints.addAll(sip.start());
            presence.resume();
        } catch (Exception | LinkageError e) {
            state.set(State.FAILED);
            log.error("start failed: {}", e.toString());
            shutdownQuietly();
            throw new IllegalStateException("gateway failed to start: " + e.getMessage(), e);
        }
        startedAt = Instant.now();
        state.set(State.RUNNING);
        listeningPoints.forEach(p -> log.info("listening: {}", p));
        settings.shared().domains().describe().forEach(d -> log.info("serving: {}", d));
        log.info("ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Graceful, bounded stop. Safe to call more than once and from a shutdown hook. */
    public void stop() {
        State s = state.get();
        if (s == State.STOPPED || s == State.NEW) {
            state.set(State.STOPPED);
            return;
        }
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        state.set(State.DRAINING);
        drainGate.close();
        // new requests get 503 with Retry-After from here on (D-SIP-03), not a 408 from a path
        // whose other side has already stopped (issue 13)
        engine.beginDrain();
        sip.refuseNewRequests();
        log.info("stopping: draining {} unit(s) of work in flight", engine.inFlight());
        try {
            if (!engine.awaitDrained(settings.core().drainTimeout())) {
                log.warn("drain timeout: {} unit(s) of work still in flight", engine.inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownQuietly();
        state.set(State.STOPPED);
        log.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private void shutdownQuietly() {
        Duration timeout = settings.core().shutdownTimeout();
        try {
            xmpp.stop(timeout);
        } catch (RuntimeException e) {
            log.warn("XMPP adapter stop: {}", e.toString());
        }
        try {
            sip.stop(timeout);
            if (msrp != null) {
                msrp.close();
            }
        } catch (RuntimeException e) {
            log.warn("SIP adapter stop: {}", e.toString());
        }
        if (anchor != null) {
            anchor.close();
        }
        try {
            if (!engine.shutdown(Duration.ofMillis(50), timeout)) {
                log.warn("event loops did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            presence.close();
        } catch (RuntimeException e) {
            log.warn("presence store close: {}", e.toString());
        }
        jmx.unregisterAll();
        if (admin != null) {
            admin.close();
        }
        traffic.timings(null);
    }

    private List<?> links() {
        Object bean = xmpp.managedBeans().get("XmppLinks");
        return bean instanceof org.stoxgw.xmppadapter.XmppLinksMXBean b ? b.getLinks() : List.of();
    }

    /**
     * Adds a readiness check shown by {@code /ready} (e.g. {@code rtpengine} when media is configured): the
     * supplier returns the problem, or empty when ready. Called before or after start; must not block long.
     */
    public void readinessCheck(String name, Supplier<Optional<String>> check) {
        readinessChecks.put(name, check);
    }

    /** Every readiness check: the gateway's state and listening points first, then the added ones. */
    Map<String, Optional<String>> readiness() {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        State s = state.get();
        out.put("state", s == State.RUNNING ? Optional.empty() : Optional.of("the gateway is " + s));
        out.put("listening", s == State.RUNNING && !listeningPoints.isEmpty() ? Optional.empty()
                : Optional.of("listening points not open"));
        new TreeMap<>(readinessChecks).forEach((name, check) -> {
            Optional<String> problem;
            try {
                problem = check.get();
            } catch (RuntimeException e) {
                problem = Optional.of(e.toString());
            }
            out.put(name, problem);
        });
        return out;
    }

    /**
     * Where a reload reads from: the file and environment this gateway was started from, and the values it
     * was started with ({@link GatewaySettings#loadWithValues}). Without it a reload reports that it cannot.
     */
    public void reloadFrom(Optional<java.nio.file.Path> file, Map<String, String> env, java.util.SortedMap<String, String> values) {
        reloader = new Reloader(file, env, values);
    }

    /** Reloads the configuration file (SIGHUP, {@code stoxgwctl reload}); the report says what changed. */
    public Map<String, Object> reload() {
        Reloader r = reloader;
        if (r == null) {
            throw new UnsupportedOperationException("this gateway was not started from a file it can read again");
        }
        if (state.get() != State.RUNNING) {
            return Map.of("applied", false, "problems", List.of("the gateway is " + state.get()));
        }
        return r.reload(this::applyReload);
    }

    private Reloader.Applied applyReload(GatewaySettings next, java.util.TreeSet<String> changed) {
        List<String> also = new ArrayList<>();
        List<String> partly = new ArrayList<>();
        boolean stores = next.shared().tls().keyStore().isPresent() || next.shared().tls().trustStore().isPresent();
        // first, and every time: loading the stores is what can fail (nothing else has changed yet then), and a
        // renewed certificate is a new file under the old name
        Runnable sipTls = sip.prepareTlsReload(next.shared());
        xmpp.reload(next.xmpp(), next.shared());
        sipTls.run();
        if (stores) {
            also.add("gateway.tls: key and trust stores read again (new XMPP streams and links, new SIP TLS connections)");
        }
        if (changed.stream().anyMatch(k -> k.startsWith("gateway.sip."))) {
            sip.reload(next.sip());
        }
        if (changed.stream().anyMatch(k -> k.startsWith("gateway.core."))) {
            engine.sessions().limits(next.core().maxSessions(), next.core().maxSessionsPerPeer());
        }
        if (changed.stream().anyMatch(k -> k.startsWith("gateway.logging.levels"))) {
            next.logLevels().apply(logLevels);
            logLevels = next.logLevels();
        }
        return new Reloader.Applied(also, partly);
    }

    /**
     * Stops taking new work (503 with Retry-After, XMPP resource-constraint), lets the work in flight finish
     * (at most {@code gateway.admin.drain.timeout}), then runs {@link #onDrained} (the launcher exits the
     * process; by default the gateway stops). /ready answers 503 from now on. Idempotent.
     */
    public Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!state.compareAndSet(State.RUNNING, State.DRAINING)) {
            out.put("draining", state.get() == State.DRAINING);
            out.put("state", state.get().name());
            return out;
        }
        drainGate.close();
        int n = engine.inFlight();
        log.info("draining: new work refused; waiting for {} unit(s) of work in flight", n);
        Thread t = new Thread(() -> {
            try {
                if (!engine.awaitDrained(settings.admin().drainTimeout())) {
                    log.warn("drain timeout: {} unit(s) of work still in flight; stopping anyway", engine.inFlight());
                } else {
                    log.info("drained: nothing in flight");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onDrained.run();
        }, "stoxgw-drain");
        t.start();
        out.put("draining", true);
        out.put("inFlight", n);
        out.put("retryAfterSeconds", settings.admin().drainRetryAfter().toSeconds());
        return out;
    }

    /** What runs once a drain is over (the launcher: exit the process). */
    public void onDrained(Runnable action) {
        onDrained = action;
    }

    /** The port the admin endpoint listens on (tests bind port 0), or -1 when it is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    private static SipPort sipPort(SipAdapter sip) {
        return new SipPort() {
            @Override
            public CompletionStage<SipOutcome> send(SipRequest request) {
                return sip.send(request);
            }

            @Override
            public String newTag() {
                return sip.newTag();
            }

            @Override
            public String newCallId() {
                return sip.newCallId();
            }

            @Override
            public org.stoxgw.sipadapter.invite.InviteDialogs invites() {
                return sip.invites();
            }
        };
    }

    private static XmppPort xmppPort(XmppAdapter xmpp) {
        return new XmppPort() {
            @Override
            public CompletionStage<XmppOutcome> send(Stanza stanza) {
                return xmpp.send(stanza);
            }

            @Override
            public CompletionStage<IqOutcome> sendIq(IQ request, Duration timeout) {
                return xmpp.sendIq(request, timeout);
            }
        };
    }

    /** Media anchoring through rtpengine, when configured (gateway.sip.rtpengine.address). */
    public Optional<MediaAnchor> mediaAnchor() {
        return Optional.ofNullable(anchor);
    }

    public State state() {
        return state.get();
    }

    /** The bound listening points, e.g. {@code xmpp-s2s 127.0.0.1:5269}. */
    public List<String> listeningPoints() {
        return List.copyOf(listeningPoints);
    }

    public Traffic traffic() {
        return traffic;
    }

    public Engine engine() {
        return engine;
    }

    public JmxRegistry jmx() {
        return jmx;
    }

    GatewayBeans.GatewayView view() {
        return new GatewayBeans.GatewayView() {
            @Override
            public String state() {
                return Gateway.this.state.get().name();
            }

            @Override
            public String version() {
                return Version.get();
            }

            @Override
            public String startedAt() {
                Instant t = startedAt;
                return t == null ? "" : t.toString();
            }

            @Override
            public long uptimeSeconds() {
                Instant t = startedAt;
                return t == null ? 0 : Duration.between(t, Instant.now()).toSeconds();
            }

            @Override
            public List<String> listeningPoints() {
                return Gateway.this.listeningPoints();
            }

            @Override
            public List<String> servedXmppDomains() {
                return List.copyOf(settings.shared().domains().servedXmppDomains());
            }

            @Override
            public List<String> servedSipDomains() {
                return List.copyOf(settings.shared().domains().servedSipDomains());
            }
        };
    }
}
