package org.stoxgw.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the one configuration tree of a gateway: environment overrides, then the operator's HOCON
 * file, then every module's {@code reference.conf} on the class path (the embedded defaults).
 *
 * <p>Use: {@code LoadedConfig c = ConfigLoader.load(file, System.getenv());} then read every
 * module's settings from {@link LoadedConfig#reader()}, then {@link LoadedConfig#finish()}, which
 * throws {@link InvalidConfigException} listing every problem (syntax, wrong type, out of range,
 * unknown key), each with its origin. Reads the file and class path resources only.
 */
public final class ConfigLoader {
    /** All gateway keys live under this root. */
    public static final String ROOT = "gateway";

    private ConfigLoader() {
    }

    /** Loads without throwing; syntax problems are kept for {@link LoadedConfig#finish()}. */
    public static LoadedConfig load(Optional<Path> file, Map<String, String> env) {
        return load(file, env, ConfigLoader.class.getClassLoader());
    }

    static LoadedConfig load(Optional<Path> file, Map<String, String> env, ClassLoader loader) {
        List<ConfigProblem> early = new ArrayList<>();
        Config reference = ConfigFactory.parseResources(loader, "reference.conf",
                ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        Config fileConfig = ConfigFactory.empty();
        if (file.isPresent()) {
            Path f = file.get();
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                early.add(new ConfigProblem("(file)", f.toString(), "cannot read the configuration file"));
            } else {
                try {
                    fileConfig = ConfigFactory.parseFile(f.toFile(), ConfigParseOptions.defaults()
                            .setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
                } catch (ConfigException e) {
                    early.add(new ConfigProblem("(syntax)", originOf(e, f.toString()), stripOrigin(e)));
                }
            }
        }
        Config envConfig = EnvironmentOverrides.from(env, early);
        Config user = envConfig.withFallback(fileConfig);
        Config merged;
        Config userResolved;
        try {
            merged = user.withFallback(reference).resolve();
            userResolved = user.resolveWith(merged, ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            early.add(new ConfigProblem("(substitution)", originOf(e, "configuration"), stripOrigin(e)));
            merged = reference;
            userResolved = ConfigFactory.empty();
        }
        return new LoadedConfig(file, merged, reference, userResolved, early);
    }

    private static String originOf(ConfigException e, String fallback) {
        if (e.origin() == null) {
            return fallback;
        }
        String name = e.origin().filename() != null ? e.origin().filename() : e.origin().description();
        return e.origin().lineNumber() > 0 ? name + ":" + e.origin().lineNumber() : name;
    }

    private static String stripOrigin(ConfigException e) {
        String m = e.getMessage();
        // Typesafe prefixes messages with "origin: "; we print the origin separately.
        if (e.origin() != null) {
            String d = e.origin().description();
            if (m.startsWith(d + ": ")) {
                return m.substring(d.length() + 2);
            }
        }
        return m;
    }

    /** A loaded, not yet validated configuration. */
    public static final class LoadedConfig {
        private final Optional<Path> file;
        private final Config merged;
        private final Config reference;
        private final Config user;
        private final ReadState state = new ReadState();

        LoadedConfig(Optional<Path> file, Config merged, Config reference, Config user, List<ConfigProblem> early) {
            this.file = file;
            this.merged = merged;
            this.reference = reference;
            this.user = user;
            early.forEach(state::add);
        }

        /** The reader of the {@code gateway} root. */
        public ConfigReader reader() {
            return new ConfigReader(merged, reference, ROOT, ROOT, state);
        }

        /** The operator's file, if one was given. */
        public Optional<Path> file() {
            return file;
        }

        /** Problems found so far, unknown keys not yet included. */
        public List<ConfigProblem> problems() {
            return List.copyOf(state.problems());
        }

        /**
         * Reports every key the operator set (file or environment) that no settings code read,
         * then throws if any problem was found.
         *
         * @throws InvalidConfigException listing every problem
         */
        public void finish() {
            List<ConfigProblem> all = validate();
            if (!all.isEmpty()) {
                throw new InvalidConfigException(all);
            }
        }

        /** Like {@link #finish()}, but returns the problems instead of throwing. */
        public List<ConfigProblem> validate() {
            for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
                String key = e.getKey();
                if (!state.isKnown(key)) {
                    state.add(new ConfigProblem(key, ConfigReader.origin(e.getValue()), "unknown key" + state.suggest(key)));
                }
            }
            return List.copyOf(state.problems());
        }

        /**
         * Every {@code gateway.*} key of the merged tree (defaults, file, environment) with its value rendered
         * as HOCON, sorted by key: what a reload compares to find the keys that changed. Holds secrets: compare
         * it, never print it.
         */
        public java.util.SortedMap<String, String> values() {
            java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : merged.entrySet()) {
                if (e.getKey().startsWith(ROOT + ".")) {
                    out.put(e.getKey(), e.getValue().render(com.typesafe.config.ConfigRenderOptions.concise()));
                }
            }
            return out;
        }

        /** Reference keys no settings code read: a mismatch between reference.conf and the code. */
        public List<String> unreadReferenceKeys() {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
                if (e.getKey().startsWith(ROOT + ".") && !state.isKnown(e.getKey())) {
                    out.add(e.getKey());
                }
            }
            out.sort(String::compareTo);
            return out;
        }
    }
}
