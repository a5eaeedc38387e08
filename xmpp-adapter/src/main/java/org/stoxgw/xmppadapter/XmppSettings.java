package org.stoxgw.xmppadapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.DomainSettings;
import org.stoxgw.config.HostPort;
import org.stoxgw.config.SharedSettings;

/**
 * {@code gateway.xmpp}: the XMPP adapter's settings, read once at start-up (every key, its default and
 * its meaning: xmpp-adapter's reference.conf). Secrets are hidden by {@link #toString()}.
 *
 * @param mode            federation (S2S) or component (XEP-0114)
 * @param listen          S2S listening points
 * @param listenDirectTls direct-TLS S2S listening points (XEP-0368)
 * @param tls             TLS policy
 * @param auth            authentication policy
 * @param dialbackSecret  XEP-0185 secret, "" = random per start
 * @param remoteDomains   which remote domains may federate
 * @param routes          static routes, remote domain to host:port, overriding DNS
 * @param dnsServers      DNS servers, empty = the system's
 * @param dnsQueryTimeout time for one DNS query
 * @param limits          size and count limits
 * @param timeouts        timers
 * @param acks            how written stanzas are confirmed
 * @param componentServer the XMPP server's component port (component mode)
 * @param componentSecret the XEP-0114 shared secret
 */
public record XmppSettings(Mode mode, List<HostPort> listen, List<HostPort> listenDirectTls, TlsPolicy tls,
                           AuthPolicy auth, String dialbackSecret, RemoteDomainPolicy remoteDomains,
                           Map<String, HostPort> routes, List<HostPort> dnsServers, Duration dnsQueryTimeout,
                           Limits limits, Timeouts timeouts, AckMode acks, HostPort componentServer,
                           String componentSecret) {

    /** How the gateway joins the XMPP network. */
    public enum Mode { FEDERATION, COMPONENT }

    /** Whether streams must be encrypted. */
    public enum TlsPolicy { OPTIONAL, REQUIRED }

    /** How remote servers must authenticate and which remote certificates the gateway insists on. */
    public enum AuthPolicy { DIALBACK_ALLOWED, CERTIFICATES_REQUIRED }

    /** How written stanzas are confirmed before {@link XmppOutcome.Sent}. */
    public enum AckMode { PING, NONE }

    /**
     * Size and count limits.
     *
     * @param stanzaBytes             largest stanza or stream-level element
     * @param depth                   deepest nesting, stream root = 1
     * @param attributes              most attributes per element
     * @param queuePerLink            stanzas waiting on one outbound link
     * @param inboundStreams          inbound streams in total
     * @param inboundStreamsPerDomain inbound streams claiming one remote domain
     * @param dialbackPending         dialback verifications in progress per inbound stream
     * @param stanzaRate              inbound stanzas per second per remote domain, on average
     * @param stanzaBurst             inbound stanzas one remote domain may send at once above the rate
     * @param trackedDomains          remote domains tracked for the rate
     * @param pendingIqs              IQ requests of the core waiting for their answers at once
     */
    public record Limits(int stanzaBytes, int depth, int attributes, int queuePerLink, int inboundStreams,
                         int inboundStreamsPerDomain, int dialbackPending, int stanzaRate, int stanzaBurst,
                         int trackedDomains, int pendingIqs) { }

    /**
     * Timers.
     *
     * @param connect      TCP connect per address
     * @param negotiation  connect until authenticated
     * @param delivery     longest wait of a stanza for delivery
     * @param ack          longest wait for an acknowledgement
     * @param ackDelay     wait after a write before the confirming ping, so one ping confirms a batch
     * @param idle         close streams without stanzas for this long
     * @param keepalive    whitespace keepalive interval
     * @param reconnectMin first reconnect delay
     * @param reconnectMax longest reconnect delay
     */
    public record Timeouts(Duration connect, Duration negotiation, Duration delivery, Duration ack, Duration ackDelay,
                           Duration idle, Duration keepalive, Duration reconnectMin, Duration reconnectMax) { }

    /**
     * Remote domains allowed to federate. Patterns are exact domains or {@code *.domain} for
     * subdomains of {@code domain}.
     */
    public record RemoteDomainPolicy(List<String> allow, List<String> deny) {
        public RemoteDomainPolicy {
            allow = List.copyOf(allow);
            deny = List.copyOf(deny);
        }

        /** Whether {@code domain} (lower case) may federate. */
        public boolean permits(String domain) {
            if (matchesAny(deny, domain)) {
                return false;
            }
            return allow.isEmpty() || matchesAny(allow, domain);
        }

        private static boolean matchesAny(List<String> patterns, String domain) {
            for (String p : patterns) {
                if (p.startsWith("*.") ? domain.endsWith(p.substring(1)) : p.equals(domain)) {
                    return true;
                }
            }
            return false;
        }
    }

    public XmppSettings {
        listen = List.copyOf(listen);
        listenDirectTls = List.copyOf(listenDirectTls);
        routes = Map.copyOf(routes);
        dnsServers = List.copyOf(dnsServers);
        Objects.requireNonNull(dialbackSecret, "dialbackSecret");
        Objects.requireNonNull(componentSecret, "componentSecret");
    }

    /**
     * Reads {@code xmpp} under the {@code gateway} reader; cross-checks against the shared TLS
     * material (a TLS requirement without a certificate is a configuration error).
     */
    public static XmppSettings read(ConfigReader gateway, SharedSettings shared) {
        ConfigReader x = gateway.section("xmpp");
        Mode mode = x.enumValue("mode", Mode.class);
        List<HostPort> listen = hostPorts(x, "listen", 5269);
        List<HostPort> directTls = hostPorts(x, "listen-direct-tls", 5270);
        ConfigReader sec = x.section("security");
        TlsPolicy tls = sec.enumValue("tls", TlsPolicy.class);
        AuthPolicy auth = sec.enumValue("auth", AuthPolicy.class);
        String secret = x.section("dialback").secret("secret");
        ConfigReader rd = x.section("remote-domains");
        RemoteDomainPolicy remote = new RemoteDomainPolicy(patterns(rd, "allow"), patterns(rd, "deny"));
        Map<String, HostPort> routes = routes(x);
        ConfigReader dns = x.section("dns");
        List<HostPort> dnsServers = hostPorts(dns, "servers", 53);
        Duration dnsTimeout = dns.duration("query-timeout", Duration.ofMillis(100), Duration.ofMinutes(1));
        ConfigReader l = x.section("limits");
        Limits limits = new Limits(
                (int) l.bytes("stanza-bytes", 10_000, 64L * 1024 * 1024),
                l.integer("depth", 8, 10_000),
                l.integer("attributes", 8, 10_000),
                l.integer("queue-per-link", 1, 1_000_000),
                l.integer("inbound-streams", 1, 1_000_000),
                l.integer("inbound-streams-per-domain", 1, 10_000),
                l.integer("dialback-pending", 1, 10_000),
                l.integer("stanza-rate", 1, 10_000_000),
                l.integer("stanza-burst", 1, 10_000_000),
                l.integer("tracked-domains", 1, 10_000_000),
                l.integer("pending-iqs", 1, 10_000_000));
        ConfigReader t = x.section("timeouts");
        Duration ms100 = Duration.ofMillis(100);
        Duration day = Duration.ofDays(1);
        Timeouts timeouts = new Timeouts(
                t.duration("connect", ms100, Duration.ofMinutes(5)),
                t.duration("negotiation", ms100, Duration.ofMinutes(10)),
                t.duration("delivery", ms100, day),
                t.duration("ack", ms100, Duration.ofHours(1)),
                t.duration("ack-delay", Duration.ZERO, Duration.ofSeconds(1)),
                t.duration("idle", Duration.ofSeconds(1), day),
                t.duration("keepalive", Duration.ofSeconds(1), day),
                t.duration("reconnect-min", Duration.ofMillis(10), Duration.ofHours(1)),
                t.duration("reconnect-max", Duration.ofMillis(10), day));
        if (timeouts.reconnectMax().compareTo(timeouts.reconnectMin()) < 0) {
            t.problem("reconnect-max", "must not be shorter than reconnect-min");
        }
        AckMode acks = x.enumValue("acks", AckMode.class);
        ConfigReader c = x.section("component");
        HostPort componentServer = c.hostPort("server", 5347);
        String componentSecret = c.secret("secret");

        boolean haveCertificate = shared.tls().keyStore().isPresent();
        if (tls == TlsPolicy.REQUIRED && !haveCertificate) {
            sec.problem("tls", "\"required\" needs the gateway's certificate in gateway.tls.key-store (none is configured)");
        }
        if (auth == AuthPolicy.CERTIFICATES_REQUIRED && !haveCertificate) {
            sec.problem("auth", "\"certificates-required\" needs the gateway's certificate in gateway.tls.key-store");
        }
        if (!directTls.isEmpty() && !haveCertificate) {
            x.problem("listen-direct-tls", "direct TLS needs the gateway's certificate in gateway.tls.key-store");
        }
        if (mode == Mode.COMPONENT && componentSecret.isEmpty()) {
            c.problem("secret", "component mode needs the secret shared with the XMPP server");
        }
        if (mode == Mode.FEDERATION && listen.isEmpty() && directTls.isEmpty()) {
            x.problem("listen", "federation needs a listening point (remote servers connect back for dialback)");
        }
        return new XmppSettings(mode, listen, directTls, tls, auth, secret, remote, routes, dnsServers, dnsTimeout,
                limits, timeouts, acks, componentServer, componentSecret);
    }

    private static List<HostPort> hostPorts(ConfigReader r, String key, int defaultPort) {
        return r.strings(key).stream().map(s -> {
            try {
                return HostPort.parse(s, defaultPort);
            } catch (IllegalArgumentException e) {
                r.problem(key, e.getMessage());
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }

    private static List<String> patterns(ConfigReader r, String key) {
        List<String> out = new ArrayList<>();
        for (String p : r.strings(key)) {
            boolean wildcard = p.startsWith("*.");
            try {
                String d = DomainSettings.normalize(wildcard ? p.substring(2) : p);
                out.add(wildcard ? "*." + d : d);
            } catch (IllegalArgumentException e) {
                r.problem(key, e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, HostPort> routes(ConfigReader x) {
        Map<String, HostPort> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : x.stringMap("routes").entrySet()) {
            try {
                out.put(DomainSettings.normalize(e.getKey()), HostPort.parse(e.getValue(), 5269));
            } catch (IllegalArgumentException ex) {
                x.problem("routes", "\"" + e.getKey() + "\": " + ex.getMessage());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "XmppSettings[mode=" + mode.name().toLowerCase(Locale.ROOT) + ", listen=" + listen
                + ", listenDirectTls=" + listenDirectTls + ", tls=" + tls + ", auth=" + auth + ", remoteDomains="
                + remoteDomains + ", routes=" + routes + ", dnsServers=" + dnsServers + ", limits=" + limits
                + ", timeouts=" + timeouts + ", acks=" + acks + ", componentServer=" + componentServer
                + ", secrets hidden]";
    }
}
