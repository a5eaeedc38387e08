package org.stoxgw.testfixtures.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stoxgw.testfixtures.load.LoadRuns.Row;
import org.stoxgw.testfixtures.load.LoadRuns.Scenario;

/**
 * The whole-gateway load test (run through {@code src-test-fixtures/peers/load/run.sh}): starts
 * Prosody, the fast peers and the gateway (its own JVM), then for every scenario and rate sends
 * messages and reports sent, delivered, lost, latency p50/p99, the gateway's CPU per message
 * ({@code /proc}, that process only) and its live heap after a full GC. Also: start to ready, and
 * heap per active message session at 10,000 sessions. Prints a Markdown report and writes it to
 * {@code <work>/report.md}.
 *
 * <p>Options ({@code --name value}): {@code --jar} the gateway jar; {@code --work} directory;
 * {@code --scenarios} any of s2x-prosody, x2s-prosody, s2x-sink, x2s-sink, startup, sessions;
 * {@code --rates-<scenario>} comma-separated rates; {@code --seconds} per run; {@code --repeat};
 * {@code --warmup} seconds; {@code --jvm} the gateway's JVM options; {@code --hocon} more gateway
 * configuration; {@code --users} XMPP users per side; {@code --sessions} count for the memory run.
 */
public final class LoadTest {
    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        Path work = Path.of(o.getOrDefault("work", "target/load")).toAbsolutePath();
        List<String> scenarios = List.of(o.getOrDefault("scenarios",
                "startup,s2x-prosody,x2s-prosody,s2x-sink,x2s-sink,sessions").split(","));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        boolean needsProsody = scenarios.stream().anyMatch(s -> s.endsWith("prosody"));
        LoadWorld.Options opts = new LoadWorld.Options(Path.of(o.getOrDefault("jar", "gateway-core/target/stoxgw.jar")).toAbsolutePath(),
                work, split(o.getOrDefault("jvm", "")), o.getOrDefault("hocon", ""),
                Integer.parseInt(o.getOrDefault("users", "4")), needsProsody);
        StringBuilder report = new StringBuilder();
        report.append("# stoxgw load test ").append(ZonedDateTime.now().withNano(0)).append("\n\n")
                .append("Machine: ").append(Machine.describe()).append("\n\n")
                .append("Gateway JVM options: `").append(String.join(" ", opts.jvm())).append("`\n\n");
        List<Row> rows = new ArrayList<>();
        if (scenarios.contains("startup")) {
            report.append(startup(opts, repeat)).append('\n');
        }
        List<Scenario> measured = scenarios.stream().filter(s -> !s.equals("startup") && !s.equals("sessions"))
                .map(Scenario::parse).toList();
        if (!measured.isEmpty()) {
            try (LoadWorld w = new LoadWorld(opts)) {
                w.start("");
                LoadRuns runs = new LoadRuns(w);
                idle(w, report);
                // a gateway that has been running: every path compiled by the JIT at a gentle rate first
                // (a cold JVM at full load falls behind and the SIP senders' retransmissions add to the load)
                for (Scenario s : warmup > 0 ? measured : List.<Scenario>of()) {
                    Row r = runs.run(s, 1000, 5, false);
                    System.out.println("gentle warm-up " + format(r));
                }
                for (Scenario s : measured) {
                    int[] rates = Arrays.stream(o.getOrDefault("rates-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            defaultRates(s)).split(",")).mapToInt(Integer::parseInt).toArray();
                    if (warmup > 0) {
                        Row r = runs.run(s, rates[0], warmup, false);
                        System.out.println("warm-up " + format(r));
                    }
                    for (int rate : rates) {
                        for (int i = 0; i < repeat; i++) {
                            Row r = runs.run(s, rate, seconds, true);
                            System.out.println(format(r));
                            rows.add(r);
                        }
                    }
                }
            }
            report.append(table(rows)).append('\n');
        }
        if (scenarios.contains("sessions")) {
            report.append(SessionMemory.measure(opts, Integer.parseInt(o.getOrDefault("sessions", "10000")), repeat));
        }
        System.out.println();
        System.out.println(report);
        Files.createDirectories(work);
        Files.writeString(work.resolve("report.md"), report);
        System.exit(0);
    }

    private static String defaultRates(Scenario s) {
        return switch (s) {
            case S2X_PROSODY -> "2500,5000";
            case X2S_PROSODY -> "3750,7500";
            case S2X_SINK, X2S_SINK -> "10000,20000";
        };
    }

    /** Start to ready, {@code n} times (no traffic). */
    private static String startup(LoadWorld.Options opts, int n) {
        List<Double> wall = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (LoadWorld w = new LoadWorld(new LoadWorld.Options(opts.jar(), opts.work(), opts.jvm(), opts.hocon(), 0, false))) {
                w.fast = new FastS2sPeer(LoadWorld.FAST, org.stoxgw.testfixtures.peers.TestNet.address(4));
                w.sink = new SipSink(org.stoxgw.testfixtures.peers.TestNet.address(11), 0);
                w.gateway = w.startGateway("", "gateway-startup.log");
                wall.add(w.gateway.startToReadyMillis());
                own.add(w.gateway.ownReadyMillis());
            }
        }
        String line = "Start to ready (process spawn to \"ready\" log line): " + wall.stream()
                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList() + " ms; the gateway's own figure (Gateway.start): "
                + own + " ms\n";
        System.out.println(line);
        return line;
    }

    /** The gateway's CPU while idle, for reference. */
    private static void idle(LoadWorld w, StringBuilder report) throws InterruptedException {
        double c0 = w.gateway.cpuSeconds();
        Thread.sleep(5000);
        double c = w.gateway.cpuSeconds() - c0;
        String line = String.format(Locale.ROOT, "Gateway CPU while idle: %.1f ms/s; live heap idle: %.1f MB\n",
                c * 1000 / 5, w.gateway.liveHeapBytes() / 1e6);
        System.out.println(line);
        report.append(line).append('\n');
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| scenario | rate/s | sent | delivered | lost | dup | p50 ms | p99 ms | gateway CPU µs/msg | SIP answers / errors | "
                + "UDP retransmissions | live heap after run MB |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %s | %d | %.1f |%n",
                    r.scenario().label, r.rate(), r.sent(), r.delivered(), r.lost(), r.duplicates(), r.p50(), r.p99(),
                    r.cpuMicrosPerMessage(), r.answers(), r.retransmissions(), r.heapMb()));
        }
        return b.toString();
    }

    static String format(Row r) {
        return String.format(Locale.ROOT, "%s @%d/s: sent %d delivered %d lost %d dup %d p50 %.1f ms p99 %.1f ms "
                        + "CPU %.1f us/msg answers [%s] retransmissions %d heap %.1f MB (%.1f s)",
                r.scenario().label, r.rate(), r.sent(), r.delivered(), r.lost(), r.duplicates(), r.p50(), r.p99(),
                r.cpuMicrosPerMessage(), r.answers(), r.retransmissions(), r.heapMb(), r.seconds()) + "\n" + r.threads();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    /** The machine, for the report. */
    static final class Machine {
        static String describe() {
            String cpu = "?";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            } catch (IOException | UncheckedIOException e) {
                // not Linux
            }
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max heap of the driver, Java "
                    + System.getProperty("java.version") + ", load average at start " + String.format(Locale.ROOT, "%.2f", load);
        }
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
