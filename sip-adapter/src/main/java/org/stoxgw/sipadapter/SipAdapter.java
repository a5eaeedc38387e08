package org.stoxgw.sipadapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * The SIP side of the gateway. Skeleton: reports its configured listening points; the SIP stack
 * itself arrives with the SIP adapter issue.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} once. {@link #send} may be
 * called from any thread.
 */
public final class SipAdapter {
    private final SipSettings settings;
    private final SipRequestHandler handler;

    public SipAdapter(SipSettings settings, SharedSettings shared, SipRequestHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    /** Starts listening; returns the listening points as {@code transport host:port}. */
    public List<String> start() {
        List<String> points = new ArrayList<>();
        settings.udp().forEach(h -> points.add("sip udp " + h));
        settings.tcp().forEach(h -> points.add("sip tcp " + h));
        settings.tls().forEach(h -> points.add("sip tls " + h));
        return points;
    }

    /** Sends a request outside any dialog; the stage completes with its outcome. */
    public CompletionStage<SipOutcome> send(SipRequest request) {
        return CompletableFuture.completedFuture(new SipOutcome.Failure(SipOutcome.Kind.REFUSED, "SIP stack not started"));
    }

    /** Stops accepting, lets transactions finish for at most {@code grace}, then closes everything. */
    public void stop(Duration grace) {
    }

    /** MBeans of this adapter, by name; the engine registers them under the gateway's JMX domain. */
    public Map<String, Object> managedBeans() {
        return Map.of();
    }

    /** One line per known SIP peer, for the PeerLinks MBean. */
    public List<String> describeLinks() {
        return List.of();
    }
}
