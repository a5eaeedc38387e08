package org.stoxgw.core.launcher;

import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the configuration (systemd's {@code ExecReload}, {@code kill -HUP}), as Prosody and
 * most daemons do. The JDK has no public API for signals: {@code sun.misc.Signal} (module jdk.unsupported,
 * present in every OpenJDK build) is the one way; where it is missing, SIGHUP keeps its default and
 * {@code stoxgwctl reload} (the admin endpoint) still works. The reload runs on a thread of its own, not on
 * the JVM's signal dispatcher.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void onHangUp(Supplier<Map<String, Object>> reload) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                Thread t = new Thread(() -> {
                    log.info("SIGHUP: reloading the configuration");
                    try {
                        reload.get();
                    } catch (RuntimeException e) {
                        log.warn("reload failed: {}", e.toString());
                    }
                }, "stoxgw-reload");
                t.setDaemon(true);
                t.start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.warn("SIGHUP cannot be handled here ({}); reload with stoxgwctl reload", e.toString());
        }
    }
}
