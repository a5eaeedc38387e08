package org.stoxgw.testfixtures.peers.kamailio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * A real Kamailio (Debian {@code kamailio}, module {@code msrp.so}) running as an RFC 4976 MSRP
 * relay on a free loopback port, with digest AUTH for one realm and password
 * ({@code src-test-fixtures/peers/kamailio-msrp/kamailio.cfg}). Files and log go to the given
 * work directory. {@link #close()} stops it.
 */
public final class KamailioMsrpRelay implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> MODULE_DIRS = List.of("/usr/lib/x86_64-linux-gnu/kamailio/modules",
            "/usr/lib/aarch64-linux-gnu/kamailio/modules", "/usr/lib/kamailio/modules");

    private final ManagedProcess process;
    private final int port;

    private KamailioMsrpRelay(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the relay; skips (or fails with STOXGW_REQUIRE_PEERS=1) when Kamailio is not installed. */
    public static KamailioMsrpRelay start(Path workDir, String realm, String password) {
        Path kamailio = Peers.require("kamailio", "kamailio");
        String modules = MODULE_DIRS.stream().filter(d -> Files.exists(Path.of(d, "msrp.so"))).findFirst()
                .orElseGet(() -> {
                    Peers.require("/nonexistent/msrp.so", "kamailio (msrp.so)");
                    return "";
                });
        int port = FreePorts.tcp("127.0.0.1");
        Path dir = workDir.toAbsolutePath().resolve("kamailio-msrp-" + COUNTER.incrementAndGet());
        try {
            Files.createDirectories(dir);
            String cfg = Files.readString(Peers.files().resolve("kamailio-msrp/kamailio.cfg"), StandardCharsets.UTF_8)
                    .replace("@PORT@", Integer.toString(port)).replace("@REALM@", realm)
                    .replace("@PASSWORD@", password).replace("@MODULES@", modules + "/");
            Files.writeString(dir.resolve("kamailio.cfg"), cfg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess p = ManagedProcess.start("kamailio-msrp", List.of(kamailio.toString(), "-f",
                        dir.resolve("kamailio.cfg").toString(), "-DD", "-E", "-Y", dir.toString(), "-P",
                        dir.resolve("kamailio.pid").toString(), "-m", "64", "-M", "16"),
                dir, dir.resolve("kamailio.log"), Map.of());
        p.awaitTcp("127.0.0.1", port, Duration.ofSeconds(20));
        return new KamailioMsrpRelay(p, port);
    }

    public int port() {
        return port;
    }

    /** The relay's URI, {@code msrp://127.0.0.1:<port>;tcp}. */
    public String uri() {
        return "msrp://127.0.0.1:" + port + ";tcp";
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
