package org.stoxgw.core.chats;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.routing.FakeSipPort;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.core.routing.XmppPort;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.sipadapter.msrp.MsrpEndpoint;
import org.stoxgw.sipadapter.msrp.MsrpSession;
import org.stoxgw.sipadapter.msrp.MsrpSessionListener;
import org.stoxgw.sipadapter.msrp.MsrpSettings;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * Not a test: chat sessions under load, in one JVM. The gateway's chat path and MSRP endpoint
 * face a second MSRP endpoint standing for the SIP users (one TCP connection between the two,
 * reused by every session as RFC 4975 §5.4 allows), the XMPP side is a counter. Reports messages
 * per second each way with S concurrent sessions (default 1,000), process CPU per message, and
 * heap per idle established session with N sessions (default 10,000; goal ≤ 4 KB).
 *
 * <p>Run: {@code ./mvnw -B -q -pl gateway-core -am verify -Dstoxgw.measure=true -Dtest=ChatMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dstoxgw.measure.sessions=S},
 * {@code -Dstoxgw.measure.idle=N}). Prints; asserts nothing.
 */
@EnabledIfSystemProperty(named = "stoxgw.measure", matches = "true")
class ChatMeasurement {
    static final int S = Integer.getInteger("stoxgw.measure.sessions", 1_000);
    static final int N = Integer.getInteger("stoxgw.measure.idle", 10_000);
    static final int PER_SESSION = 20;

    final AtomicLong toXmpp = new AtomicLong();
    final AtomicLong atSip = new AtomicLong();
    final FakeChatSignaling sip = new FakeChatSignaling();

    @Test
    void throughputAndHeap() throws Exception {
        Engine engine = new Engine(2, 100_000);
        MsrpSettings ms = MsrpSettings.loopback().withTimers(Duration.ofSeconds(60), Duration.ZERO);
        XmppPort xmpp = s -> {
            toXmpp.incrementAndGet();
            return CompletableFuture.completedFuture(new XmppOutcome.Sent());
        };
        try (MsrpEndpoint gw = new MsrpEndpoint(ms, engine.loops(), null).start();
             MsrpEndpoint users = new MsrpEndpoint(ms, engine.loops(), null).start()) {
            ChatSettings cs = ChatSettings.DEFAULTS.withMode(ChatMode.SESSION).withTimers(Duration.ofSeconds(60), Duration.ofHours(1));
            ChatPath path = new ChatPath(new RoutingContext(engine, new Traffic(), new FakeSipPort(), xmpp, ChatPathTest.ADDRESSES,
                    null), cs, gw, sip, in -> { }, PayloadLimits.DEFAULT);
            List<MsrpSession> peers = open(path, users, engine, S);
            // X2S: S*PER_SESSION messages from XMPP into the sessions
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            for (int k = 0; k < PER_SESSION; k++) {
                for (int i = 0; i < S; i++) {
                    path.onStanza(inbound(i, "message " + k + " of session " + i + ", a line of ordinary chat"));
                }
            }
            long total = (long) S * PER_SESSION;
            await(() -> atSip.get() >= total + S, "X2S");
            long t1 = System.nanoTime();
            long cpu1 = cpu();
            report("XMPP -> MSRP", total, t1 - t0, cpu1 - cpu0);
            // S2X: the same back
            long base = toXmpp.get();
            cpu0 = cpu();
            t0 = System.nanoTime();
            byte[] text = "a reply of ordinary length from the SIP user".getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < PER_SESSION; k++) {
                for (MsrpSession p : peers) {
                    p.send("text/plain", text, false);
                }
            }
            await(() -> toXmpp.get() - base >= total, "S2X");
            t1 = System.nanoTime();
            cpu1 = cpu();
            report("MSRP -> XMPP", total, t1 - t0, cpu1 - cpu0);
        }
        engine.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        heap();
    }

    /** Opens {@code n} X2S sessions, each answered by a session of {@code users}; returns the users' sessions. */
    List<MsrpSession> open(ChatPath path, MsrpEndpoint users, Engine engine, int n) throws Exception {
        List<MsrpSession> peers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            path.onStanza(inbound(i, "hello"));
            FakeChatSignaling.Out inv = sip.nextInvite();
            MsrpSession p = users.newSession(engine.loops().next(), counter()).orElseThrow();
            MsrpMedia offer = MsrpMedia.parse(inv.invite.body().content()).media();
            p.start(offer, false);
            inv.answer(p.localMedia(MsrpMedia.Setup.NONE).toSdp("-", i, 1));
            peers.add(p);
        }
        await(() -> atSip.get() >= n, "sessions up");
        return peers;
    }

    void heap() throws Exception {
        Engine engine = new Engine(2, 100_000);
        MsrpSettings ms = MsrpSettings.loopback().withTimers(Duration.ofSeconds(60), Duration.ZERO);
        XmppPort xmpp = s -> CompletableFuture.completedFuture(new XmppOutcome.Sent());
        try (MsrpEndpoint gw = new MsrpEndpoint(ms, engine.loops(), null).start();
             MsrpEndpoint users = new MsrpEndpoint(ms, engine.loops(), null).start()) {
            atSip.set(0);
            ChatSettings cs = ChatSettings.DEFAULTS.withMode(ChatMode.SESSION).withTimers(Duration.ofSeconds(60), Duration.ofHours(1));
            ChatPath path = new ChatPath(new RoutingContext(engine, new Traffic(), new FakeSipPort(), xmpp, ChatPathTest.ADDRESSES,
                    null), cs, gw, sip, in -> { }, PayloadLimits.DEFAULT);
            // the users' side alone, to subtract it
            long b0 = usedAfterGc();
            List<MsrpSession> alone = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                alone.add(users.newSession(engine.loops().next(), counter()).orElseThrow());
            }
            long b1 = usedAfterGc();
            alone.forEach(s -> s.close("measured"));
            Thread.sleep(500);
            long base = usedAfterGc();
            List<MsrpSession> peers = open(path, users, engine, N);
            long used = usedAfterGc();
            long perUserSide = (b1 - b0) / N;
            long perBoth = (used - base) / N;
            System.out.printf("idle sessions: %,d; heap per session, gateway side: about %,d bytes"
                    + " (both sides %,d, users' unbound session %,d; goal <= 4096)%n", N, perBoth - perUserSide, perBoth,
                    perUserSide);
            System.out.printf("gateway MSRP sessions %d, chat sessions %s%n", gw.sessionCount(),
                    engine.sessions().countsByKind());
            peers.size();
        }
        engine.shutdown(Duration.ZERO, Duration.ofSeconds(5));
    }

    MsrpSessionListener counter() {
        return new MsrpSessionListener() {
            @Override
            public void onMessage(MsrpSession s, String id, String type, byte[] content, boolean sr) {
                atSip.incrementAndGet();
            }

            @Override
            public void onReport(MsrpSession s, String id, int status, String comment) {
            }

            @Override
            public void onClosed(MsrpSession s, String reason) {
            }
        };
    }

    static InboundStanza inbound(int i, String body) {
        try {
            Message m = StanzaBuilder.buildMessage("m" + i).ofType(Message.Type.chat)
                    .from(JidCreate.from("user" + i + "@xmpp.example.test/r")).to(JidCreate.from("peer" + i + "@sip.example.test"))
                    .setBody(body).build();
            return new InboundStanza(m, "xmpp.example.test", "sip.example.test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void report(String what, long n, long nanos, long cpuNanos) {
        System.out.printf("%s: %,d messages in %,d ms = %,.0f/s; process CPU %,.1f us/message (%d sessions)%n", what, n,
                nanos / 1_000_000, n * 1e9 / nanos, cpuNanos / 1e3 / n, S);
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish");
            }
            Thread.sleep(5);
        }
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
