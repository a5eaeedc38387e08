package org.stoxgw.core.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
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
        Run docker = run("--check-config", "--config", "../docker/gateway.conf");
        assertEquals(0, docker.code(), docker.err());
        // the example is valid but names example domains: copied unchanged, it is refused (issue 13)
        Run example = run("--check-config", "--config", "../docs/gateway.example.conf");
        assertEquals(Main.INVALID_CONFIG, example.code(), example.err());
        assertTrue(example.err().contains("gateway.domains: serves example domain(s) gw.example.com, sip.example.com, "
                + "xmpp.example.com"), example.err());
        assertTrue(example.err().contains("1 problem(s)"), example.err());
        // so is the Debian package's /etc/stoxgw/gateway.conf until the operator sets the domains
        Run deb = run("--check-config", "--config", "../dist/src/deb/gateway.conf");
        assertEquals(Main.INVALID_CONFIG, deb.code(), deb.err());
        assertTrue(deb.err().contains("serves example domain(s)"), deb.err());
        assertTrue(deb.err().contains("1 problem(s)"), deb.err());
    }

    @Test
    @DisplayName("Issue 13: an empty --config file and a missing one are problems, not the example defaults")
    void emptyOrMissingFile() throws Exception {
        Path empty = TestConfigs.write(dir, "# nothing yet\n");
        for (String[] args : new String[][] {{"--config", empty.toString()}, {"--check-config", "--config", empty.toString()}}) {
            Run r = run(args);
            assertEquals(Main.INVALID_CONFIG, r.code(), r.err());
            assertTrue(r.err().contains(empty + ": (file): the configuration file sets nothing"), r.err());
        }
        Run missing = run("--config", dir.resolve("nope.conf").toString());
        assertEquals(Main.INVALID_CONFIG, missing.code());
        assertTrue(missing.err().contains("cannot read the configuration file"), missing.err());
    }

    @Test
    @DisplayName("Issue 13: a --config file serving example domains is refused unless it allows them; the embedded "
            + "defaults start as a demonstration; the log names the configuration")
    void exampleDomains() throws Exception {
        String ports = "gateway.xmpp.listen = [\"127.0.0.1:%d\"]\ngateway.sip.listen { udp = [\"127.0.0.1:%d\"], tcp = [] }\n"
                .formatted(org.stoxgw.testfixtures.FreePorts.tcp("127.0.0.1"), org.stoxgw.testfixtures.FreePorts.tcpAndUdp("127.0.0.1"))
                + "gateway.core.jmx.enabled = false\ngateway.presence.store.path = \"" + dir.resolve("store") + "\"\n";
        Path f = TestConfigs.write(dir, ports);
        Run refused = run("--config", f.toString());
        assertEquals(Main.INVALID_CONFIG, refused.code());
        assertTrue(refused.err().contains(f + ": gateway.domains: serves example domain(s) gw.example.test, "
                + "sip.example.test, xmpp.example.test"), refused.err());
        Path allowed = TestConfigs.write(dir, ports + "gateway.core.allow-example-domains = true\n");
        List<String> log = LogCapture.during(() -> assertEquals(0, run("--config", allowed.toString()).code()));
        assertTrue(log.contains("INFO configuration: " + allowed.toAbsolutePath().normalize() + " over the embedded defaults"),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN serving example domain(s)")), log.toString());
        Path own = TestConfigs.write(dir, ports + """
                gateway.domains { sip-users = [ { sip = "sip.op.test", xmpp = "sip.op.test" } ], xmpp-users = [],
                                  gateway = [ { xmpp = "gw.op.test", sip = "gw.op.test" } ] }
                """);
        List<String> ownLog = LogCapture.during(() -> assertEquals(0, run("--config", own.toString()).code()));
        assertTrue(ownLog.stream().noneMatch(l -> l.contains("example")), ownLog.toString());
        assertTrue(ExampleDomains.isExample("sip.example.com") && ExampleDomains.isExample("example.org")
                && !ExampleDomains.isExample("myexample.com") && !ExampleDomains.isExample("example.company"));
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
