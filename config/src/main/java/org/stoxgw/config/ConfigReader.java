package org.stoxgw.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, validating view of one section of the configuration.
 *
 * <p>Contract: every getter records the key as "known" and never throws for a bad value. A value
 * of the wrong type or out of range is recorded as a {@link ConfigProblem} (with the origin of the
 * value: file and line, or the environment variable) and the getter returns the built-in default
 * instead, so that one pass over all settings collects every problem. {@link ConfigLoader#finish}
 * then adds one problem per key the operator set that no module read (an unknown or misspelled
 * key) and throws {@link InvalidConfigException} if anything was found.
 *
 * <p>Not thread-safe; used once, at start-up, on the launcher's thread.
 */
public final class ConfigReader {
    private final Config config;
    private final Config reference;
    private final String base;
    private final String display;
    private final ReadState state;

    ConfigReader(Config config, Config reference, String base, String display, ReadState state) {
        this.config = config;
        this.reference = reference;
        this.base = base;
        this.display = display;
        this.state = state;
    }

    /** The reader of a nested object, e.g. {@code section("listen")}. */
    public ConfigReader section(String key) {
        String p = path(key);
        state.markKnownPrefix(display(key));
        if (config.hasPath(p) && config.getValue(p).valueType() != ConfigValueType.OBJECT) {
            problem(key, "must be an object ({ ... }), found " + describe(config.getValue(p)));
        }
        return new ConfigReader(config, reference, p, display(key), state);
    }

    public String string(String key) {
        return read(key, ConfigValueType.STRING, "a string", Config::getString, "");
    }

    /**
     * A string that is a secret (password, shared secret): read like {@link #string}, but a problem
     * with it never shows the value, which would otherwise end up in logs and CI output.
     */
    public String secret(String key) {
        return read(key, ConfigValueType.STRING, "a string", Config::getString, "", true);
    }

    /** A string that must not be blank. */
    public String nonBlankString(String key) {
        String s = string(key);
        if (s.isBlank() && config.hasPath(path(key))) {
            problem(key, "must not be empty");
        }
        return s;
    }

    /** An optional string: absent, null or "" give {@link Optional#empty()}. */
    public Optional<String> optionalString(String key) {
        if (!config.hasPath(path(key))) {
            state.markKnown(display(key));
            return Optional.empty();
        }
        String s = string(key);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A string with a default, for keys inside list items (which have no reference default). */
    public String string(String key, String dflt) {
        if (!config.hasPath(path(key))) {
            state.markKnown(display(key));
            return dflt;
        }
        return string(key);
    }

    public boolean bool(String key) {
        return read(key, ConfigValueType.BOOLEAN, "true or false", Config::getBoolean, Boolean.FALSE);
    }

    /** An integer in {@code [min, max]}. */
    public int integer(String key, int min, int max) {
        Number n = read(key, ConfigValueType.NUMBER, "an integer", Config::getInt, 0);
        int v = n.intValue();
        if (v < min || v > max) {
            problem(key, "must be between " + min + " and " + max + ", found " + v);
            return clamp(referenceValue(key, Config::getInt, min), min, max);
        }
        return v;
    }

    /** An integer in {@code [min, max]} with a default, for keys inside list items. */
    public int integer(String key, int min, int max, int dflt) {
        if (!config.hasPath(path(key))) {
            state.markKnown(display(key));
            return dflt;
        }
        return integer(key, min, max);
    }

    /** A duration ({@code 500ms}, {@code 30s}, {@code 2m}) in {@code [min, max]}. */
    public Duration duration(String key, Duration min, Duration max) {
        Duration d = read(key, null, "a duration such as 500ms, 30s or 5m", Config::getDuration, min);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(key, "must be between " + min + " and " + max + ", found " + d);
            return referenceValue(key, Config::getDuration, min);
        }
        return d;
    }

    /** A size in bytes ({@code 65536}, {@code 64k}, {@code 1M}) in {@code [min, max]}. */
    public long bytes(String key, long min, long max) {
        Long b = read(key, null, "a size such as 65536, 64k or 1M", Config::getBytes, min);
        if (b < min || b > max) {
            problem(key, "must be between " + min + " and " + max + " bytes, found " + b);
            return referenceValue(key, Config::getBytes, min);
        }
        return b;
    }

    /**
     * An enum constant, written in config in lower case with dashes ({@code dialback-allowed}
     * for {@code DIALBACK_ALLOWED}).
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        E[] all = type.getEnumConstants();
        String s = string(key);
        for (E e : all) {
            if (configName(e).equals(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : all) {
            names.add(configName(e));
        }
        if (config.hasPath(path(key))) {
            problem(key, "must be one of " + names + ", found \"" + s + "\"");
        }
        String dflt = referenceValue(key, Config::getString, "");
        for (E e : all) {
            if (configName(e).equals(dflt)) {
                return e;
            }
        }
        return all[0];
    }

    /** The config spelling of an enum constant. */
    public static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public List<String> strings(String key) {
        return read(key, ConfigValueType.LIST, "a list of strings", Config::getStringList, List.of());
    }

    /** A list of strings with a default, for keys inside list items (which have no reference default). */
    public List<String> strings(String key, List<String> dflt) {
        if (!config.hasPath(path(key))) {
            state.markKnown(display(key));
            return dflt;
        }
        return strings(key);
    }

    /** {@code "host:port"}; {@code defaultPort} -1 makes the port mandatory. */
    public HostPort hostPort(String key, int defaultPort) {
        String s = string(key);
        try {
            return HostPort.parse(s, defaultPort);
        } catch (IllegalArgumentException e) {
            if (config.hasPath(path(key))) {
                problem(key, e.getMessage());
            }
            return HostPort.parse(referenceValue(key, Config::getString, "127.0.0.1:0"), defaultPort);
        }
    }

    /** {@code "host:port"} or {@code ""} for none. */
    public Optional<HostPort> optionalHostPort(String key, int defaultPort) {
        Optional<String> s = optionalString(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostPort.parse(s.get(), defaultPort));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A list of objects, each read by {@code item}. Keys an item has but {@code item} did not read
     * are reported as unknown, with the item's origin.
     */
    public <T> List<T> objects(String key, Function<ConfigReader, T> item) {
        String p = path(key);
        state.markKnown(display(key));
        if (!config.hasPath(p)) {
            return List.of();
        }
        ConfigValue v = config.getValue(p);
        if (v.valueType() != ConfigValueType.LIST) {
            problem(key, "must be a list of objects ([ { ... }, ... ]), found " + describe(v));
            return List.of();
        }
        List<T> out = new ArrayList<>();
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue elem = list.get(i);
            String itemDisplay = display(key) + "[" + i + "]";
            if (elem.valueType() != ConfigValueType.OBJECT) {
                state.add(new ConfigProblem(itemDisplay, origin(elem), "must be an object, found " + describe(elem)));
                continue;
            }
            Config itemConfig = ((ConfigObject) elem).toConfig();
            ReadState itemState = state.forItem();
            ConfigReader r = new ConfigReader(itemConfig, ConfigFactory.empty(), "", itemDisplay, itemState);
            T t = item.apply(r);
            for (Map.Entry<String, ConfigValue> e : itemConfig.entrySet()) {
                String k = itemDisplay + "." + e.getKey();
                if (!itemState.isKnown(k)) {
                    state.add(new ConfigProblem(k, origin(e.getValue()), "unknown key" + itemState.suggest(k)));
                }
            }
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** A free-form object of string values (an "open map"), e.g. static routes per domain. */
    public Map<String, String> stringMap(String key) {
        String p = path(key);
        state.markOpen(display(key));
        Map<String, String> out = new LinkedHashMap<>();
        if (!config.hasPath(p)) {
            return out;
        }
        ConfigValue v = config.getValue(p);
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(key, "must be an object of \"key\" = \"value\" entries, found " + describe(v));
            return out;
        }
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
            ConfigValue val = e.getValue();
            if (val.valueType() != ConfigValueType.STRING && val.valueType() != ConfigValueType.NUMBER) {
                state.add(new ConfigProblem(display(key) + "." + ConfigUtil.quoteString(e.getKey()), origin(val),
                        "must be a string, found " + describe(val)));
                continue;
            }
            out.put(e.getKey(), String.valueOf(val.unwrapped()));
        }
        return out;
    }

    /** Records a problem with {@code key} (cross-field checks), citing its value's origin. */
    public void problem(String key, String message) {
        String p = path(key);
        String origin = config.hasPathOrNull(p) ? origin(config.getValue(p)) : "(not set)";
        state.add(new ConfigProblem(display(key), origin, message));
    }

    /** The full display path of a key in this section, for messages. */
    public String display(String key) {
        return display.isEmpty() ? key : display + "." + key;
    }

    private String path(String key) {
        return base.isEmpty() ? key : base + "." + key;
    }

    @FunctionalInterface
    private interface Getter<T> {
        T get(Config c, String path);
    }

    private <T> T read(String key, ConfigValueType expected, String what, Getter<T> getter, T fallback) {
        return read(key, expected, what, getter, fallback, false);
    }

    private <T> T read(String key, ConfigValueType expected, String what, Getter<T> getter, T fallback, boolean secret) {
        String p = path(key);
        state.markKnown(display(key));
        if (!config.hasPath(p)) {
            state.add(new ConfigProblem(display(key), "(not set)", "is required (expected " + what + ")"));
            return fallback;
        }
        ConfigValue v = config.getValue(p);
        // HOCON silently turns a number or boolean into a string where a string is wanted, which
        // is fine; a list or object there is a mistake.
        boolean structureMismatch = expected == ConfigValueType.STRING
                && (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT);
        if (!structureMismatch) {
            try {
                return getter.get(config, p);
            } catch (ConfigException e) {
                // reported below
            }
        }
        problem(key, "must be " + what + ", found " + (secret
                ? v.valueType().name().toLowerCase(Locale.ROOT) + " (value not shown: it is a secret)" : describe(v)));
        return referenceValue(key, getter, fallback);
    }

    private <T> T referenceValue(String key, Getter<T> getter, T fallback) {
        String p = path(key);
        try {
            return reference.hasPath(p) ? getter.get(reference, p) : fallback;
        } catch (ConfigException e) {
            return fallback;
        }
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    static String describe(ConfigValue v) {
        String rendered = v.render(com.typesafe.config.ConfigRenderOptions.concise());
        if (rendered.length() > 40) {
            rendered = rendered.substring(0, 37) + "...";
        }
        return v.valueType().name().toLowerCase(Locale.ROOT) + " " + rendered;
    }

    /** {@code file:line}, or the origin's description when the value has no file. */
    static String origin(ConfigValue v) {
        var o = v.origin();
        if (o.filename() != null) {
            return o.lineNumber() > 0 ? o.filename() + ":" + o.lineNumber() : o.filename();
        }
        if (o.resource() != null) {
            return o.lineNumber() > 0 ? o.resource() + ":" + o.lineNumber() : o.resource();
        }
        return o.description();
    }
}
