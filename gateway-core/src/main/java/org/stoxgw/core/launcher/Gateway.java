package org.stoxgw.core.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.jmx.GatewayBeans;
import org.stoxgw.core.jmx.JmxRegistry;
import org.stoxgw.core.messages.MessagePath;
import org.stoxgw.core.presence.PresencePath;
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
    private final List<String> listeningPoints = new ArrayList<>();
    private volatile Instant startedAt;

    public Gateway(GatewaySettings settings) {
        this.settings = settings;
        CoreSettings core = settings.core();
        this.engine = new Engine(core.eventLoopThreads(), core.maxSessions(), core.maxSessionsPerPeer());
        this.router = new Router(traffic);
        this.sip = new SipAdapter(settings.sip(), settings.shared(), engine.loops(), router);
        this.xmpp = new XmppAdapter(settings.xmpp(), settings.shared(), engine.loops(), router);
        RoutingContext ctx = new RoutingContext(engine, traffic, sipPort(sip), xmppPort(xmpp),
                new AddressMapper(Policies.addressPolicy(settings.shared().domains())), settings.shared());
        this.presence = new PresencePath(ctx, settings.presence());
        router.paths(new MessagePath(ctx, settings.messages()), presence);
        this.anchor = settings.rtpengine().enabled() ? new RtpEngineAnchor(settings.rtpengine(), engine.loops().next()) : null;
        this.jmx = new JmxRegistry(core.instanceName());
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
        try {
            if (settings.core().jmx()) {
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
        if (!state.compareAndSet(s, State.DRAINING)) {
            return;
        }
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

    private GatewayBeans.GatewayView view() {
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
