package org.stoxgw.testfixtures;

import java.util.Set;
import java.util.stream.Collectors;

/** Thread snapshots, for tests that prove a component leaves no thread behind. */
public final class Threads {
    private Threads() {
    }

    /** Live non-daemon threads, excluding the JVM's own and JUnit's. */
    public static Set<Thread> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !t.isDaemon())
                .filter(t -> !t.getName().equals("main") && !t.getName().startsWith("junit"))
                .filter(t -> !t.getName().equals("DestroyJavaVM"))
                .collect(Collectors.toSet());
    }

    /**
     * Waits up to {@code millis} for every non-daemon thread not in {@code before} to end; returns
     * the names of those still alive.
     */
    public static Set<String> leftoversAfter(Set<Thread> before, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        Set<Thread> extra;
        do {
            extra = nonDaemon();
            extra.removeAll(before);
            if (extra.isEmpty()) {
                return Set.of();
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return extra.stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
