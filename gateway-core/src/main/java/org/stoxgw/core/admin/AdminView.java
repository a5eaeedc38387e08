package org.stoxgw.core.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin endpoint shows and does, supplied by the running gateway. Every method may be called
 * on the admin thread at any time, also while the gateway starts or stops; the values are snapshots,
 * serialised to JSON as they are (records, maps, lists, plain getters).
 */
public interface AdminView {
    /** Lifecycle state: NEW, STARTING, RUNNING, DRAINING, STOPPED or FAILED. */
    String state();

    /** Version, uptime, listening points, served domains, sessions and work in flight. */
    Map<String, Object> status();

    /** Every XMPP stream and link (direction, domains, state, auth, TLS, counters). */
    List<?> links();

    /** The configured SIP peers and routes, one line each. */
    List<String> peers();

    /**
     * Sessions by kind (counts), and up to {@code limit} sessions of {@code kind} when one is given.
     *
     * @throws IllegalArgumentException for an unknown kind
     */
    Map<String, Object> sessions(Optional<String> kind, int limit);

    /** Each readiness check by name, with its problem, or empty when it passes. */
    Map<String, Optional<String>> readiness();

    /**
     * Reloads the configuration file (same as SIGHUP).
     *
     * @return what changed, what needs a restart, and the problems if the file was refused
     */
    Map<String, Object> reload();

    /** Starts draining: no new work, the rest finishes, then the process exits. */
    Map<String, Object> drain();
}
