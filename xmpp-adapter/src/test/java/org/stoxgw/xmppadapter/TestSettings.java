package org.stoxgw.xmppadapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.ConfigProblem;
import org.stoxgw.config.SharedSettings;

/** Shared and XMPP settings from HOCON text over the reference defaults, for tests. */
public record TestSettings(SharedSettings shared, XmppSettings xmpp, List<ConfigProblem> problems) {

    /** Loads {@code hocon}; fails the test if the configuration has problems. */
    public static TestSettings of(String hocon) {
        TestSettings s = check(hocon);
        if (!s.problems().isEmpty()) {
            throw new AssertionError("configuration problems: " + s.problems());
        }
        return s;
    }

    /** Loads {@code hocon} and returns its problems too. */
    public static TestSettings check(String hocon) {
        try {
            Path dir = Path.of("target", "test-configs");
            Files.createDirectories(dir);
            Path f = Files.createTempFile(dir, "xmpp", ".conf");
            Files.writeString(f, hocon);
            ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(f), Map.of());
            SharedSettings shared = SharedSettings.read(c.reader());
            XmppSettings xmpp = XmppSettings.read(c.reader(), shared);
            return new TestSettings(shared, xmpp, c.validate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
