package org.stoxgw.core.jmx;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;

/** The engine's own MBeans, each a thin read-only view over live state. */
public final class GatewayBeans {
    private GatewayBeans() {
    }

    /** What {@link GatewayMXBean} shows, supplied by the running gateway. */
    public interface GatewayView {
        String state();

        String version();

        String startedAt();

        long uptimeSeconds();

        List<String> listeningPoints();

        List<String> servedXmppDomains();

        List<String> servedSipDomains();
    }

    /** Registers Gateway, Sessions, Traffic and PeerLinks. */
    public static void registerAll(JmxRegistry jmx, GatewayView view, Engine engine, Traffic traffic,
                                   Supplier<List<String>> sipPeers, Supplier<List<String>> xmppLinks) {
        jmx.register("Gateway", new GatewayMXBean() {
            @Override
            public String getState() {
                return view.state();
            }

            @Override
            public String getVersion() {
                return view.version();
            }

            @Override
            public String getStartedAt() {
                return view.startedAt();
            }

            @Override
            public long getUptimeSeconds() {
                return view.uptimeSeconds();
            }

            @Override
            public String[] getListeningPoints() {
                return view.listeningPoints().toArray(String[]::new);
            }

            @Override
            public String[] getServedXmppDomains() {
                return view.servedXmppDomains().toArray(String[]::new);
            }

            @Override
            public String[] getServedSipDomains() {
                return view.servedSipDomains().toArray(String[]::new);
            }
        });
        jmx.register("Sessions", new SessionsMXBean() {
            @Override
            public int getTotal() {
                return engine.sessions().size();
            }

            @Override
            public Map<String, Integer> getByKind() {
                return engine.sessions().countsByKind().entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey().name().toLowerCase(Locale.ROOT), Map.Entry::getValue));
            }

            @Override
            public int getInFlight() {
                return engine.inFlight();
            }
        });
        jmx.register("Traffic", new TrafficMXBean() {
            @Override
            public Map<String, Long> getSipToXmpp() {
                return traffic.snapshot(Traffic.Direction.SIP_TO_XMPP);
            }

            @Override
            public Map<String, Long> getXmppToSip() {
                return traffic.snapshot(Traffic.Direction.XMPP_TO_SIP);
            }

            @Override
            public long count(String direction, String outcome) {
                return traffic.get(Traffic.Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
                        Traffic.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)));
            }
        });
        jmx.register("PeerLinks", new PeerLinksMXBean() {
            @Override
            public String[] getSipPeers() {
                return sipPeers.get().toArray(String[]::new);
            }

            @Override
            public String[] getXmppLinks() {
                return xmppLinks.get().toArray(String[]::new);
            }
        });
    }
}
