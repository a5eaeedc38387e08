package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defect 8: what an operator sees when the gateway starts, read from the output of a real
 * start in a JVM of its own (the warnings in question come from a fresh JVM's first logging and
 * Netty's first channel). Where the machine allows it (root, {@code unshare}, {@code ip}), the JVM
 * runs in a network namespace of its own with only loopback, as in a minimal container: no hardware
 * address for Netty to find.
 */
class StartupLogTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a start names its configuration file and prints no SLF4J replay or Netty hardware-address warning")
    void quietStart() throws Exception {
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, """
                gateway.domains { sip-users = [ { sip = "sip.op.test", xmpp = "sip.op.test" } ], xmpp-users = [],
                                  gateway = [ { xmpp = "gw.op.test", sip = "gw.op.test" } ] }
                gateway.xmpp.listen = ["127.0.0.1:%d"]
                gateway.sip.listen { udp = ["127.0.0.1:%d"], tcp = [] }
                gateway.core.jmx.enabled = false
                gateway.presence.store.path = "%s"
                """.formatted(org.stoxgw.testfixtures.FreePorts.tcp("127.0.0.1"), org.stoxgw.testfixtures.FreePorts.tcpAndUdp("127.0.0.1"),
                dir.resolve("store")));
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--config", conf.toString());
        List<String> cmd = new ArrayList<>();
        boolean isolated = Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                && "root".equals(System.getProperty("user.name"));
        if (isolated) {
            cmd.addAll(List.of("/usr/bin/unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""));
        }
        cmd.addAll(java);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.contains(" ready in ")) {
                    p.toHandle().destroy(); // SIGTERM (the streams stay open): the shutdown hook stops the gateway
                }
            }
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String all = String.join("\n", lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" ready in ")), all);
        assertTrue(lines.stream().anyMatch(l -> l.contains("configuration: " + conf.toAbsolutePath().normalize()
                + " over the embedded defaults")), all);
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("SLF4J") || l.contains("replayed")
                || l.contains("hardware address") || l.contains("MAC address")).toList(), (isolated ? "(own network namespace) " : "") + all);
    }
}
