package org.stoxgw.testfixtures.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under load, in a JVM of its own ({@code java -jar stoxgw.jar --config FILE}), so that
 * its CPU time can be read from {@code /proc/<pid>/stat} (utime + stime of that process only) and
 * its heap inspected with {@code jcmd}. Start-to-ready is the wall time from spawning the process
 * to its "ready in" log line (JVM start included).
 *
 * <p>{@link #close()} stops it with SIGTERM (a graceful stop), then kills it.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready in (\\d+) ms");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");
    private final Process process;
    private final long readyNanos;
    private final long ownReadyMillis;
    private final Path log;

    private GatewayProcess(Process process, long readyNanos, long ownReadyMillis, Path log) {
        this.process = process;
        this.readyNanos = readyNanos;
        this.ownReadyMillis = ownReadyMillis;
        this.log = log;
    }

    /**
     * Starts {@code jar} with {@code config} and {@code jvmOptions}; returns once it logged that it is
     * ready (its output goes to {@code log}).
     */
    public static GatewayProcess start(Path jar, Path config, List<String> jvmOptions, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        CompletableFuture<Long> ready = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Process p;
        try {
            Files.createDirectories(log.getParent());
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway: " + cmd, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "stop-gateway"));
        Thread pump = new Thread(() -> pump(p, log, ready), "gateway-log");
        pump.setDaemon(true);
        pump.start();
        try {
            long own = ready.get(60, TimeUnit.SECONDS);
            return new GatewayProcess(p, System.nanoTime() - t0, own, log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the gateway did not become ready: " + e + "\n" + tail(log), e);
        }
    }

    /** Copies the gateway's output to the log file and notices the ready line. */
    private static void pump(Process p, Path log, CompletableFuture<Long> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!ready.isDone()) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(Long.parseLong(m.group(1)));
                    }
                }
                out.println(line);
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.completeExceptionally(new IllegalStateException("the gateway exited with " + exit(p)));
        }
    }

    private static String exit(Process p) {
        try {
            return p.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            return "?";
        }
    }

    /** Wall time from spawning the JVM to the "ready" line, in milliseconds. */
    public double startToReadyMillis() {
        return readyNanos / 1e6;
    }

    /** What the gateway itself reports (from the start of Gateway.start, JVM start and config excluded). */
    public long ownReadyMillis() {
        return ownReadyMillis;
    }

    public long pid() {
        return process.pid();
    }

    /** [utime, stime] of the gateway process in seconds: user and kernel (system call) time apart. */
    public double[] cpuUserSystem() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {Long.parseLong(f[11]) / (double) ClockTicks.PER_SECOND,
                Long.parseLong(f[12]) / (double) ClockTicks.PER_SECOND};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime of the gateway process, in seconds ({@code /proc/<pid>/stat}, clock ticks of 10 ms). */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the command name may contain spaces: fields count from after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / (double) ClockTicks.PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU seconds of the gateway's live threads by name (Linux truncates names to 15 characters;
     * digits are folded so that pools add up), from {@code /proc/<pid>/task/<tid>/stat}.
     */
    public java.util.Map<String, Double> threadCpuSeconds() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ClockTicks.PER_SECOND;
                    out.merge(name, s, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Live heap in bytes: {@code jcmd GC.class_histogram} runs a full GC first and totals what is left. */
    public long liveHeapBytes() {
        String out = jcmd("GC.class_histogram");
        Matcher m = HISTOGRAM_TOTAL.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no histogram total in: " + out.substring(0, Math.min(out.length(), 500)));
        }
        return Long.parseLong(m.group(2));
    }

    /** The class histogram (after a full GC), the first {@code lines} lines. */
    public String histogram(int lines) {
        String[] all = jcmd("GC.class_histogram").split("\n");
        return String.join("\n", java.util.Arrays.copyOf(all, Math.min(lines, all.length)));
    }

    /** Runs {@code jcmd <pid> <command...>} and returns its output. */
    public String jcmd(String... command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().map(j -> Path.of(j).resolveSibling("jcmd").toString()).orElse("jcmd"));
        cmd.add(Long.toString(process.pid()));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path log() {
        return log;
    }

    private static String tail(Path log) {
        try {
            List<String> l = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kernel's clock tick (USER_HZ): 100 on Linux unless {@code getconf CLK_TCK} says otherwise. */
    static final class ClockTicks {
        static final int PER_SECOND = read();

        private static int read() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                p.waitFor(5, TimeUnit.SECONDS);
                return Integer.parseInt(s);
            } catch (IOException | NumberFormatException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }
}
