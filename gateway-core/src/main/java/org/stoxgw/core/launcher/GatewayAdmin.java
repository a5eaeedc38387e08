package org.stoxgw.core.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.stoxgw.core.admin.AdminView;
import org.stoxgw.core.engine.SessionKind;
import org.stoxgw.core.engine.Traffic;

/**
 * The running gateway as the admin endpoint shows it: status, links, peers, sessions, readiness,
 * and the reload and drain actions. Read-only views are snapshots taken on the admin thread.
 */
final class GatewayAdmin implements AdminView {
    private final Gateway gateway;
    private final Supplier<List<?>> links;
    private final Supplier<List<String>> peers;

    GatewayAdmin(Gateway gateway, Supplier<List<?>> links, Supplier<List<String>> peers) {
        this.gateway = gateway;
        this.links = links;
        this.peers = peers;
    }

    @Override
    public String state() {
        return gateway.state().name();
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        var v = gateway.view();
        m.put("state", v.state());
        m.put("version", v.version());
        m.put("startedAt", v.startedAt());
        m.put("uptimeSeconds", v.uptimeSeconds());
        m.put("listeningPoints", v.listeningPoints());
        m.put("servedXmppDomains", v.servedXmppDomains());
        m.put("servedSipDomains", v.servedSipDomains());
        m.put("sessions", byKind());
        m.put("inFlight", gateway.engine().inFlight());
        Map<String, Object> traffic = new LinkedHashMap<>();
        for (Traffic.Direction d : Traffic.Direction.values()) {
            traffic.put(d.name().toLowerCase(Locale.ROOT), gateway.traffic().snapshot(d));
        }
        m.put("traffic", traffic);
        return m;
    }

    private Map<String, Integer> byKind() {
        Map<String, Integer> out = new LinkedHashMap<>();
        gateway.engine().sessions().countsByKind().forEach((k, n) -> out.put(k.name().toLowerCase(Locale.ROOT), n));
        return out;
    }

    @Override
    public List<?> links() {
        return links.get();
    }

    @Override
    public List<String> peers() {
        return peers.get();
    }

    @Override
    public Map<String, Object> sessions(Optional<String> kind, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", gateway.engine().sessions().size());
        m.put("byKind", byKind());
        if (kind.isPresent()) {
            SessionKind k;
            try {
                k = SessionKind.valueOf(kind.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown session kind " + kind.get() + "; one of message, presence, "
                        + "chat, groupchat, call");
            }
            m.put("kind", kind.get().toLowerCase(Locale.ROOT));
            m.put("sessions", gateway.engine().sessions().list(k, limit));
            m.put("limit", limit);
        }
        return m;
    }

    @Override
    public Map<String, Optional<String>> readiness() {
        return gateway.readiness();
    }

    @Override
    public Map<String, Object> reload() {
        return gateway.reload();
    }

    @Override
    public Map<String, Object> drain() {
        return gateway.drain();
    }
}
