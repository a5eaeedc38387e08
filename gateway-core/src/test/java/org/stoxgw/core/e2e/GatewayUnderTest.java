package org.stoxgw.core.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ObjectName;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.core.engine.Traffic.Outcome;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.jmx.JmxRegistry;
import org.stoxgw.core.launcher.Gateway;
import org.stoxgw.core.launcher.GatewaySettings;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;

/**
 * A real gateway, started in the test JVM from HOCON, listening on a {@link TestNet} address (SIP UDP
 * and TCP on one free port, S2S on another), for end-to-end tests with real peers. The domains are
 * those of the peer harnesses (direct mapping, RFC 7247):
 * <ul>
 *   <li>{@value #SIP_DOMAIN}: SIP users (SIPp, baresip), presented on XMPP as {@code user@sip.test}; the
 *       gateway is the XMPP server of {@code sip.test} and reaches the SIP users through
 *       {@link Builder#sipRoute};</li>
 *   <li>{@value #XMPP_DOMAIN}: XMPP users (Prosody), presented on SIP as {@code sip:user@xmpp.test}; the
 *       gateway is the SIP server of {@code xmpp.test} and reaches Prosody through {@link Builder#xmppRoute};</li>
 *   <li>{@value #GATEWAY_DOMAIN}: the gateway-domain mode for any other address.</li>
 * </ul>
 * Every part of the configuration can be added to with {@link Builder#hocon}. {@link #close()} stops
 * it gracefully (work in flight drains first).
 */
public final class GatewayUnderTest implements AutoCloseable {
    public static final String SIP_DOMAIN = "sip.test";
    public static final String XMPP_DOMAIN = "xmpp.test";
    public static final String GATEWAY_DOMAIN = "gw.test";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private volatile Gateway gateway;
    private final GatewaySettings settings;
    private final String instance;
    private final String ip;
    private final int sipPort;
    private final int s2sPort;

    private GatewayUnderTest(Gateway gateway, GatewaySettings settings, String instance, String ip, int sipPort, int s2sPort) {
        this.gateway = gateway;
        this.settings = settings;
        this.instance = instance;
        this.ip = ip;
        this.sipPort = sipPort;
        this.s2sPort = s2sPort;
    }

    /** A gateway on {@code TestNet.address(3)} (the testbed's gateway address). */
    public static Builder builder() {
        return new Builder(TestNet.address(3));
    }

    /** The gateway's options. */
    public static final class Builder {
        private final String ip;
        private final int sipPort;
        private final int s2sPort;
        private final Map<String, String> sipRoutes = new LinkedHashMap<>();
        private final Map<String, String> xmppRoutes = new LinkedHashMap<>();
        private final StringBuilder hocon = new StringBuilder();

        private Builder(String ip) {
            this.ip = ip;
            this.sipPort = FreePorts.tcpAndUdp(ip);
            this.s2sPort = FreePorts.tcp(ip);
        }

        /** The address peers reach the gateway at (known before it starts, e.g. for Prosody's route). */
        public String ip() {
            return ip;
        }

        public int sipPort() {
            return sipPort;
        }

        public int s2sPort() {
            return s2sPort;
        }

        /** SIP requests for {@code domain} go to {@code next} ("host:port" or "host:port;transport=tcp"). */
        public Builder sipRoute(String domain, String next) {
            sipRoutes.put(domain, next);
            return this;
        }

        /** S2S streams to {@code domain} go to {@code hostPort} instead of DNS. */
        public Builder xmppRoute(String domain, String hostPort) {
            xmppRoutes.put(domain, hostPort);
            return this;
        }

        /** More HOCON, applied after the harness's own (so it wins). */
        public Builder hocon(String more) {
            hocon.append('\n').append(more).append('\n');
            return this;
        }

        public GatewayUnderTest start() {
            String instance = "e2e-" + INSTANCES.incrementAndGet();
            StringBuilder c = new StringBuilder();
            c.append("""
                    gateway {
                      core { instance-name = "%s", event-loop-threads = 2 }
                      domains {
                        sip-users = [ { sip = "%s", xmpp = "%s" } ]
                        xmpp-users = [ { xmpp = "%s", sip = "%s" } ]
                        gateway = [ { xmpp = "%s", sip = "%s" } ]
                      }
                      sip.listen { udp = ["%s:%d"], tcp = ["%s:%d"] }
                      xmpp.listen = ["%s:%d"]
                      xmpp.dialback.secret = "e2e-dialback-secret"
                    }
                    """.formatted(instance, SIP_DOMAIN, SIP_DOMAIN, XMPP_DOMAIN, XMPP_DOMAIN,
                    GATEWAY_DOMAIN, GATEWAY_DOMAIN, ip, sipPort, ip, sipPort, ip, s2sPort));
            // presence state of this gateway under target/ (never the user's home), kept over restart()
            c.append("gateway.presence.store.path = \"").append(Path.of("target", "e2e", "store",
                    instance + "-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis()).toAbsolutePath().toString().replace('\\', '/'))
                    .append("\"\ngateway.presence.restart-spread = 0s\n");
            sipRoutes.forEach((d, n) -> c.append("gateway.sip.routing.static-routes.\"").append(d).append("\" = \"")
                    .append(n).append("\"\n"));
            xmppRoutes.forEach((d, n) -> c.append("gateway.xmpp.routes.\"").append(d).append("\" = \"").append(n).append("\"\n"));
            c.append(hocon);
            Path dir = Path.of("target", "e2e");
            GatewaySettings.Loaded loaded;
            Path f;
            try {
                Files.createDirectories(dir);
                f = Files.createTempFile(dir, "gateway", ".conf");
                Files.writeString(f, c.toString());
                loaded = GatewaySettings.loadWithValues(Optional.of(f), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Gateway gw = new Gateway(loaded.settings());
            // a reload reads this file again (tests rewrite it, see configFile())
            gw.reloadFrom(Optional.of(f), Map.of(), loaded.values());
            gw.start();
            GatewayUnderTest g = new GatewayUnderTest(gw, loaded.settings(), instance, ip, sipPort, s2sPort);
            g.configFile = f;
            return g;
        }
    }

    public String ip() {
        return ip;
    }

    private Path configFile;

    /** The configuration file the gateway was started from, and that a reload reads again. */
    public Path configFile() {
        return configFile;
    }

    /** The SIP port (UDP and TCP). */
    public int sipPort() {
        return sipPort;
    }

    /** The S2S port. */
    public int s2sPort() {
        return s2sPort;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The S2S links as the PeerLinks MBean shows them, e.g. {@code in sip.test <- xmpp.test up auth=sasl-external tls=tls-verified …}. */
    public List<String> xmppLinks() {
        try {
            ObjectName name = new ObjectName(JmxRegistry.DOMAIN + ":instance=" + ObjectName.quote(instance) + ",type=PeerLinks");
            return List.of((String[]) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "XmppLinks"));
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    /** An attribute of one of the gateway's MBeans ({@code type} = Traffic, XmppLinks, SipAdapter, ...), as JMX shows it. */
    public Object mbean(String type, String attribute) {
        try {
            ObjectName name = new ObjectName(JmxRegistry.DOMAIN + ":instance=" + ObjectName.quote(instance) + ",type=" + type);
            return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    /** A numeric MBean attribute (a counter or gauge). */
    public long counter(String type, String attribute) {
        return ((Number) mbean(type, attribute)).longValue();
    }

    /** An entry of a map-valued MBean attribute (e.g. SipAdapter ResponsesSent by status), 0 if absent. */
    public long counter(String type, String attribute, String key) {
        javax.management.openmbean.TabularData t = (javax.management.openmbean.TabularData) mbean(type, attribute);
        javax.management.openmbean.CompositeData row = t.get(new Object[] {key});
        return row == null ? 0 : ((Number) row.get("value")).longValue();
    }

    public Traffic traffic() {
        return gateway.traffic();
    }

    /** Waits until no message is in flight (the engine's work count is zero), at most {@code timeout}. */
    public void awaitIdle(Duration timeout) {
        try {
            if (!gateway.engine().awaitDrained(timeout)) {
                throw new AssertionError(gateway.engine().inFlight() + " unit(s) of work still in flight after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** received = delivered + rejected + failed, once idle; returns the direction's counts for messages. */
    public Map<String, Long> assertBalanced(Direction d) {
        awaitIdle(Duration.ofSeconds(40));
        Traffic t = traffic();
        long received = t.get(d, Outcome.RECEIVED);
        long ended = t.get(d, Outcome.DELIVERED) + t.get(d, Outcome.REJECTED) + t.get(d, Outcome.FAILED);
        if (received != ended) {
            throw new AssertionError("received != delivered + rejected + failed for " + d + ": " + t.snapshot(d));
        }
        return t.snapshot(d);
    }

    /**
     * Stops the gateway gracefully and starts it again with the same configuration, addresses and
     * store, as an operator's restart would.
     */
    public void restart() {
        gateway.stop();
        Gateway gw = new Gateway(settings);
        gw.start();
        gateway = gw;
    }

    /** The Presence MBean's counters (e.g. {@code notifications_out}, {@code dropped_no_subscription}). */
    @SuppressWarnings("unchecked")
    public Map<String, Long> presenceCounters() {
        try {
            ObjectName name = new ObjectName(JmxRegistry.DOMAIN + ":instance=" + ObjectName.quote(instance) + ",type=Presence");
            javax.management.openmbean.TabularData t = (javax.management.openmbean.TabularData)
                    ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Counters");
            Map<String, Long> out = new LinkedHashMap<>();
            for (Object row : t.values()) {
                javax.management.openmbean.CompositeData cd = (javax.management.openmbean.CompositeData) row;
                out.put((String) cd.get("key"), (Long) cd.get("value"));
            }
            return out;
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
