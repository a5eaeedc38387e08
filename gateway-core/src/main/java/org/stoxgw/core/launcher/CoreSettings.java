package org.stoxgw.core.launcher;

import java.time.Duration;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.core}: the engine's settings.
 *
 * @param instanceName     names this gateway in logs and in its JMX object names
 * @param eventLoopThreads event loop threads, 0 = one per processor
 * @param maxSessions      sessions the table holds at most
 * @param maxSessionsPerPeer sessions the table holds at most for one peer (SIP source address, XMPP domain)
 * @param drainTimeout     how long a stop waits for work in flight
 * @param shutdownTimeout  how long a stop waits for the adapters and loops after draining
 * @param jmx              whether MBeans are registered
 */
public record CoreSettings(String instanceName, int eventLoopThreads, int maxSessions, int maxSessionsPerPeer,
                           Duration drainTimeout, Duration shutdownTimeout, boolean jmx, boolean allowExampleDomains) {

    public static CoreSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("core");
        ConfigReader shutdown = r.section("shutdown");
        return new CoreSettings(r.nonBlankString("instance-name"), r.integer("event-loop-threads", 0, 256),
                r.integer("max-sessions", 1, 10_000_000), r.integer("max-sessions-per-peer", 1, 10_000_000),
                shutdown.duration("drain-timeout", Duration.ZERO, Duration.ofMinutes(10)),
                shutdown.duration("timeout", Duration.ofMillis(100), Duration.ofMinutes(10)),
                r.section("jmx").bool("enabled"), r.bool("allow-example-domains"));
    }
}
