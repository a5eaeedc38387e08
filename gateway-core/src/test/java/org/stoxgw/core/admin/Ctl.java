package org.stoxgw.core.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.stoxgw.testfixtures.peers.Peers;

/** Runs {@code bin/stoxgwctl} of this checkout, as an operator would (tests). */
final class Ctl {
    record Result(int exit, String out) {
    }

    private Ctl() {
    }

    static Path script(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            Path p = dir.resolve("bin").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("bin/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    static Result run(Map<String, String> env, String... args) {
        Peers.require("curl", "curl");
        List<String> cmd = new ArrayList<>(List.of("sh", script("stoxgwctl").toString()));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("stoxgwctl " + String.join(" ", args) + " did not finish: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
