package org.stoxgw.testfixtures.peers.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * One SIPp call (Debian {@code sip-tester}) running a scenario from the project's
 * {@code src-test-fixtures/peers/sipp}: as client when a remote address is given, else as server.
 * Its message trace ({@code -trace_msg}), scenario log ({@code -trace_logs}) and errors go to a
 * directory under the module's {@code target/}. {@link #awaitExit} gives SIPp's exit code
 * (0 = the scenario passed); {@link #close()} stops it if it still runs.
 */
public final class Sipp implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final ManagedProcess process;
    private final Path dir;
    private final String scenario;

    private Sipp(ManagedProcess process, Path dir, String scenario) {
        this.process = process;
        this.dir = dir;
        this.scenario = scenario;
    }

    /** A call of {@code scenario} (file {@code sipp/<scenario>.xml}); files go under {@code workDir}. */
    public static Builder scenario(String scenario, Path workDir) {
        return new Builder(scenario, workDir);
    }

    /**
     * A call of a scenario file the test wrote (e.g. with a body that keywords cannot carry: SIPp
     * sends a scenario line's text without its leading blanks and with CRLF line ends).
     */
    public static Builder scenarioFile(Path file, Path workDir) {
        Builder b = new Builder(file.getFileName().toString().replaceFirst("\\.xml$", ""), workDir);
        b.file = file.toAbsolutePath();
        return b;
    }

    /** What the call looks like. */
    public static final class Builder {
        private final String scenario;
        private final Path workDir;
        private Path file;
        private String localIp = "127.0.0.1";
        private int localPort;
        private String remote;
        private String transport = "u1";
        private String service = "bob";
        private int calls = 1;
        private boolean trace = true;
        private int rate;
        private final Map<String, String> keys = new LinkedHashMap<>();
        private final List<String> extra = new ArrayList<>();

        private Builder(String scenario, Path workDir) {
            this.scenario = scenario;
            this.workDir = workDir;
        }

        /** Where SIPp binds (default port: a free one). */
        public Builder local(String ip, int port) {
            this.localIp = ip;
            this.localPort = port;
            return this;
        }

        /** Makes it a client calling {@code host:port}. */
        public Builder remote(String host, int port) {
            this.remote = host + ":" + port;
            return this;
        }

        /** SIPp transport: "udp" (u1) or "tcp" (t1). */
        public Builder transport(String t) {
            this.transport = t.equals("tcp") ? "t1" : "u1";
            return this;
        }

        /** The user part of the Request-URI ({@code -s}). */
        public Builder service(String user) {
            this.service = user;
            return this;
        }

        /** Runs {@code n} calls at {@code perSecond} calls per second (load), instead of one. */
        public Builder calls(int n, int perSecond) {
            this.calls = n;
            this.rate = perSecond;
            return this;
        }

        /** No message trace (for load: the trace would cost more than the calls). */
        public Builder quiet() {
            this.trace = false;
            return this;
        }

        /** A scenario keyword ({@code -key name value}). */
        public Builder key(String name, String value) {
            keys.put(name, value);
            return this;
        }

        /** More SIPp arguments. */
        public Builder arg(String... args) {
            extra.addAll(List.of(args));
            return this;
        }

        /** Starts SIPp. Skips the test when SIPp is not installed. */
        public Sipp start() {
            Path binary = Peers.require("sipp", "sip-tester");
            Path file = this.file != null ? this.file : Peers.files().resolve("sipp").resolve(scenario + ".xml");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no SIPp scenario " + file);
            }
            int port = localPort > 0 ? localPort : FreePorts.tcpAndUdp(localIp);
            Path dir = workDir.resolve("sipp").resolve(scenario + "-" + ProcessHandle.current().pid() + "-"
                    + COUNTER.incrementAndGet()).toAbsolutePath();
            List<String> cmd = new ArrayList<>();
            cmd.add(binary.toString());
            if (remote != null) {
                cmd.add(remote);
            }
            cmd.addAll(List.of("-sf", file.toString(), "-i", localIp, "-p", Integer.toString(port), "-bind_local",
                    "-t", transport, "-m", Integer.toString(calls), "-nostdin", "-timeout", (30 + calls / Math.max(1, rate)) + "s",
                    "-timeout_error", "-max_recv_loops", "1000", "-s", service));
            if (trace) {
                cmd.addAll(List.of("-trace_msg", "-message_file", dir.resolve("messages.log").toString(),
                        "-trace_logs", "-log_file", dir.resolve("scenario.log").toString(),
                        "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
            }
            // SIPp keeps the first value of a -key: the test's keys come first
            if (rate > 0) {
                cmd.addAll(List.of("-r", Integer.toString(rate), "-l", Integer.toString(Math.max(100, rate))));
            }
            keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
            cmd.addAll(List.of("-key", "from_user", "sipp", "-key", "from_domain", localIp + ":" + port,
                    "-key", "to_domain", remote != null ? remote : localIp + ":" + port, "-key", "body", "hello from sipp",
                    "-key", "basic", "open", "-key", "note", "online via sipp"));
            cmd.addAll(extra);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ManagedProcess p = ManagedProcess.start("sipp " + scenario, cmd, dir, dir.resolve("sipp.out"), Map.of());
            Sipp s = new Sipp(p, dir, scenario);
            if (remote == null) {
                s.awaitBound(localIp, port);
            }
            return s;
        }
    }

    /** Waits until SIPp listens (read from /proc/net, so that probing cannot steal its port). */
    private void awaitBound(String ip, int port) {
        String hexPort = String.format(":%04X ", port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String table : List.of("/proc/net/udp", "/proc/net/tcp")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] cols = line.trim().split("\\s+");
                        if (cols.length > 1 && (cols[1] + " ").endsWith(hexPort)) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    return; // no /proc: carry on, SIPp's retransmissions cover a late bind
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("SIPp " + scenario + " did not bind " + ip + ":" + port + ":\n" + report());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether SIPp is still running (a load run in progress). */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Waits for SIPp to finish its one call; its exit code (0 = passed). */
    public int awaitExit(Duration timeout) {
        return process.waitFor(timeout);
    }

    /** The scenario's log lines ({@code <log>} actions). */
    public List<String> scenarioLog() {
        return read("scenario.log");
    }

    /** Every SIP message SIPp sent or received, as text. */
    public String messages() {
        return String.join("\n", read("messages.log"));
    }

    /** The message trace file ({@code -trace_msg}): every message sent and received, byte for byte. */
    public Path messageTrace() {
        return dir.resolve("messages.log");
    }

    /** Output, errors and messages, for assertion failure messages. */
    public String report() {
        return "--- sipp output\n" + String.join("\n", read("sipp.out")) + "\n--- errors\n" + String.join("\n", read("errors.log"))
                + "\n--- messages\n" + messages();
    }

    private List<String> read(String name) {
        Path f = dir.resolve(name);
        try {
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
