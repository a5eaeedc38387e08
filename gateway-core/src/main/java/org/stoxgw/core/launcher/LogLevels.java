package org.stoxgw.core.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.logging.levels}: log level per logger name ({@code "org.stoxgw.sipadapter" = DEBUG},
 * {@code ROOT} for the root logger), applied at start and again by every reload. A logger that leaves the
 * map goes back to what logback.xml gave it. Applying is synchronised (start and reload threads).
 */
public record LogLevels(Map<String, String> levels) {
    private static final Set<String> NAMES = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    /** What each logger had before the map first touched it, to give back when it leaves the map. */
    private static final Map<String, Level> ORIGINAL = new HashMap<>();

    public LogLevels {
        levels = Map.copyOf(levels);
    }

    public static LogLevels read(ConfigReader gateway) {
        ConfigReader r = gateway.section("logging");
        Map<String, String> out = new LinkedHashMap<>();
        r.stringMap("levels").forEach((logger, level) -> {
            String l = level.toUpperCase(Locale.ROOT);
            if (!NAMES.contains(l)) {
                r.problem("levels", "level of " + logger + " must be one of " + NAMES + ", found " + level);
            } else {
                out.put(logger, l);
            }
        });
        return new LogLevels(out);
    }

    /** Sets every listed logger's level and gives back the original level of loggers {@code before} had. */
    public void apply(LogLevels before) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding (tests with a different backend): nothing to set
        }
        synchronized (ORIGINAL) {
            if (before != null) {
                before.levels().keySet().stream().filter(k -> !levels.containsKey(k)).forEach(k -> {
                    logger(ctx, k).setLevel(ORIGINAL.remove(k));
                });
            }
            levels.forEach((name, level) -> {
                Logger l = logger(ctx, name);
                ORIGINAL.putIfAbsent(name, l.getLevel());
                l.setLevel(Level.toLevel(level));
            });
        }
    }

    private static Logger logger(LoggerContext ctx, String name) {
        return ctx.getLogger(name.equalsIgnoreCase("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name);
    }
}
