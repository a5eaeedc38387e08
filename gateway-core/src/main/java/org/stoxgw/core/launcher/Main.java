package org.stoxgw.core.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.stoxgw.config.ConfigProblem;
import org.stoxgw.config.InvalidConfigException;

/**
 * The command line: {@code java -jar stoxgw.jar [--config FILE] [--check-config] [--version] [--help]}.
 *
 * <p>Exit codes: 0 success, 1 invalid configuration, 2 bad command line, 3 failed to start.
 */
public final class Main {
    static final int OK = 0;
    static final int INVALID_CONFIG = 1;
    static final int USAGE = 2;
    static final int START_FAILED = 3;

    private static final String HELP = """
            Usage: stoxgw [--config FILE] [--check-config] [--version] [--help]

              --config FILE    read FILE (HOCON) over the built-in defaults
              --check-config   validate the configuration, print every problem, exit (0 = valid)
              --version        print the version and exit
              --help           print this help and exit

            Without --config the gateway runs on its embedded defaults (loopback listening points,
            example domains), as a demonstration. A FILE that still serves example domains (example.com,
            *.example.test, ...) is refused unless it sets gateway.core.allow-example-domains = true.
            Some keys can be set from the environment (STOXGW_*), see README.md.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        prepareProcess();
        int code = run(args, System.getenv(), System.out, System.err, true);
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * What the process needs before any thread logs or loads Netty (issue 13: warnings at every start):
     * SLF4J is bound on this thread first, so that no logging call of the preload thread races its
     * initialisation (SLF4J then "replays" them, with a warning); Netty gets a machine id for its channel
     * ids ({@code io.netty.machineId}, random and locally administered, as Netty's own fallback) instead
     * of looking for a hardware address, which it warns about when there is none (containers, network
     * namespaces). An operator's own {@code -Dio.netty.machineId} is kept.
     */
    static void prepareProcess() {
        org.slf4j.LoggerFactory.getILoggerFactory();
        if (System.getProperty("io.netty.machineId") == null) {
            byte[] id = new byte[6];
            new java.security.SecureRandom().nextBytes(id);
            id[0] = (byte) ((id[0] | 0x02) & 0xFE); // locally administered, unicast (IEEE 802)
            StringBuilder sb = new StringBuilder(17);
            for (byte b : id) {
                sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xFF));
            }
            System.setProperty("io.netty.machineId", sb.toString());
        }
    }

    /**
     * Runs the command line. With {@code serve} true a valid start blocks until SIGTERM/Ctrl-C;
     * otherwise (tests) it returns after start-up checks.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean serve) {
        Optional<Path> file = Optional.empty();
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return OK;
                }
                case "--version" -> {
                    out.println("stoxgw " + Version.get());
                    return OK;
                }
                case "--check-config" -> check = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        err.println("--config needs a file name");
                        return USAGE;
                    }
                    file = Optional.of(Path.of(args[++i]));
                }
                default -> {
                    err.println("unknown argument: " + args[i]);
                    err.print(HELP);
                    return USAGE;
                }
            }
        }
        if (check) {
            return checkConfig(file, env, out, err);
        }
        if (serve) {
            // class loading of Smack, JAIN-SIP and Netty overlaps with reading the configuration (start to ready)
            Thread preload = new Thread(() -> {
                org.stoxgw.xmppadapter.XmppAdapter.preload();
                org.stoxgw.sipadapter.SipAdapter.preload();
            }, "stoxgw-preload");
            preload.setDaemon(true);
            preload.start();
        }
        GatewaySettings settings;
        GatewaySettings.Loaded loaded;
        try {
            loaded = GatewaySettings.loadWithValues(file, env);
            settings = loaded.settings();
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> err.println(p.toString()));
            err.println(e.problems().size() + " configuration problem(s); not starting");
            return INVALID_CONFIG;
        }
        List<ConfigProblem> refused = ExampleDomains.problems(file, settings);
        if (!refused.isEmpty()) {
            refused.forEach(p -> err.println(p.toString()));
            err.println("not starting");
            return INVALID_CONFIG;
        }
        LoggingSetup.bridgeJul();
        ExampleDomains.logConfiguration(file, settings);
        Gateway gateway = new Gateway(settings);
        gateway.reloadFrom(file, env, loaded.values());
        try {
            gateway.start();
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return START_FAILED;
        }
        if (serve) {
            Signals.onHangUp(gateway::reload);
            // stoxgwctl drain: once empty the process exits (0), the shutdown hook stops what is left
            gateway.onDrained(() -> new Thread(() -> System.exit(OK), "stoxgw-exit").start());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                gateway.stop();
                stopped.countDown();
            }, "stoxgw-shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            gateway.stop();
        }
        return OK;
    }

    private static int checkConfig(Optional<Path> file, Map<String, String> env, PrintStream out, PrintStream err) {
        List<ConfigProblem> problems = new java.util.ArrayList<>(GatewaySettings.check(file, env));
        if (problems.isEmpty()) {
            problems.addAll(ExampleDomains.problems(file, GatewaySettings.load(file, env)));
        }
        String what = file.map(Path::toString).orElse("built-in defaults");
        if (problems.isEmpty()) {
            out.println(what + ": configuration is valid");
            return OK;
        }
        problems.forEach(p -> err.println(p.toString()));
        err.println(what + ": " + problems.size() + " problem(s)");
        return INVALID_CONFIG;
    }
}
