package org.stoxgw.core.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.core.engine.Traffic.Direction;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * Soak and capacity runs against real peers (issue 9; not a unit test): the gateway in this JVM
 * between SIPp and a real Prosody with a scripted XMPP user, as in the end-to-end tests
 * ({@link Federation}). Run with {@code scripts/soak.sh} (README, "Reliability").
 *
 * <ul>
 *   <li>{@code --capacity}: SIP → XMPP steps of 20 s at rising rates over TCP; a step passes when
 *       every MESSAGE got 202, juliet received each one and SIPp kept the rate. Prints the highest
 *       rate that passed.</li>
 *   <li>{@code --rate R [--minutes 30] [--xmpp-rate X]}: R messages/s SIP → XMPP and X/s XMPP → SIP
 *       (default R/10) for the given time; every minute heap after GC, threads and file descriptors
 *       of this process. Passes (exit 0) when every message was answered, the counts balance and heap,
 *       threads and descriptors under load at the end are where they were after the first minute
 *       (within 32 MiB, 5 threads, 10 descriptors; the first minute warms up threads and connections).</li>
 * </ul>
 * Single-threaded driver plus a sender thread; uses TestNet addresses 20-22.
 */
public final class Soak {
    static final String SIPP_IP = TestNet.address(20);
    static final Duration STEP = Duration.ofSeconds(20);

    private final Path work = Path.of("target", "soak").toAbsolutePath();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i].replaceFirst("^--", "");
            boolean valued = i + 1 < args.length && !args[i + 1].startsWith("--");
            a.put(k, valued ? args[++i] : "");
        }
        Soak soak = new Soak();
        int code;
        if (a.containsKey("capacity")) {
            code = soak.capacity();
        } else if (a.containsKey("rate")) {
            int rate = Integer.parseInt(a.get("rate"));
            int minutes = Integer.parseInt(a.getOrDefault("minutes", "30"));
            int xmppRate = Integer.parseInt(a.getOrDefault("xmpp-rate", Integer.toString(Math.max(1, rate / 10))));
            code = soak.soak(rate, xmppRate, Duration.ofMinutes(minutes));
        } else {
            System.err.println("usage: Soak --capacity | --rate R [--minutes 30] [--xmpp-rate X]");
            code = 2;
        }
        System.exit(code);
    }

    private Federation world(int uasPort) {
        return Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + uasPort)
                .hocon("gateway.core.event-loop-threads = 0"), "juliet");
    }

    private Sipp.Builder flow(GatewayUnderTest gw, int calls, int rate) {
        return Sipp.scenario("uac-message-flow", work).local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP)).remote(gw.ip(), gw.sipPort())
                .transport("tcp").service("juliet").key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                .key("from_domain", GatewayUnderTest.SIP_DOMAIN).calls(calls, rate).quiet();
    }

    int capacity() throws Exception {
        int best = 0;
        try (Federation world = world(FreePorts.tcpAndUdp(SIPP_IP))) {
            GatewayUnderTest gw = world.gateway();
            ScriptedXmppClient juliet = world.login("juliet", false);
            world.warmUp(juliet);
            System.out.println("rate/s  sent  202  other  at-juliet  achieved-cps  verdict");
            for (int rate : new int[] {25, 50, 100, 150, 200, 300, 400, 600}) {
                int calls = (int) (rate * STEP.toSeconds());
                int before = juliet.messages().size();
                SippScreen screen;
                double cps;
                try (Sipp uac = flow(gw, calls, rate).start()) {
                    uac.awaitExit(STEP.multipliedBy(6));
                    Path out = uac.messageTrace().resolveSibling("sipp.out");
                    screen = SippScreen.read(out);
                    cps = SippScreen.cumulativeRate(out);
                }
                int atJuliet = awaitCount(juliet, before + calls, Duration.ofSeconds(30)) - before;
                boolean ok = screen.sent() == calls && screen.count(202) == calls && atJuliet == calls && cps >= 0.9 * rate;
                System.out.printf("%6d %5d %5d %6d %10d %13.1f  %s%n", rate, screen.sent(), screen.count(202),
                        screen.answered() - screen.count(202), atJuliet, cps, ok ? "zero loss" : "NOT SUSTAINED");
                if (!ok) {
                    break;
                }
                best = rate;
            }
        }
        System.out.println("capacity (SIP -> XMPP, zero loss, this machine): " + best + " messages/s");
        return 0;
    }

    int soak(int rate, int xmppRate, Duration length) throws Exception {
        int uasPort = FreePorts.tcpAndUdp(SIPP_IP);
        long calls = rate * length.toSeconds();
        long back = xmppRate * length.toSeconds();
        List<ResourceSample> samples = new ArrayList<>();
        boolean ok;
        try (Federation world = world(uasPort)) {
            GatewayUnderTest gw = world.gateway();
            ScriptedXmppClient juliet = world.login("juliet", false, length.plusMinutes(10));
            world.warmUp(juliet);
            long t0 = System.nanoTime();
            samples.add(ResourceSample.take(Duration.ZERO));
            System.out.println("start: " + samples.get(0) + "   (" + rate + "/s SIP -> XMPP, " + xmppRate + "/s XMPP -> SIP, "
                    + length.toMinutes() + " min)");
            SippScreen uacScreen;
            SippScreen uasScreen;
            try (Sipp uas = Sipp.scenario("uas-message", work).local(SIPP_IP, uasPort).transport("udp").calls((int) back, 0)
                    .quiet().start();
                 Sipp uac = flow(gw, (int) calls, rate).start()) {
                XmppSender sender = new XmppSender(juliet, "romeo@" + GatewayUnderTest.SIP_DOMAIN, xmppRate, back);
                sender.start();
                long next = t0 + Duration.ofMinutes(1).toNanos();
                while (uac.isRunning() || sender.isAlive()) {
                    Thread.sleep(200);
                    if (System.nanoTime() >= next) {
                        ResourceSample s = ResourceSample.take(Duration.ofNanos(System.nanoTime() - t0));
                        samples.add(s);
                        System.out.println(s + "   sip->xmpp " + gw.traffic().snapshot(Direction.SIP_TO_XMPP) + "  xmpp->sip "
                                + gw.traffic().snapshot(Direction.XMPP_TO_SIP) + "  sessions " + gw.gateway().engine().sessions().size()
                                + "  queued " + gw.counter("XmppLinks", "Queued"));
                        next += Duration.ofMinutes(1).toNanos();
                    }
                }
                sender.join();
                uac.awaitExit(Duration.ofMinutes(2));
                uas.awaitExit(Duration.ofMinutes(1));
                uacScreen = SippScreen.read(uac.messageTrace().resolveSibling("sipp.out"));
                uasScreen = SippScreen.read(uas.messageTrace().resolveSibling("sipp.out"));
            }
            Map<String, Long> s2x = gw.assertBalanced(Direction.SIP_TO_XMPP);
            Map<String, Long> x2s = gw.assertBalanced(Direction.XMPP_TO_SIP);
            ResourceSample end = ResourceSample.take(Duration.ofNanos(System.nanoTime() - t0));
            samples.add(end);
            // under load: the first minute's sample (threads, connections and caches of a warm gateway)
            // against the last one; the samples before the traffic and after it are printed too
            ResourceSample start = samples.size() > 2 ? samples.get(1) : samples.get(0);
            ResourceSample last = samples.size() > 2 ? samples.get(samples.size() - 2) : end;
            boolean answered = uacScreen.sent() == calls && uacScreen.answered() == calls;
            boolean flat = last.heapMb() - start.heapMb() <= 32 && last.threads() - start.threads() <= 5
                    && last.fds() - start.fds() <= 10;
            boolean clean = s2x.get("failed") + s2x.get("rejected") + x2s.get("failed") + x2s.get("rejected") == 0
                    && x2s.get("received") == back;
            ok = answered && flat && clean;
            System.out.println("end:   " + end);
            System.out.println("SIP -> XMPP: SIPp sent " + uacScreen.sent() + ", answers " + uacScreen.responses() + "; Traffic " + s2x);
            System.out.println("XMPP -> SIP: sent " + back + ", Traffic " + x2s + "; XmppLinks delivered "
                    + gw.counter("XmppLinks", "Delivered") + " bounced " + gw.counter("XmppLinks", "Bounced"));
            System.out.println("under load, minute " + start.elapsed().toMinutes() + " -> " + last.elapsed().toMinutes() + ": heap "
                    + start.heapMb() + " -> " + last.heapMb() + " MiB, threads " + start.threads() + " -> " + last.threads()
                    + ", fds " + start.fds() + " -> " + last.fds() + ": " + (flat ? "flat" : "NOT FLAT")
                    + (answered ? "" : "; NOT EVERY MESSAGE ANSWERED") + (clean ? "" : "; MESSAGES FAILED OR MISSING"));
            System.out.println("idle, before -> after: heap " + samples.get(0).heapMb() + " -> " + end.heapMb() + " MiB, threads "
                    + samples.get(0).threads() + " -> " + end.threads() + ", fds " + samples.get(0).fds() + " -> " + end.fds());
        }
        return ok ? 0 : 1;
    }

    /** Waits until the client holds {@code n} messages or the time is up; returns how many it holds. */
    private static int awaitCount(ScriptedXmppClient c, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int have;
        while ((have = c.messages().size()) < n && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return have;
    }

    /** Sends {@code total} messages from an XMPP user at {@code perSecond}, spread evenly. */
    static final class XmppSender extends Thread {
        private final ScriptedXmppClient from;
        private final String to;
        private final int perSecond;
        private final long total;

        XmppSender(ScriptedXmppClient from, String to, int perSecond, long total) {
            super("soak-xmpp-sender");
            setDaemon(true);
            this.from = from;
            this.to = to;
            this.perSecond = perSecond;
            this.total = total;
        }

        @Override
        public void run() {
            long t0 = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = t0 + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                from.message(to).id("soak-" + i).type("chat").body("soak back " + i).send();
            }
        }
    }
}
