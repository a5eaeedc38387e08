package org.stoxgw.core.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.config.InvalidConfigException;

/**
 * Re-reads the configuration file of a running gateway (SIGHUP, {@code POST /api/reload}) and applies
 * what can change at run time; everything else that changed is reported as needing a restart, never
 * silently ignored. A file with any problem changes nothing and the problems come back as
 * {@code file:line} (as {@code --check-config} prints them).
 *
 * <p>What applies at run time (each to new work; what is under way keeps what it started with):
 * <ul>
 *   <li>{@code gateway.tls.*}, read again by every reload: XMPP streams and links and SIP TLS
 *       connections opened from now on use the new key and trust stores; established ones keep their
 *       TLS session;</li>
 *   <li>{@code gateway.sip.trust.*}, {@code gateway.sip.routing.static-routes / outbound-proxy /
 *       max-attempts}: requests from now on;</li>
 *   <li>{@code gateway.xmpp.remote-domains.*}: streams and stanzas from now on;</li>
 *   <li>{@code gateway.core.max-sessions}, {@code max-sessions-per-peer}: sessions created from now on;</li>
 *   <li>{@code gateway.logging.levels}: at once.</li>
 * </ul>
 * One reload at a time (synchronised); the gateway keeps the values it applied, so a key that needs a
 * restart is reported again by every reload until the restart.
 */
final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);
    /** Key prefixes applied at run time. */
    static final List<String> RELOADABLE = List.of("gateway.tls.", "gateway.sip.trust.", "gateway.sip.routing.static-routes",
            "gateway.sip.routing.outbound-proxy", "gateway.sip.routing.max-attempts", "gateway.xmpp.remote-domains.",
            "gateway.core.max-sessions", "gateway.core.max-sessions-per-peer", "gateway.logging.levels");

    /** Applies the reloadable part of new settings to the running gateway. */
    interface Target {
        /**
         * Called by every valid reload, also when no key changed: a renewed certificate is a new file under
         * the same name, so the stores are read again each time.
         *
         * @return what was applied beyond the changed keys (stores re-read), and what was applied only in part
         * @throws IllegalStateException if a part cannot take the new settings (e.g. a store that does not load);
         *                               that part goes first, so nothing is half applied
         */
        Applied apply(GatewaySettings next, TreeSet<String> changed);
    }

    /** Notes of {@link Target#apply}. */
    record Applied(List<String> alsoApplied, List<String> needRestart) {
    }

    private final Optional<Path> file;
    private final Map<String, String> env;
    private SortedMap<String, String> running;

    Reloader(Optional<Path> file, Map<String, String> env, SortedMap<String, String> running) {
        this.file = file;
        this.env = Map.copyOf(env);
        this.running = new TreeMap<>(running);
    }

    /** Reads the file again and applies it; the report says what happened. */
    synchronized Map<String, Object> reload(Target target) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.map(Path::toString).orElse("built-in defaults"));
        GatewaySettings.Loaded loaded;
        try {
            loaded = GatewaySettings.loadWithValues(file, env);
        } catch (InvalidConfigException e) {
            List<String> problems = e.problems().stream().map(Object::toString).toList();
            problems.forEach(p -> log.warn("reload refused: {}", p));
            log.warn("reload refused: {} problem(s); the running configuration is unchanged", problems.size());
            report.put("applied", false);
            report.put("problems", problems);
            return report;
        }
        TreeSet<String> applied = new TreeSet<>();
        TreeSet<String> restart = new TreeSet<>();
        TreeSet<String> keys = new TreeSet<>(running.keySet());
        keys.addAll(loaded.values().keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(running.get(k), loaded.values().get(k))) {
                (reloadable(k) ? applied : restart).add(k);
            }
        }
        Applied notes;
        try {
            notes = target.apply(loaded.settings(), applied);
        } catch (IllegalStateException e) {
            log.warn("reload refused: {}; the running configuration is unchanged", e.getMessage());
            report.put("applied", false);
            report.put("problems", List.of(e.getMessage()));
            return report;
        }
        SortedMap<String, String> next = new TreeMap<>(running);
        for (String k : applied) {
            String v = loaded.values().get(k);
            if (v == null) {
                next.remove(k);
            } else {
                next.put(k, v);
            }
        }
        running = next;
        // keys are printed, never values: they may be secrets
        applied.forEach(k -> log.info("reload: {} applied", k));
        restart.forEach(k -> log.warn("reload: {} changed but needs a restart; still running with the old value", k));
        notes.alsoApplied().forEach(n -> log.info("reload: {}", n));
        notes.needRestart().forEach(n -> log.warn("reload: {}", n));
        List<String> changedOut = new ArrayList<>(applied);
        changedOut.addAll(notes.alsoApplied());
        List<String> restartOut = new ArrayList<>(restart);
        restartOut.addAll(notes.needRestart());
        log.info("reload done: {} key(s) applied, {} need a restart", applied.size(), restartOut.size());
        report.put("applied", true);
        report.put("changed", changedOut);
        report.put("restartNeeded", restartOut);
        return report;
    }

    static boolean reloadable(String key) {
        for (String p : RELOADABLE) {
            if (key.equals(p) || key.startsWith(p.endsWith(".") ? p : p + ".")) {
                return true;
            }
        }
        return false;
    }
}
