package org.stoxgw.sipadapter.msrp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.mapping.sip.MsrpUri;

/**
 * The gateway as a client of an RFC 4976 relay: opens a connection to the relay, sends AUTH
 * (To-Path = the relay, From-Path = the gateway's client URI), answers the 401 digest challenge
 * with the configured credentials, and keeps the Use-Path of the 200 for every session; AUTH is
 * repeated before Expires runs out. All sessions then travel on this one connection.
 *
 * <p>Thread: the relay connection's loop. The password is never logged.
 */
final class MsrpRelayClient {
    private static final Logger log = LoggerFactory.getLogger(MsrpRelayClient.class);

    private final MsrpEndpoint endpoint;
    private final MsrpSettings.Relay relay;
    private final MsrpUri clientUri;
    private volatile MsrpConnection connection;
    private volatile MsrpPath usePath;
    private CompletableFuture<Void> pending;
    private boolean challenged;
    private volatile boolean stopped;

    MsrpRelayClient(MsrpEndpoint endpoint, MsrpSettings.Relay relay) {
        this.endpoint = endpoint;
        this.relay = relay;
        MsrpSettings s = endpoint.settings();
        this.clientUri = MsrpUri.of(relay.uri().secure(), s.advertisedHost(), endpoint.port(), MsrpIds.sessionId());
    }

    boolean owns(String sessionId) {
        return clientUri.sessionId().equals(sessionId);
    }

    MsrpConnection connection() {
        return connection;
    }

    MsrpPath usePath() {
        return usePath;
    }

    /** Connects (if needed) and authenticates; completes when a Use-Path is known. */
    CompletionStage<Void> authenticate() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        CompletionStage<MsrpConnection> c = connection != null && connection.channel().isActive()
                ? CompletableFuture.completedFuture(connection) : endpoint.openDedicated(relay.uri());
        c.whenComplete((conn, err) -> {
            if (err != null) {
                f.completeExceptionally(new IllegalStateException("MSRP relay " + relay.uri() + " unreachable: " + err.getMessage(), err));
                return;
            }
            conn.markRelay();
            connection = conn;
            conn.channel().eventLoop().execute(() -> {
                pending = f;
                challenged = false;
                sendAuth(null);
            });
        });
        return f;
    }

    private void sendAuth(String authorization) {
        MsrpHeaders.Builder h = MsrpHeaders.builder().add(MsrpHeaders.TO_PATH, relay.uri().toString())
                .add(MsrpHeaders.FROM_PATH, clientUri.toString());
        if (authorization != null) {
            h.add(MsrpHeaders.AUTHORIZATION, authorization);
        }
        if (!relay.expires().isZero()) {
            h.add(MsrpHeaders.EXPIRES, Long.toString(relay.expires().toSeconds()));
        }
        connection.write(MsrpFrame.request(MsrpIds.transactionId(), "AUTH", h.build(), null, MsrpFrame.COMPLETE));
    }

    /** A response on the relay connection addressed to the client URI (the AUTH's). */
    void onResponse(MsrpFrame f) {
        connection.channel().eventLoop().execute(() -> {
            CompletableFuture<Void> p = pending;
            if (p == null) {
                return;
            }
            if (f.status() == 401 && !challenged) {
                Optional<Map<String, String>> ch = f.headers().get(MsrpHeaders.WWW_AUTHENTICATE).flatMap(MsrpDigest::challenge);
                if (ch.isEmpty()) {
                    done(p, "401 without a Digest challenge");
                    return;
                }
                challenged = true;
                sendAuth(MsrpDigest.authorization(ch.get(), relay.username(), relay.password(), relay.uri().toString()));
                return;
            }
            if (f.status() != 200) {
                done(p, "AUTH answered " + f.status() + " " + f.comment());
                return;
            }
            Optional<MsrpPath> up = f.headers().get(MsrpHeaders.USE_PATH).flatMap(MsrpPath::parse);
            if (up.isEmpty()) {
                done(p, "200 to AUTH without a Use-Path");
                return;
            }
            usePath = up.get();
            long expires = f.headers().get(MsrpHeaders.EXPIRES).map(String::trim).map(MsrpRelayClient::parseLong).orElse(0L);
            log.info("MSRP relay {}: Use-Path {} for {} s", relay.uri(), usePath, expires);
            if (expires > 0) {
                connection.channel().eventLoop().schedule(() -> {
                    if (!stopped) {
                        authenticate();
                    }
                }, Math.max(1, expires * 4 / 5), TimeUnit.SECONDS); // renew before Expires (RFC 4976 §5.1)
            }
            pending = null;
            p.complete(null);
        });
    }

    private void done(CompletableFuture<Void> p, String why) {
        pending = null;
        log.warn("MSRP relay {} (user {}): {}", relay.uri(), relay.username(), why);
        p.completeExceptionally(new IllegalStateException("MSRP relay " + relay.uri() + ": " + why));
    }

    void connectionLost() {
        usePath = null;
        if (!stopped) {
            log.warn("MSRP relay {} connection lost; sessions through it have ended", relay.uri());
            connection.channel().eventLoop().schedule(() -> {
                if (!stopped) {
                    authenticate();
                }
            }, 1, TimeUnit.SECONDS);
        }
    }

    void stop() {
        stopped = true;
        MsrpConnection c = connection;
        if (c != null && c.channel() != null) {
            c.channel().close();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
