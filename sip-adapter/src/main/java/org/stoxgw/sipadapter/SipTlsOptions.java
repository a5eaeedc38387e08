package org.stoxgw.sipadapter;

import java.time.Duration;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.tls}: SIP-specific TLS behaviour; certificates, protocols and cipher suites
 * come from the shared {@code gateway.tls} (SEC-01).
 *
 * @param clientAuth         client certificates on incoming connections
 * @param verifyServerDomain outgoing: the server certificate must name the target domain (RFC 5922)
 * @param handshakeTimeout   time allowed for a handshake
 */
public record SipTlsOptions(ClientAuth clientAuth, boolean verifyServerDomain, Duration handshakeTimeout) {

    /** Whether incoming TLS connections are asked for a client certificate. */
    public enum ClientAuth {
        /** Not asked. */
        NONE,
        /** Asked; connections without one are accepted (trust may still require a name). */
        WANT,
        /** Required: the handshake fails without a valid client certificate. */
        NEED
    }

    static SipTlsOptions read(ConfigReader sip) {
        ConfigReader r = sip.section("tls");
        return new SipTlsOptions(r.enumValue("client-auth", ClientAuth.class), r.bool("verify-server-domain"),
                r.duration("handshake-timeout", Duration.ofSeconds(1), Duration.ofMinutes(2)));
    }
}
