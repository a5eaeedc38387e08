package org.stoxgw.core.admin;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.stoxgw.core.engine.Traffic;

/**
 * The gateway's metrics in the Prometheus text and OpenMetrics formats (the Prometheus Java client
 * writes both): every counter and gauge of the gateway's MBeans ({@link JmxCollector}), the traffic
 * counters by direction and outcome, and two histograms, message latency through the gateway and call
 * set-up time, fed by {@link Traffic.Timings}.
 *
 * <p>Every label has a bounded set of values: direction and outcome are enums, map-valued MBean
 * attributes are capped per metric ({@link JmxCollector#MAX_LABEL_VALUES}). Thread-safe; a scrape reads
 * live counters without locks.
 */
public final class Metrics implements Traffic.Timings {
    /** Upper bounds (seconds) of both histograms: sub-millisecond translation up to a slow far side. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Histogram messageLatency;
    private final Histogram callSetup;

    /**
     * @param instance the gateway's instance name (its MBeans are {@code org.stoxgw:instance=<name>,*})
     * @param traffic  the traffic counters, shown as {@code stoxgw_traffic_total{direction,outcome}}
     */
    public Metrics(String instance, Traffic traffic) {
        messageLatency = Histogram.builder().name("stoxgw_message_latency_seconds")
                .help("Time from a message's arrival until the other side took it, or until it was refused or failed")
                .labelNames("direction", "outcome").classicUpperBounds(BUCKETS).classicOnly().register(registry);
        callSetup = Histogram.builder().name("stoxgw_call_setup_seconds")
                .help("Time from a call's offer until it was answered, refused or failed")
                .labelNames("direction", "outcome").classicUpperBounds(BUCKETS).classicOnly().register(registry);
        // every series exists from the start (a scraper sees 0, not a missing series); RECEIVED is no end
        for (Traffic.Direction d : Traffic.Direction.values()) {
            for (Traffic.Outcome o : Traffic.Outcome.values()) {
                if (o != Traffic.Outcome.RECEIVED && o != Traffic.Outcome.LATE_ERROR) {
                    messageLatency.labelValues(label(d), label(o));
                    callSetup.labelValues(label(d), label(o));
                }
            }
        }
        registry.register(() -> {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name("stoxgw_traffic")
                    .help("Messages and stanzas translated, by direction and outcome");
            for (Traffic.Direction d : Traffic.Direction.values()) {
                for (Traffic.Outcome o : Traffic.Outcome.values()) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(Labels.of("direction", label(d), "outcome", label(o)))
                            .value(traffic.get(d, o)).build());
                }
            }
            return b.build();
        });
        registry.register(new JmxCollector(JmxCollector.pattern(instance)));
    }

    @Override
    public void message(Traffic.Direction d, Traffic.Outcome o, long nanos) {
        messageLatency.labelValues(label(d), label(o)).observe(nanos / 1e9);
    }

    @Override
    public void callSetup(Traffic.Direction d, Traffic.Outcome o, long nanos) {
        callSetup.labelValues(label(d), label(o)).observe(nanos / 1e9);
    }

    /** One scrape in the format {@code accept} asks for (OpenMetrics if offered, else Prometheus text 0.0.4). */
    public Scrape scrape(String accept) throws IOException {
        // chosen here, not by findWriter: that would pick protobuf when a scraper offers it first, and the
        // protobuf writer is not on the class path (exposition-textformats only)
        ExpositionFormatWriter w = accept != null && accept.contains("application/openmetrics-text")
                ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        MetricSnapshots snapshots = registry.scrape();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        w.write(out, snapshots);
        return new Scrape(w.getContentType(), out.toByteArray());
    }

    /** A written scrape. */
    public record Scrape(String contentType, byte[] body) {
    }

    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
