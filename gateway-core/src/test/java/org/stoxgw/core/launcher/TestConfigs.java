package org.stoxgw.core.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Writes HOCON test configurations and loads them. */
final class TestConfigs {
    private TestConfigs() {
    }

    static Path write(Path dir, String hocon) {
        try {
            Path f = Files.createTempFile(dir, "gateway", ".conf");
            Files.writeString(f, hocon);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GatewaySettings load(Path dir, String hocon) {
        return GatewaySettings.load(Optional.of(write(dir, hocon)), Map.of());
    }
}
