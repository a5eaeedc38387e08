package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPMessageValve;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.sip.DialogTerminatedEvent;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.HostPort;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.sipadapter.SipSettings;
import org.stoxgw.sipadapter.SipTlsOptions;
import org.stoxgw.sipadapter.SipTransport;

/**
 * One JAIN-SIP stack configured for the gateway: a transaction-level user agent (no automatic
 * dialogs: the core owns dialog state so that it survives a restart), the reentrant listener on
 * JAIN-SIP's own threads, BIO message processors, explicit TLS protocols and cipher suites
 * (JAIN-SIP's defaults fail on Java 17), SLF4J logging, the {@link TolerantParser}, the
 * {@link PresetHopRouter} (no DNS inside JAIN-SIP), the {@link GatewayNetworkLayer} and the
 * adapter's request valve. Listening points are grouped into providers (one per address, one
 * listening point per transport each), all feeding one listener.
 *
 * <p>Not thread-safe: {@link #start} and {@link #stop} run on the adapter's lifecycle thread.
 * JAIN-SIP's one static self-routing executor (shared by every stack in the JVM and shut down by
 * any stack's stop) is never used: the adapter refuses to send to its own listening points.
 */
public final class SipStackHolder {
    private static final Logger log = LoggerFactory.getLogger(SipStackHolder.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final SipStackImpl stack;
    private final String name;
    private final LocalPoints points;
    private ReloadableTls tls;

    private SipStackHolder(SipStackImpl stack, String name, LocalPoints points) {
        this.stack = stack;
        this.name = name;
        this.points = points;
    }

    /**
     * Creates the stack and binds every listening point.
     *
     * @throws IllegalStateException naming the listening point that could not be bound; nothing
     *                               is left running
     */
    public static SipStackHolder start(SipSettings s, SharedSettings shared, SipListener listener, SIPMessageValve valve,
                                       Predicate<String> wireLogFor, EventLoopGroup udpLoops, LongAdder retransmissionsAbsorbed,
                                       CompletedTransactions completed, LongAdder unframedDropped) {
        LeanUdpTransactions lean = udpLoops == null ? null : new LeanUdpTransactions(wireLogFor);
        String name = "stoxgw-sip-" + COUNTER.incrementAndGet();
        ReloadableTls tls = s.tls().isEmpty() ? null : TlsContexts.create(shared.tls());
        SSLContext ssl = tls == null ? null : tls.context();
        StackContext.register(new StackContext(name, ssl, (int) s.timeouts().connect().toMillis(), wireLogFor,
                udpLoops, retransmissionsAbsorbed, completed, s.limits().maxMessageSize(), s.limits().maxConnections(),
                unframedDropped, lean));
        boolean wire = shared.wireLog().sip();
        if (wire) {
            Slf4jStackLogger.wireLoggingOn();
        }
        SipStackImpl stack = null;
        try {
            stack = new GatewaySipStack(properties(name, s, shared));
            stack.sipMessageValves.add(valve);
            if (lean != null) {
                lean.start(stack);
            }
            List<LocalPoints.Point> bound = new ArrayList<>();
            List<SipProvider> providers = new ArrayList<>();
            bind(stack, s.udp(), SipTransport.UDP, bound, providers, listener);
            bind(stack, s.tcp(), SipTransport.TCP, bound, providers, listener);
            bind(stack, s.tls(), SipTransport.TLS, bound, providers, listener);
            SipStackHolder h = new SipStackHolder(stack, name, new LocalPoints(bound, s.advertisedHost().orElse("")));
            h.tls = tls;
            return h;
        } catch (RuntimeException | javax.sip.SipException | java.util.TooManyListenersException
                 | java.net.UnknownHostException e) {
            if (stack != null) {
                stopStack(stack);
            }
            StackContext.unregister(name);
            if (wire) {
                Slf4jStackLogger.wireLoggingOff();
            }
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("SIP stack: " + e.getMessage(), e);
        }
    }

    private static void bind(SipStackImpl stack, List<HostPort> hps, SipTransport t, List<LocalPoints.Point> bound,
                             List<SipProvider> providers, SipListener listener)
            throws javax.sip.SipException, java.util.TooManyListenersException, java.net.UnknownHostException {
        for (HostPort hp : hps) {
            ListeningPoint lp;
            try {
                lp = stack.createListeningPoint(hp.host(), hp.port(), t.wireName());
            } catch (javax.sip.InvalidArgumentException | javax.sip.TransportNotSupportedException e) {
                throw new IllegalStateException("cannot listen on sip " + t.wireName() + " " + hp + ": " + e.getMessage(), e);
            }
            SipProvider provider = null;
            for (SipProvider p : providers) {
                if (p.getListeningPoint(t.wireName()) == null && p.getListeningPoints()[0].getIPAddress().equals(lp.getIPAddress())) {
                    provider = p;
                    break;
                }
            }
            if (provider == null) {
                provider = stack.createSipProvider(lp);
                provider.addSipListener(listener);
                providers.add(provider);
            } else {
                provider.addListeningPoint(lp);
            }
            bound.add(new LocalPoints.Point(t, InetAddress.getByName(lp.getIPAddress()), lp.getPort(), provider));
        }
    }

    static Properties properties(String name, SipSettings s, SharedSettings shared) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        // the core keeps dialog state (persisted, survives restarts): a transaction-level UA
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "false");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // only JAIN-SIP's own UDP processor would use its pool (the adapter's reads on an event loop)
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        // UDP: read and processed on an event loop (P-02); TCP/TLS: JAIN-SIP's BIO processors
        // transaction timers on a hashed wheel: O(1) schedule and cancel, no wake-up per cancelled timer (P-06)
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", WheelSipTimer.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", GatewayMessageProcessorFactory.class.getName());
        // a completed transaction keeps its response as bytes (to answer retransmissions for Timer J, 32 s
        // over UDP) but lets go of the parsed request and response at once (P-04); the adapter holds what it needs
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(s.limits().udpSocketBuffer()));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(s.limits().udpSocketBuffer()));
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", WireLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", TolerantParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", GatewayNetworkLayer.class.getName());
        p.setProperty("javax.sip.ROUTER_PATH", PresetHopRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        // no MAX_MESSAGE_SIZE: JAIN-SIP's stream parser closes connections without an answer on it (issue 13);
        // the FramingInputStream (TCP/TLS) and the valve (513) enforce limits.max-message-size instead
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(s.limits().maxConnections()));
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Long.toString(s.timeouts().connect().toMillis()));
        p.setProperty("gov.nist.javax.sip.CONNECTION_TIMEOUT", Long.toString(s.timeouts().connect().toMillis()));
        p.setProperty("gov.nist.javax.sip.MIN_KEEPALIVE_TIME_SECONDS", "-1");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", shared.tls().protocols()));
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", shared.tls().cipherSuites()));
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", Long.toString(s.tlsOptions().handshakeTimeout().toMillis()));
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", clientAuth(s.tlsOptions().clientAuth()));
        return p;
    }

    private static String clientAuth(SipTlsOptions.ClientAuth a) {
        return switch (a) {
            case NONE -> "Disabled";
            case WANT -> "Want";
            case NEED -> "Enabled";
        };
    }

    /**
     * Stops a stack without leaving its non-daemon EventScannerThread behind: JAIN-SIP 1.3 only
     * sets a flag while that thread waits in {@code take()} on its event queue, so one harmless
     * event (a dialog-terminated event with no dialog, ignored by every listener) wakes it up to
     * see the flag. Works for any {@link SipStackImpl}; the test user agent uses it too.
     */
    public static void stopStack(SipStackImpl stack) {
        EventScanner scanner = stack.getEventScanner();
        java.util.Iterator<?> providers = stack.getSipProviders();
        Object provider = providers.hasNext() ? providers.next() : null;
        stack.stop();
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(provider != null ? provider : stack, null), null));
        }
    }

    /** The TLS context a reload can renew, or null without TLS listening points. */
    public ReloadableTls tls() {
        return tls;
    }

    public LocalPoints points() {
        return points;
    }

    /** The adapter's own non-INVITE client transactions over UDP (P-15), null without UDP on event loops. */
    public LeanUdpTransactions lean() {
        return StackContext.of(name).lean();
    }

    /** Closes every listening point and connection and stops JAIN-SIP's threads (takes about 1 s). */
    public void stop(boolean wireLogged) {
        try {
            stopStack(stack);
        } catch (RuntimeException e) {
            log.warn("SIP stack stop: {}", e.toString());
        } finally {
            StackContext.unregister(name);
            if (wireLogged) {
                Slf4jStackLogger.wireLoggingOff();
            }
        }
    }
}
