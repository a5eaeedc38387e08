package org.stoxgw.testfixtures.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The measured runs: messages at a set rate through the gateway in one direction, against Prosody or
 * the fast peers. A run sends {@code rate * seconds} messages, waits until every SIP transaction has
 * its final response (SIP → XMPP) and the receivers have everything or nothing more arrives, and
 * reports what {@link Row} holds. The gateway's CPU time is read before the first message and after
 * the drain, so deferred work of the run (timers, GC) is inside its window as far as it happens by then.
 */
final class LoadRuns {
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Lines of the gateway's class histogram printed after each run (-Dload.histogram=N, for profiling). */
    private static final int HISTOGRAM = Integer.getInteger("load.histogram", 0);
    private final LoadWorld w;

    LoadRuns(LoadWorld w) {
        this.w = w;
    }

    /** Where the messages go. */
    enum Scenario {
        S2X_PROSODY("SIP->XMPP, Prosody"), X2S_PROSODY("XMPP->SIP, Prosody"),
        S2X_SINK("SIP->XMPP, fast S2S sink"), X2S_SINK("XMPP->SIP, fast S2S source");

        final String label;

        Scenario(String label) {
            this.label = label;
        }

        boolean sipToXmpp() {
            return this == S2X_PROSODY || this == S2X_SINK;
        }

        boolean prosody() {
            return this == S2X_PROSODY || this == X2S_PROSODY;
        }

        static Scenario parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** One measured run. */
    record Row(Scenario scenario, int rate, int sent, int delivered, int duplicates, double p50, double p99,
               double cpuMicrosPerMessage, String answers, double heapMb, int retransmissions, double seconds,
               String threads) {
        int lost() {
            return sent - delivered;
        }
    }

    Row run(Scenario s, int rate, int seconds, boolean measureHeap) {
        int total = rate * seconds;
        int run = RUNS.incrementAndGet();
        Deliveries d = new Deliveries(run, total);
        attach(d);
        double cpu0 = w.gateway.cpuSeconds();
        double[] split0 = w.gateway.cpuUserSystem();
        java.util.Map<String, Double> threads0 = w.gateway.threadCpuSeconds();
        long t0 = System.nanoTime();
        String answers;
        int retransmissions = 0;
        if (s.sipToXmpp()) {
            int n = Math.max(1, w.options.xmppUsers());
            String domain = s == Scenario.S2X_PROSODY ? LoadWorld.XMPP : LoadWorld.FAST;
            SipLoadClient.Result r = w.sipClient.run(run, rate, total, seq -> "r" + (seq % n) + "@" + domain);
            answers = describe(r.finals()) + (r.timedOut() > 0 ? " timeout=" + r.timedOut() : "");
            retransmissions = r.retransmissions();
        } else {
            long errors0 = errors();
            sendXmpp(s, run, rate, total);
            awaitDeliveries(d, total, 5_000);
            answers = "errors=" + (errors() - errors0);
        }
        awaitDeliveries(d, total, 3_000);
        double seconds1 = (System.nanoTime() - t0) / 1e9;
        double cpu = w.gateway.cpuSeconds() - cpu0;
        attach(null);
        double[] split1 = w.gateway.cpuUserSystem();
        String threads = String.format(Locale.ROOT, "  user %.1f + system %.1f us/msg;", (split1[0] - split0[0]) * 1e6 / total,
                (split1[1] - split0[1]) * 1e6 / total) + threads(threads0, w.gateway.threadCpuSeconds(), total);
        double heap = measureHeap ? w.gateway.liveHeapBytes() / 1e6 : Double.NaN;
        if (measureHeap && HISTOGRAM > 0) {
            System.out.println(w.gateway.histogram(HISTOGRAM + 3));
        }
        return new Row(s, rate, total, d.delivered(), d.duplicates(), d.percentileMillis(50), d.percentileMillis(99),
                cpu * 1e6 / total, answers, heap, retransmissions, seconds1, threads);
    }

    /** Where the gateway's CPU went during a run, per thread kind, in µs per message (for profiling). */
    private static String threads(java.util.Map<String, Double> before, java.util.Map<String, Double> after, int total) {
        StringBuilder b = new StringBuilder("  gateway threads (us/msg):");
        after.entrySet().stream().map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, " %s=%.1f", e.getKey(), e.getValue() * 1e6 / total)));
        return b.toString();
    }

    private void attach(Deliveries d) {
        w.fast.deliveries(d);
        w.sink.deliveries(d);
        w.receivers.forEach(c -> c.deliveries(d));
    }

    private long errors() {
        return w.fast.errors() + w.senders.stream().mapToLong(C2sClient::errors).sum();
    }

    /** XMPP senders (Prosody clients, or the fast peer) to SIP users behind the sink. */
    private void sendXmpp(Scenario s, int run, int rate, int total) {
        int n = Math.max(1, w.options.xmppUsers());
        Pacer pacer = new Pacer(rate, total);
        int seq = 0;
        List<C2sClient> senders = w.senders;
        while (!pacer.done()) {
            int due = pacer.due();
            if (due == 0) {
                continue;
            }
            for (int i = 0; i < due; i++, seq++) {
                String to = "r" + (seq % n) + "@" + LoadWorld.SIP;
                String body = Deliveries.body(run, seq, System.nanoTime());
                if (s == Scenario.X2S_PROSODY) {
                    senders.get(seq % senders.size()).send(to, body);
                } else {
                    w.fast.send("s" + (seq % n), to, body);
                }
            }
            if (s == Scenario.X2S_PROSODY) {
                senders.forEach(C2sClient::flush);
            } else {
                w.fast.flush();
            }
        }
    }

    /** Until everything arrived, or nothing new arrived for {@code quietMillis}. */
    private static void awaitDeliveries(Deliveries d, int total, long quietMillis) {
        int last = -1;
        long since = System.nanoTime();
        while (d.delivered() < total) {
            int now = d.delivered();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > quietMillis * 1_000_000) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String describe(Map<Integer, Integer> finals) {
        StringBuilder b = new StringBuilder();
        finals.forEach((status, count) -> b.append(b.length() == 0 ? "" : " ").append(status).append('=').append(count));
        return b.toString();
    }
}
