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

    /** Reads {@code gateway.msrp}; problems are reported with the key's origin. */
    public static MsrpSettings read(org.stoxgw.config.ConfigReader gateway) {
        org.stoxgw.config.ConfigReader r = gateway.section("msrp");
        String bind = r.nonBlankString("bind");
        String advertised = r.string("advertised-host", "");
        String fr = r.string("failure-report");
        if (!List.of("yes", "no", "partial").contains(fr)) {
            r.problem("failure-report", "must be yes, no or partial, found \"" + fr + "\"");
            fr = "yes";
        }
        org.stoxgw.config.ConfigReader rr = r.section("relay");
        Optional<Relay> relay = Optional.empty();
        String uri = rr.string("uri", "");
        String user = rr.string("username", "");
        String password = rr.secret("password");
        Duration expires = rr.duration("expires", Duration.ZERO, Duration.ofDays(1));
        if (!uri.isBlank()) {
            Optional<MsrpUri> u = MsrpUri.parse(uri);
            if (u.isEmpty()) {
                rr.problem("uri", "must be an MSRP URI such as msrps://relay.example.net:2855;tcp, found \"" + uri + "\"");
            } else {
                relay = Optional.of(new Relay(u.get(), user, password, expires));
            }
        }
        return new MsrpSettings(bind, r.integer("port", 0, 65535), advertised.isBlank() ? bind : advertised, r.bool("tls"),
                new MsrpDecoderLimits(r.integer("max-line-length", 256, 65536), r.integer("max-headers", 8, 1000),
                        (int) r.bytes("max-chunk-body", 1024, 64L * 1024 * 1024)),
                r.bytes("max-message-size", 1024, 64L * 1024 * 1024), (int) r.bytes("chunk-size", 64, 1024 * 1024),
                r.integer("max-partial-messages", 1, 1000), fr, r.strings("accept-types"),
                r.duration("response-timeout", Duration.ofMillis(100), Duration.ofMinutes(5)),
                r.duration("keep-alive", Duration.ZERO, Duration.ofHours(1)),
                r.duration("connect-timeout", Duration.ofMillis(100), Duration.ofMinutes(1)),
                r.integer("max-sessions", 1, 10_000_000), relay);
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
