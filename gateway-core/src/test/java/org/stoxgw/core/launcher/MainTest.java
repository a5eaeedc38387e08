package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkConfigOnDefaultsExitsZero() {
        Run r = run("--check-config");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("built-in defaults: configuration is valid"));
    }

    @Test
    void checkConfigReportsMisspelledKeyAndWrongTypeWithFileAndLine() {
        Path f = TestConfigs.write(dir, """
                gateway {
                  core {
                    instance-name = "x"
                    event-loop-thread = 4
                  }
                  xmpp.listen = ["127.0.0.1:5269"]
                  core.max-sessions = "lots"
                }
                """);
        Run r = run("--check-config", "--config", f.toString());
        assertEquals(Main.INVALID_CONFIG, r.code());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.contains(f + ":4: gateway.core.event-loop-thread: unknown key (did you mean 'event-loop-threads'?)"),
                r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(f + ":7: gateway.core.max-sessions: must be an integer")),
                r.err());
        assertTrue(r.err().contains("2 problem(s)"), r.err());
    }

    @Test
    void shippedConfigurationsAreValid() {
        // docs/gateway.example.conf and the image's docker/gateway.conf must stay true to the code
        for (String f : List.of("../docs/gateway.example.conf", "../docker/gateway.conf", "../dist/src/deb/gateway.conf")) {
            Run r = run("--check-config", "--config", f);
            assertEquals(0, r.code(), f + ": " + r.err());
        }
    }

    @Test
    void outOfRangeValueIsReported() {
        Path f = TestConfigs.write(dir, "gateway.core.event-loop-threads = 100000\n");
        Run r = run("--check-config", "--config", f.toString());
        assertEquals(Main.INVALID_CONFIG, r.code());
        assertTrue(r.err().contains(f + ":1: gateway.core.event-loop-threads: must be between 0 and 256, found 100000"), r.err());
    }

    @Test
    void invalidConfigRefusesToStart() {
        Path f = TestConfigs.write(dir, "gateway.xmpp.listen = [\"nohost\"]\ngateway.bogus = 1\n");
        Run r = run("--config", f.toString());
        assertEquals(Main.INVALID_CONFIG, r.code());
        assertTrue(r.err().contains("not starting"), r.err());
    }

    @Test
    void versionHelpAndUsage() {
        assertTrue(run("--version").out().startsWith("stoxgw " + Version.get()));
        assertTrue(run("--help").out().contains("--check-config"));
        assertEquals(Main.USAGE, run("--frobnicate").code());
        assertEquals(Main.USAGE, run("--config").code());
    }

    @Test
    void everyReferenceKeyIsReadByTheCode() {
        var c = org.stoxgw.config.ConfigLoader.load(java.util.Optional.empty(), Map.of());
        GatewaySettings.readAll(c);
        assertEquals(List.of(), c.validate());
        assertEquals(List.of(), c.unreadReferenceKeys(), "reference.conf keys no code reads");
    }
}
