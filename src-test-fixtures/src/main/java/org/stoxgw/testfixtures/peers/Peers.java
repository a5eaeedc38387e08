package org.stoxgw.testfixtures.peers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finding the real peers (Prosody, SIPp, baresip, dnsmasq, slixmpp) and the project's peer files.
 *
 * <p>A test that needs a peer calls {@link #require}: if the peer is not installed the test is
 * skipped with a message, unless the environment sets {@code STOXGW_REQUIRE_PEERS=1} (CI does),
 * in which case it fails.
 */
public final class Peers {
    /** Set to 1 to turn a missing peer into a test failure. */
    public static final String REQUIRE_ENV = "STOXGW_REQUIRE_PEERS";

    private Peers() {
    }

    /** The absolute path of {@code binary} on PATH (or the given absolute path), or skip/fail. */
    public static Path require(String binary, String debianPackage) {
        Optional<Path> p = find(binary);
        if (p.isPresent()) {
            return p.get();
        }
        String why = binary + " is not installed (Debian package " + debianPackage + "); .ci/run installs it";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(why + " and " + REQUIRE_ENV + "=1");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /** The path of an executable, looked up on PATH unless already absolute. */
    public static Optional<Path> find(String binary) {
        if (binary.startsWith("/")) {
            Path p = Path.of(binary);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The project's {@code src-test-fixtures/peers} directory (configs, scenarios, scripts for the
     * real peers), found from the working directory of any module's tests.
     */
    public static Path files() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            Path candidate = dir.resolve("src-test-fixtures").resolve("peers");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("src-test-fixtures/peers not found above " + Path.of("").toAbsolutePath());
    }
}
