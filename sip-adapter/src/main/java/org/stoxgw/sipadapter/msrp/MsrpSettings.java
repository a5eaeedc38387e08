package org.stoxgw.sipadapter.msrp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.stoxgw.mapping.sip.MsrpUri;

/**
 * {@code gateway.msrp}: the gateway's MSRP endpoint (RFC 4975).
 *
 * @param bindHost         address the listener binds
 * @param port             listening port (0 = any free port, for tests)
 * @param advertisedHost   host written into the gateway's path URIs (SDP c= and a=path)
 * @param tls              listen and connect with TLS ({@code msrps}, {@code TCP/TLS/MSRP}); AMB-C13
 * @param decoder          framing limits
 * @param maxMessageSize   largest incoming message (a=max-size, CHAT-26/27); larger gets 413
 * @param chunkSize        largest outgoing chunk body
 * @param maxPartial       messages being reassembled at once per session
 * @param failureReport    Failure-Report on the gateway's SENDs: yes, partial or no (AMB-C04)
 * @param acceptTypes      a=accept-types the gateway advertises
 * @param responseTimeout  wait for a transaction response before failing the send (MSRP-09: 30 s)
 * @param keepAlive        an empty SEND after this much silence on a session; zero = off
 * @param connectTimeout   TCP (and TLS) connect timeout
 * @param maxSessions      MSRP sessions at once (all directions)
 * @param relay            RFC 4976 relay the gateway reaches the SIP world through, if any
 */
public record MsrpSettings(String bindHost, int port, String advertisedHost, boolean tls, MsrpDecoderLimits decoder,
                           long maxMessageSize, int chunkSize, int maxPartial, String failureReport,
                           List<String> acceptTypes, Duration responseTimeout, Duration keepAlive,
                           Duration connectTimeout, int maxSessions, Optional<Relay> relay) {

    /**
     * An RFC 4976 relay and the digest credentials for its AUTH.
     *
     * @param uri      the relay's URI (msrp or msrps)
     * @param username digest user name
     * @param password digest password (never logged)
     * @param expires  Expires asked for in AUTH; zero = let the relay choose
     */
    public record Relay(MsrpUri uri, String username, String password, Duration expires) {
        @Override
        public String toString() {
            return "Relay[" + uri + ", user=" + username + "]";
        }
    }

    public MsrpSettings {
        acceptTypes = List.copyOf(acceptTypes);
        if (!List.of("yes", "no", "partial").contains(failureReport)) {
            throw new IllegalArgumentException("failure-report must be yes, no or partial: " + failureReport);
        }
        if (chunkSize < 1 || maxMessageSize < 1 || maxPartial < 1 || maxSessions < 1) {
            throw new IllegalArgumentException("MSRP limits must be positive");
        }
    }

    /** Settings for tests: loopback, any port, plain TCP, defaults elsewhere. */
    public static MsrpSettings loopback() {
        return new MsrpSettings("127.0.0.1", 0, "127.0.0.1", false, MsrpDecoderLimits.DEFAULT, 1024 * 1024, 2048, 16,
                "yes", List.of("text/plain", "message/cpim", "application/im-iscomposing+xml", "multipart/mixed",
                "multipart/alternative"), Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5), 10_000,
                Optional.empty());
    }

    public MsrpSettings withRelay(Relay r) {
        return new MsrpSettings(bindHost, port, advertisedHost, tls, decoder, maxMessageSize, chunkSize, maxPartial,
                failureReport, acceptTypes, responseTimeout, keepAlive, connectTimeout, maxSessions, Optional.of(r));
    }

    public MsrpSettings withFailureReport(String fr) {
        return new MsrpSettings(bindHost, port, advertisedHost, tls, decoder, maxMessageSize, chunkSize, maxPartial,
                fr, acceptTypes, responseTimeout, keepAlive, connectTimeout, maxSessions, relay);
    }

    public MsrpSettings withLimits(long maxMessage, int chunk, MsrpDecoderLimits dec) {
        return new MsrpSettings(bindHost, port, advertisedHost, tls, dec, maxMessage, chunk, maxPartial,
                failureReport, acceptTypes, responseTimeout, keepAlive, connectTimeout, maxSessions, relay);
    }

    public MsrpSettings withTimers(Duration response, Duration keep) {
        return new MsrpSettings(bindHost, port, advertisedHost, tls, decoder, maxMessageSize, chunkSize, maxPartial,
                failureReport, acceptTypes, response, keep, connectTimeout, maxSessions, relay);
    }

    public MsrpSettings withTls(boolean on) {
        return new MsrpSettings(bindHost, port, advertisedHost, on, decoder, maxMessageSize, chunkSize, maxPartial,
                failureReport, acceptTypes, responseTimeout, keepAlive, connectTimeout, maxSessions, relay);
    }
}
