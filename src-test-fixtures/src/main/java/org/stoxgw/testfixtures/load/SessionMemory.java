package org.stoxgw.testfixtures.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Heap per active message session: the gateway (its own JVM, bounce window 20 s so that every SIP →
 * XMPP message stays in flight) receives {@code n} MESSAGEs for the fast S2S sink; once the sink has
 * every stanza, the live heap (after a full GC) is compared with the idle heap before. Everything a
 * message in flight holds counts: the SIP server transaction and request, the adapter's pending
 * request, the core session and its timers, the XMPP link's pending entry. Completed SIP server
 * transactions are kept by JAIN-SIP for Timer J (64*T1 = 32 s), so the idle heap is taken 35 s after
 * the previous batch was answered.
 */
final class SessionMemory {
    private static final int RATE = 5000;

    private SessionMemory() {
    }

    static String measure(LoadWorld.Options options, int n, int repeat) throws InterruptedException {
        List<String> results = new ArrayList<>();
        List<Double> perSession = new ArrayList<>();
        try (LoadWorld w = new LoadWorld(new LoadWorld.Options(options.jar(), options.work(), options.jvm(), options.hocon(),
                options.xmppUsers(), false))) {
            w.start("gateway.messages { bounce-window = 20s, answer-timeout = 30s }");
            // every class loaded and the link up, then everything of it forgotten (Timer J)
            batch(w, 1000, 1000).join();
            Thread.sleep(35_000);
            for (int i = 0; i < repeat; i++) {
                long idle = w.gateway.liveHeapBytes();
                Deliveries d = new Deliveries(9000 + i, n);
                w.fast.deliveries(d);
                CompletableFuture<SipLoadClient.Result> answered = batch(w, n, 9000 + i);
                while (d.delivered() < n && !answered.isDone()) {
                    Thread.sleep(50);
                }
                Thread.sleep(500); // the last confirmations (pings) arrive
                long busy = w.gateway.liveHeapBytes();
                if (Integer.getInteger("load.histogram", 0) > 0) {
                    System.out.println(w.gateway.histogram(Integer.getInteger("load.histogram") + 3));
                }
                double bytes = (busy - idle) / (double) n;
                perSession.add(bytes);
                SipLoadClient.Result r = answered.join();
                String line = String.format(Locale.ROOT, "%d sessions: live heap %.1f MB idle, %.1f MB with the sessions: "
                        + "%.0f bytes per session (SIP answers %s)", n, idle / 1e6, busy / 1e6, bytes, r.finals());
                System.out.println(line);
                results.add(line);
                w.fast.deliveries(null);
                Thread.sleep(35_000);
            }
            String histogram = w.gateway.histogram(3);
            results.add("(histogram header: " + histogram.replace('\n', ' ') + ")");
        }
        StringBuilder b = new StringBuilder("Heap per active message session (SIP -> XMPP, bounce window 20 s, fast S2S sink):\n\n");
        results.forEach(l -> b.append("- ").append(l).append('\n'));
        b.append(String.format(Locale.ROOT, "%nPer session: %s bytes%n", perSession.stream()
                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()));
        return b.toString();
    }

    private static CompletableFuture<SipLoadClient.Result> batch(LoadWorld w, int n, int run) {
        return CompletableFuture.supplyAsync(() -> w.sipClient.run(run, RATE, n, seq -> "r" + (seq % 4) + "@" + LoadWorld.FAST));
    }
}
