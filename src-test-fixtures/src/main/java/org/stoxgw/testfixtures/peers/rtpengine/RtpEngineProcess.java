package org.stoxgw.testfixtures.peers.rtpengine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * A real rtpengine (Debian {@code rtpengine-daemon}) on a loopback address: userspace forwarding
 * only ({@code --table=-1}, no kernel module), no configuration file ({@code --config-file=none},
 * so /etc/rtpengine is never read), the ng control protocol on a free UDP port, media ports from a
 * small range of its own, logging to its log file under the test's directory. Started in the
 * foreground as a child of the test JVM, stopped with SIGTERM ({@link #close}) or killed
 * ({@link #kill}, to test a crash); {@link #restart} starts it again on the same ports.
 */
public final class RtpEngineProcess implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Path binary;
    private final Path dir;
    private final String ip;
    private final int ngPort;
    private final int portMin;
    private volatile ManagedProcess process;

    private RtpEngineProcess(Path binary, Path dir, String ip, int ngPort, int portMin) {
        this.binary = binary;
        this.dir = dir;
        this.ip = ip;
        this.ngPort = ngPort;
        this.portMin = portMin;
    }

    /**
     * Starts rtpengine on {@code ip} and waits until it answers an ng ping. Skips the test when it
     * is not installed (fails under {@code STOXGW_REQUIRE_PEERS=1}).
     */
    public static RtpEngineProcess start(Path workDir, String ip) {
        Path binary = Peers.require("rtpengine", "rtpengine-daemon");
        int n = COUNTER.incrementAndGet();
        Path dir = workDir.resolve("rtpengine-" + ProcessHandle.current().pid() + "-" + n).toAbsolutePath();
        // media ports: 100 per instance in 30000-39999, by pid and count, on this JVM's own address
        int portMin = 30_000 + (int) ((ProcessHandle.current().pid() * 7 + n * 100L) % 99) * 100;
        RtpEngineProcess r = new RtpEngineProcess(binary, dir, ip, FreePorts.tcpAndUdp(ip), portMin);
        r.launch();
        return r;
    }

    private void launch() {
        List<String> cmd = List.of(binary.toString(), "--config-file=none", "--foreground", "--log-stderr",
                "--table=-1", "--interface=" + ip, "--listen-ng=" + ip + ":" + ngPort,
                "--port-min=" + portMin, "--port-max=" + (portMin + 99), "--log-level=6",
                "--delete-delay=0", "--pidfile=" + dir.resolve("rtpengine.pid"));
        ManagedProcess p = ManagedProcess.start("rtpengine", cmd, dir, dir.resolve("rtpengine.log"), Map.of());
        process = p;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("rtpengine exited with " + p.process().exitValue() + "; log:\n" + p.tail(40));
            }
            if (ping(Duration.ofMillis(200))) {
                return;
            }
        }
        p.close();
        throw new IllegalStateException("rtpengine does not answer an ng ping on " + ip + ":" + ngPort + "; log:\n" + p.tail(40));
    }

    /** Whether rtpengine answers an ng ping within {@code wait}. */
    public boolean ping(Duration wait) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            s.setSoTimeout((int) wait.toMillis());
            byte[] b = "harness d7:command4:pinge".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, new InetSocketAddress(ip, ngPort)));
            byte[] in = new byte[256];
            DatagramPacket p = new DatagramPacket(in, in.length);
            s.receive(p);
            return new String(in, 0, p.getLength(), StandardCharsets.US_ASCII).contains("4:pong");
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // port unreachable while it starts
            sleep(100);
            return false;
        }
    }

    /** The ng control address, "ip:port", for {@code gateway.sip.rtpengine.address}. */
    public String ngAddress() {
        return ip + ":" + ngPort;
    }

    public String ip() {
        return ip;
    }

    public int ngPort() {
        return ngPort;
    }

    /** Kills rtpengine at once (SIGKILL), as a crash would. */
    public void kill() {
        ManagedProcess p = process;
        p.process().destroyForcibly();
        try {
            p.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same address and ports (after {@link #kill} or {@link #close}). */
    public void restart() {
        close();
        launch();
    }

    /** Everything it logged so far. */
    public List<String> log() {
        return process.lines();
    }

    public String tail(int n) {
        return process.tail(n);
    }

    @Override
    public void close() {
        ManagedProcess p = process;
        if (p != null) {
            p.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
