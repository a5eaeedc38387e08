package org.stoxgw.core.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What a soak watches of the process running the gateway: heap used after a full GC (what is still
 * referenced), live threads, open file descriptors (sockets included).
 *
 * @param elapsed time since the soak started
 * @param heapMb  heap used after GC, MiB
 * @param threads live threads
 * @param fds     open file descriptors ({@code /proc/self/fd}; -1 where there is no /proc)
 */
record ResourceSample(Duration elapsed, long heapMb, int threads, long fds) {

    static ResourceSample take(Duration elapsed) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ResourceSample(elapsed, heap >> 20, ManagementFactory.getThreadMXBean().getThreadCount(), openFds());
    }

    private static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return String.format("%5d min  heap %4d MiB  threads %4d  fds %5d", elapsed.toMinutes(), heapMb, threads, fds);
    }
}
