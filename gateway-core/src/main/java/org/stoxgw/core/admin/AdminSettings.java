package org.stoxgw.core.admin;

import java.net.InetAddress;
import java.time.Duration;
import java.net.UnknownHostException;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.HostPort;

/**
 * {@code gateway.admin}: the admin HTTP endpoint (metrics, probes, read-only views, reload, drain).
 *
 * @param enabled    whether it listens at all (off by default)
 * @param listen     where; loopback unless a token or client certificates protect it
 * @param token      bearer token every request but /health and /ready must present; "" = none
 * @param clientAuth serve HTTPS with gateway.tls.key-store and ask for a client certificate trusted by
 *                   gateway.tls.trust-store
 * @param drainRetryAfter the Retry-After of new requests refused while draining
 * @param drainTimeout    how long a drain waits for work in flight before the gateway exits anyway
 */
public record AdminSettings(boolean enabled, HostPort listen, String token, boolean clientAuth,
                            Duration drainRetryAfter, Duration drainTimeout) {

    public static AdminSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("admin");
        ConfigReader d = r.section("drain");
        AdminSettings s = new AdminSettings(r.bool("enabled"), r.hostPort("listen", 9095), r.secret("token"),
                r.section("tls").bool("client-auth"), d.duration("retry-after", Duration.ofSeconds(1), Duration.ofHours(1)),
                d.duration("timeout", Duration.ofSeconds(1), Duration.ofDays(1)));
        if (s.enabled() && !isLoopback(s.listen().host()) && s.token().isEmpty() && !s.clientAuth()) {
            r.problem("listen", "a listening point beyond loopback needs gateway.admin.token or "
                    + "gateway.admin.tls.client-auth = true (anyone could reload or drain the gateway)");
        }
        return s;
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            // only literal addresses are judged here: a name is resolved by nobody at config time
            return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host.replace("[", "").replace("]", ""))
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[enabled=" + enabled + ", listen=" + listen + ", token=" + (token.isEmpty() ? "none" : "hidden")
                + ", clientAuth=" + clientAuth + "]";
    }
}
