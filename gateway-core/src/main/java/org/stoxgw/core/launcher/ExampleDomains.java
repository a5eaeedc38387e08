package org.stoxgw.core.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.ConfigProblem;

/**
 * The operator's view of which configuration a start uses (issue 13): the start-up log names it, and
 * a configuration file that sets nothing, or that still serves example domains, is refused.
 *
 * <p>Example domains are the names reserved for documentation (RFC 2606 §2–3, RFC 6761 §6.5):
 * {@code example}, {@code example.com}, {@code example.net}, {@code example.org}, and the embedded
 * defaults' {@code *.example.test}, with their subdomains. Without {@code --config} the embedded
 * defaults are a demonstration on loopback and start with a warning (README's quick start); a file
 * given with {@code --config} is meant as a deployment, and one that serves such a name is almost
 * always a copied example or a file that set nothing, so the start is refused unless the file asks
 * for it with {@code gateway.core.allow-example-domains = true} (tests, demos, the Docker compose
 * setup). Stateless; any thread.
 */
final class ExampleDomains {
    private static final Logger log = LoggerFactory.getLogger(ExampleDomains.class);
    private static final List<String> RESERVED = List.of("example", "example.com", "example.net", "example.org",
            "example.test");

    private ExampleDomains() {
    }

    /** Whether {@code domain} is, or is under, a name reserved for examples. */
    static boolean isExample(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        for (String r : RESERVED) {
            if (d.equals(r) || d.endsWith("." + r)) {
                return true;
            }
        }
        return false;
    }

    /** The example domains {@code s} serves on either side, sorted. */
    static List<String> served(GatewaySettings s) {
        TreeSet<String> out = new TreeSet<>();
        s.shared().domains().servedXmppDomains().stream().filter(ExampleDomains::isExample).forEach(out::add);
        s.shared().domains().servedSipDomains().stream().filter(ExampleDomains::isExample).forEach(out::add);
        return List.copyOf(out);
    }

    /** Why a start with {@code file} is refused; empty when it may start. */
    static List<ConfigProblem> problems(Optional<Path> file, GatewaySettings s) {
        if (file.isPresent() && setsNothing(file.get())) {
            // almost always a mistake (a truncated copy, the wrong path in a unit file): say so rather
            // than run on the embedded example defaults as if the operator had asked for them
            return List.of(new ConfigProblem("(file)", file.get().toString(), "the configuration file sets nothing (it is "
                    + "empty or only comments); start without --config for the embedded defaults"));
        }
        List<String> examples = served(s);
        if (file.isEmpty() || examples.isEmpty() || s.core().allowExampleDomains()) {
            return List.of();
        }
        return List.of(new ConfigProblem("gateway.domains", file.get().toString(),
                "serves example domain(s) " + String.join(", ", examples) + ", which are placeholders (RFC 2606), not "
                        + "yours: set gateway.domains to your domains, or gateway.core.allow-example-domains = true to "
                        + "serve them anyway (tests, demos)"));
    }

    private static boolean setsNothing(Path file) {
        try {
            return com.typesafe.config.ConfigFactory.parseFile(file.toFile()).isEmpty();
        } catch (com.typesafe.config.ConfigException e) {
            return false; // loading it already reported why
        }
    }

    /** Logs which configuration this start uses, loudly when it serves example domains. */
    static void logConfiguration(Optional<Path> file, GatewaySettings s) {
        List<String> examples = served(s);
        if (file.isPresent()) {
            log.info("configuration: {} over the embedded defaults", file.get().toAbsolutePath().normalize());
            if (!examples.isEmpty()) {
                log.warn("serving example domain(s) {} as gateway.core.allow-example-domains asks", String.join(", ", examples));
            }
        } else {
            log.warn("configuration: embedded defaults only (no --config): a demonstration on loopback serving example "
                    + "domain(s) {}; give --config FILE with your domains for a deployment", String.join(", ", examples));
        }
    }
}
