package org.stoxgw.testfixtures.peers.xmpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;

/**
 * A private Prosody 0.12 instance for interop tests, from the project's
 * {@code src-test-fixtures/peers/prosody/prosody-a.cfg.lua}: the configuration is rendered into the
 * given directory under the module's {@code target/}, together with Prosody's data, pid and log
 * files; Prosody listens on its own {@link TestNet} address (c2s 5222, s2s 5269, components 5347) and
 * reaches the gateway's domain through {@code mod_s2s_connect_override} at the gateway's actual port.
 *
 * <p>{@link #close()} stops it (SIGTERM, then SIGKILL). Skips the test when Prosody is not installed
 * (fails under {@code STOXGW_REQUIRE_PEERS=1}).
 */
public final class ProsodyPeer implements AutoCloseable {
    public static final int C2S_PORT = 5222;
    public static final int S2S_PORT = 5269;
    public static final int COMPONENT_PORT = 5347;

    private final Builder b;
    private final Path dir;
    private volatile ManagedProcess process;

    private ProsodyPeer(Builder b, Path dir, ManagedProcess process) {
        this.b = b;
        this.dir = dir;
        this.process = process;
    }

    /** A builder for a Prosody serving {@code domain}, state and rendered files in {@code dir}. */
    public static Builder builder(Path dir, String domain) {
        return new Builder(dir, domain);
    }

    /** How remote s2s streams must be secured (Prosody's {@code s2s_require_encryption}). */
    public enum S2sTls { OPTIONAL, REQUIRED, OFF }

    /** Options of one instance. */
    public static final class Builder {
        private final Path dir;
        private final String domain;
        private String ip = TestNet.address(2);
        private String gatewayDomain;
        private String gatewayDomain2;
        private String gatewayIp;
        private int gatewayPort;
        private S2sTls tls = S2sTls.OPTIONAL;
        private boolean secureAuth;
        private Path caFile;
        private Path certDir;
        private String componentDomain;
        private String componentSecret;
        private String logLevel = "debug";
        private final Map<String, String> users = new LinkedHashMap<>();

        private Builder(Path dir, String domain) {
            this.dir = dir.toAbsolutePath();
            this.domain = domain;
        }

        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** Where Prosody's s2s connections to {@code domain} go (the gateway under test). */
        public Builder gatewayRoute(String domain, String ip, int port) {
            this.gatewayDomain = domain;
            this.gatewayIp = ip;
            this.gatewayPort = port;
            return this;
        }

        /** A second domain the gateway of {@link #gatewayRoute} serves at the same address. */
        public Builder alsoRoute(String domain) {
            this.gatewayDomain2 = domain;
            return this;
        }

        public Builder s2sTls(S2sTls tls) {
            this.tls = tls;
            return this;
        }

        /** Require valid certificates of remote servers ({@code s2s_secure_auth}), trusting {@code caFile}. */
        public Builder secureAuth(Path caFile) {
            this.secureAuth = true;
            this.caFile = caFile;
            return this;
        }

        /**
         * Prosody's own certificate: {@code <domain>.crt/.key} in {@code dir} (e.g. from {@link XmppTestPki}).
         * Without one, a certificate from a CA of its own (trusted by nobody) is generated.
         */
        public Builder certificates(Path certDir) {
            this.certDir = certDir;
            return this;
        }

        /** Accept an external component (XEP-0114) for {@code domain} on port 5347. */
        public Builder component(String domain, String secret) {
            this.componentDomain = domain;
            this.componentSecret = secret;
            return this;
        }

        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        public Builder logLevel(String level) {
            this.logLevel = level;
            return this;
        }

        /** Renders the configuration, registers the users and starts Prosody; returns once it listens. */
        public ProsodyPeer start() {
            Path prosody = Peers.require("prosody", "prosody");
            Path prosodyctl = Peers.require("prosodyctl", "prosody");
            try {
                // a fresh server every time: rosters left by an earlier run would change what it does
                deleteTree(dir.resolve("data"));
                Files.createDirectories(dir.resolve("data"));
                if (certDir == null) {
                    // c2s clients use STARTTLS too: Prosody always needs a certificate (here one nobody trusts).
                    new XmppTestPki(dir.resolve("certs"), domain + "-own").issue(domain);
                }
                Path cfg = dir.resolve("prosody.cfg.lua");
                Files.copy(Peers.files().resolve("prosody/prosody-a.cfg.lua"), cfg,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Map<String, String> env = env();
                Files.write(dir.resolve("prosody.env"), env.entrySet().stream()
                        .filter(e -> !e.getKey().contains("SECRET")).map(e -> e.getKey() + "=" + e.getValue()).toList());
                for (Map.Entry<String, String> u : users.entrySet()) {
                    run(List.of(prosodyctl.toString(), "--config", cfg.toString(), "register", u.getKey(), domain, u.getValue()), env);
                }
                ProsodyPeer peer = new ProsodyPeer(this, dir, launch(prosody, cfg, env));
                try {
                    peer.awaitPorts();
                } catch (RuntimeException e) {
                    peer.close();
                    throw new IllegalStateException(e.getMessage() + "\nprosody.log:\n" + peer.logTail(40), e);
                }
                return peer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        private ManagedProcess launch(Path prosody, Path cfg, Map<String, String> env) {
            return ManagedProcess.start("prosody-" + domain, List.of(prosody.toString(), "--config", cfg.toString(), "-F"), dir,
                    dir.resolve("stdout.log"), env);
        }

        private Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            env.put("PEERLAB_RUN", dir.toString());
            env.put("PROSODY_DIR", dir.toString());
            env.put("PEERS_DIR", Peers.files().toAbsolutePath().toString());
            env.put("XMPP_A_DOMAIN", domain);
            env.put("XMPP_A_IP", ip);
            env.put("PROSODY_S2S_TLS", tls.name().toLowerCase(java.util.Locale.ROOT));
            env.put("PROSODY_LOGLEVEL", logLevel);
            env.put("PROSODY_S2S_ROUTE", "override");
            if (gatewayDomain != null) {
                env.put("GW_DOMAIN", gatewayDomain);
                env.put("GW_IP", gatewayIp);
                env.put("GW_S2S_PORT", String.valueOf(gatewayPort));
                if (gatewayDomain2 != null) {
                    env.put("GW_DOMAIN_2", gatewayDomain2);
                }
            } else {
                env.put("GW_DOMAIN", "unused.invalid");
                env.put("GW_IP", "127.0.0.1");
                env.put("GW_S2S_PORT", "9");
            }
            if (secureAuth) {
                env.put("PROSODY_S2S_SECURE_AUTH", "true");
            }
            if (caFile != null) {
                env.put("PROSODY_CA_FILE", caFile.toAbsolutePath().toString());
            }
            env.put("PROSODY_CERTS", (certDir != null ? certDir.toAbsolutePath() : dir.resolve("certs")).toString());
            if (componentDomain != null) {
                env.put("PROSODY_COMPONENT_DOMAIN", componentDomain);
                env.put("PROSODY_COMPONENT_PORT", String.valueOf(COMPONENT_PORT));
                env.put("PROSODY_COMPONENT_SECRET", componentSecret);
            }
            return env;
        }

        private void run(List<String> command, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prosodyctl.log").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("failed: " + command + "\n" + Files.readString(dir.resolve("prosodyctl.log")));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void awaitPorts() {
        process.awaitTcp(b.ip, C2S_PORT, Duration.ofSeconds(20));
        process.awaitTcp(b.ip, S2S_PORT, Duration.ofSeconds(10));
        if (b.componentDomain != null) {
            process.awaitTcp(b.ip, COMPONENT_PORT, Duration.ofSeconds(10));
        }
    }

    /** Kills Prosody at once (SIGKILL), as in a crash: no stream is closed, nothing is flushed. */
    public void kill() {
        process.process().destroyForcibly();
        process.waitFor(Duration.ofSeconds(10));
    }

    /** Starts Prosody again with the same configuration, users and data (after {@link #kill()}). */
    public void restart() {
        if (process.isAlive()) {
            kill();
        }
        process.close();
        process = b.launch(Peers.require("prosody", "prosody"), dir.resolve("prosody.cfg.lua"), b.env());
        awaitPorts();
    }

    public String domain() {
        return b.domain;
    }

    public String ip() {
        return b.ip;
    }

    /** The last {@code n} lines of prosody.log, for failure messages. */
    public String logTail(int n) {
        try {
            Path log = dir.resolve("prosody.log");
            if (!Files.exists(log)) {
                return process.tail(n);
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** prosody.log lines matching {@code regex}. */
    public List<String> logLines(String regex) {
        List<String> out = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(dir.resolve("prosody.log"))) {
                if (l.matches(".*(" + regex + ").*")) {
                    out.add(l);
                }
            }
        } catch (IOException e) {
            // no log yet
        }
        return out;
    }

    @Override
    public void close() {
        process.close();
    }
}
