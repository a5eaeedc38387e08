package org.stoxgw.testfixtures.peers.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * A real dnsmasq serving the records a test declares (A, SRV, NAPTR) on a {@code TestNet}
 * address and a free high port, authoritative for the test's zones only: nothing is forwarded,
 * /etc/hosts is ignored, other names under those zones are NXDOMAIN. The configuration is
 * rendered into the given work directory (under the module's {@code target/}); queries are logged
 * there. {@link #close()} stops it.
 */
public final class Dnsmasq implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final ManagedProcess process;
    private final InetSocketAddress address;

    private Dnsmasq(ManagedProcess process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** A server to describe; files go to {@code workDir/dnsmasq-<n>}. */
    public static Builder builder(Path workDir, String ip) {
        return new Builder(workDir, ip);
    }

    /** The records and zones of one dnsmasq. */
    public static final class Builder {
        private final Path workDir;
        private final String ip;
        private final List<String> lines = new ArrayList<>();

        private Builder(Path workDir, String ip) {
            this.workDir = workDir;
            this.ip = ip;
        }

        /** Answers for names under {@code zone} come only from this server (others: NXDOMAIN). */
        public Builder zone(String zone) {
            lines.add("local=/" + zone + "/");
            return this;
        }

        /** An A (or AAAA) record. */
        public Builder host(String name, String address) {
            lines.add("host-record=" + name + "," + address);
            return this;
        }

        /** An SRV record, e.g. {@code srv("_sip._tcp.example.test", "sip.example.test", 5060, 10, 5)}. */
        public Builder srv(String owner, String target, int port, int priority, int weight) {
            lines.add("srv-host=" + owner + "," + target + "," + port + "," + priority + "," + weight);
            return this;
        }

        /** A NAPTR record with an empty regexp (RFC 3263 style), e.g. service {@code SIP+D2T}. */
        public Builder naptr(String owner, int order, int preference, String flags, String service, String replacement) {
            lines.add("naptr-record=" + owner + "," + order + "," + preference + "," + flags + "," + service + ",," + replacement);
            return this;
        }

        /** Starts dnsmasq and waits until it serves. Skips the test if dnsmasq is not installed. */
        public Dnsmasq start() {
            Path binary = Peers.require("dnsmasq", "dnsmasq");
            Path dir = workDir.resolve("dnsmasq-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()).toAbsolutePath();
            int port = FreePorts.tcpAndUdp(ip);
            List<String> conf = new ArrayList<>(List.of("listen-address=" + ip, "port=" + port, "bind-interfaces",
                    "no-resolv", "no-hosts", "log-queries", "log-facility=-",
                    "pid-file=" + dir.resolve("dnsmasq.pid")));
            conf.addAll(lines);
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve("dnsmasq.conf"), conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ManagedProcess p = ManagedProcess.start("dnsmasq", List.of(binary.toString(), "--keep-in-foreground",
                    "--conf-file=" + dir.resolve("dnsmasq.conf")), dir, dir.resolve("dnsmasq.log"), Map.of());
            try {
                p.awaitLog("started, version", Duration.ofSeconds(10));
                p.awaitTcp(ip, port, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
            return new Dnsmasq(p, new InetSocketAddress(ip, port));
        }
    }

    /** Where it answers (UDP and TCP). */
    public InetSocketAddress address() {
        return address;
    }

    /** The query log so far. */
    public List<String> log() {
        return process.lines();
    }

    @Override
    public void close() {
        process.close();
    }
}
