package org.stoxgw.core.admin;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularType;

/**
 * Every counter and gauge of the gateway's MBeans as Prometheus metrics, read at scrape time, so a bean
 * another module adds later is exported without code here.
 *
 * <p>Naming: {@code stoxgw_<type>_<attribute>} in snake case ({@code type=XmppLinks}, attribute
 * {@code StanzasIn} gives {@code stoxgw_xmpp_links_stanzas_in_total}). The type is the MXBean
 * convention of the project: a {@code long} attribute is a counter, an {@code int} or {@code double}
 * a gauge, except the long gauges named in {@link #LONG_GAUGES}. A map attribute ({@code Map<String,
 * Long|Integer>}, a TabularData in JMX) becomes one metric with a label ({@link #LABEL_NAMES}, else
 * {@code key}); at most {@link #MAX_LABEL_VALUES} values per metric, the rest summed under {@code other},
 * so a peer cannot grow the scrape (e.g. SIP method names are chosen by the sender). Strings, arrays
 * and composites are not metrics (the JSON views show them). Thread-safe; called by the scrape thread.
 */
final class JmxCollector implements MultiCollector {
    /** Distinct label values kept per metric; more are summed as "other". */
    static final int MAX_LABEL_VALUES = 64;
    /** Long attributes that are levels, not running totals. */
    static final Set<String> LONG_GAUGES = Set.of("UptimeSeconds", "StoreMeanBatchMicros");
    /** Label name of a map attribute, by attribute name. */
    static final Map<String, String> LABEL_NAMES = Map.of(
            "ByKind", "kind",
            "RequestsReceived", "method", "RequestsSent", "method",
            "ResponsesSent", "code", "ResponsesReceived", "code",
            "Rejected", "reason",
            "XmppToSip", "state", "SipToXmpp", "state",
            "Counters", "counter");
    /** Beans exported some other way (Traffic: with a direction label, by {@link Metrics}). */
    static final Set<String> SKIPPED_TYPES = Set.of("Traffic");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName pattern;

    JmxCollector(ObjectName pattern) {
        this.pattern = pattern;
    }

    static ObjectName pattern(String instance) {
        try {
            return new ObjectName("org.stoxgw:instance=" + ObjectName.quote(instance) + ",*");
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new TreeMap<>();
        for (ObjectName n : server.queryNames(pattern, null)) {
            String type = n.getKeyProperty("type");
            if (type == null || SKIPPED_TYPES.contains(type)) {
                continue;
            }
            try {
                collectBean(n, type, families);
            } catch (JMException | RuntimeException e) {
                // a bean that went away during the scrape (gateway stopping) is left out, not an error page
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(f -> out.add(f.build()));
        return new MetricSnapshots(out);
    }

    private void collectBean(ObjectName n, String type, Map<String, Family> families) throws JMException {
        MBeanAttributeInfo[] infos = server.getMBeanInfo(n).getAttributes();
        List<String> names = new ArrayList<>();
        Map<String, OpenType<?>> types = new LinkedHashMap<>();
        for (MBeanAttributeInfo a : infos) {
            // an MXBean names each attribute's open type in its descriptor
            if (a.isReadable() && a.getDescriptor().getFieldValue("openType") instanceof OpenType<?> t && isNumeric(t)) {
                names.add(a.getName());
                types.put(a.getName(), t);
            }
        }
        if (names.isEmpty()) {
            return;
        }
        for (Attribute attr : server.getAttributes(n, names.toArray(String[]::new)).asList()) {
            // sanitizing drops a reserved suffix: the gauge Sessions.Total is stoxgw_sessions, not ..._total
            String metric = PrometheusNaming.sanitizeMetricName("stoxgw_" + snake(type) + "_" + snake(attr.getName()));
            OpenType<?> t = types.get(attr.getName());
            if (t instanceof TabularType tt) {
                boolean counter = tt.getRowType().getType("value") == SimpleType.LONG && !LONG_GAUGES.contains(attr.getName());
                Family f = families.computeIfAbsent(metric, m -> new Family(m, counter, help(type, attr.getName())));
                String label = LABEL_NAMES.getOrDefault(attr.getName(), "key");
                for (Object row : ((TabularData) attr.getValue()).values()) {
                    CompositeData cd = (CompositeData) row;
                    f.add(label, String.valueOf(cd.get("key")), ((Number) cd.get("value")).doubleValue());
                }
            } else if (attr.getValue() instanceof Number v) {
                boolean counter = t == SimpleType.LONG && !LONG_GAUGES.contains(attr.getName());
                families.computeIfAbsent(metric, m -> new Family(m, counter, help(type, attr.getName())))
                        .add(null, null, v.doubleValue());
            }
        }
    }

    private static boolean isNumeric(OpenType<?> t) {
        if (t instanceof TabularType tt) {
            OpenType<?> v = tt.getRowType().containsKey("value") ? tt.getRowType().getType("value") : null;
            return tt.getRowType().keySet().size() == 2 && tt.getRowType().getType("key") == SimpleType.STRING
                    && (v == SimpleType.LONG || v == SimpleType.INTEGER);
        }
        return t == SimpleType.LONG || t == SimpleType.INTEGER || t == SimpleType.DOUBLE;
    }

    private static String help(String type, String attribute) {
        return "JMX org.stoxgw type=" + type + " attribute " + attribute;
    }

    /** {@code XmppLinks} → {@code xmpp_links}, {@code SipToXmpp} → {@code sip_to_xmpp}. */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else if (Character.isLetterOrDigit(c)) {
                b.append(c);
            } else {
                b.append('_');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The data points of one metric, label values capped. */
    private static final class Family {
        private final String name;
        private final boolean counter;
        private final String help;
        private final Map<String, Double> byValue = new LinkedHashMap<>();
        private String label;

        Family(String name, boolean counter, String help) {
            this.name = name;
            this.counter = counter;
            this.help = help;
        }

        void add(String label, String value, double v) {
            this.label = label;
            String key = value;
            if (key != null && !byValue.containsKey(key) && byValue.size() >= MAX_LABEL_VALUES) {
                key = "other";
            }
            byValue.merge(key == null ? "" : key, v, Double::sum);
        }

        MetricSnapshot build() {
            if (counter) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                byValue.forEach((k, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels(k)).value(v).build()));
                return b.build();
            }
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            byValue.forEach((k, v) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels(k)).value(v).build()));
            return b.build();
        }

        private Labels labels(String value) {
            return label == null ? Labels.EMPTY : Labels.of(label, value);
        }
    }
}
