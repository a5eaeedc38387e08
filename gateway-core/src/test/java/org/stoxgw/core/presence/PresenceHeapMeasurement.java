package org.stoxgw.core.presence;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.routing.Policies;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.core.routing.SipPort;
import org.stoxgw.core.routing.XmppPort;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * Not a test: the heap one idle subscription pair costs, with N pairs (default 100,000) held at
 * once, each with both directions established the way real peers leave them (the gateway's
 * authorized SIP subscription for the XMPP user, with one announced resource, refresh timer
 * armed; the SIP user's approved subscription with one cached XMPP resource, expiry timer armed),
 * written to the default embedded H2 store. Peers are simulated in-JVM on their own thread:
 * a SIP notifier that answers 200 and sends NOTIFY active with PIDF, an XMPP server that approves
 * and answers probes. Also reports what the store did.
 *
 * <p>Run: {@code ./mvnw -B -q -pl gateway-core -am verify -Dstoxgw.measure=true
 * -Dtest=PresenceHeapMeasurement -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dstoxgw.measure.pairs=N} to change N). Prints the result; asserts nothing.
 */
@EnabledIfSystemProperty(named = "stoxgw.measure", matches = "true")
class PresenceHeapMeasurement {
    static final int N = Integer.getInteger("stoxgw.measure.pairs", 100_000);

    /** The simulated peers answer on this thread, never on a pair's loop. */
    final ExecutorService peers = Executors.newSingleThreadExecutor(r -> new Thread(r, "simulated-peers"));
    PresencePath path;

    @Test
    void heapPerIdlePair() throws Exception {
        Path store = Path.of("target", "measure", "presence-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(store);
        Path conf = store.resolve("gateway.conf");
        Files.writeString(conf, PresenceHarness.DOMAINS + "gateway.presence.store.path = \"" + store + "\"\n");
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(conf), Map.of());
        SharedSettings shared = SharedSettings.read(c.reader());
        PresenceSettings settings = PresenceSettings.read(c.reader());
        Engine engine = new Engine(2, 2 * N + 10_000);
        RoutingContext ctx = new RoutingContext(engine, new Traffic(), new SimulatedSip(), new SimulatedXmpp(),
                new AddressMapper(Policies.addressPolicy(shared.domains())), shared);
        path = new PresencePath(ctx, settings);
        path.open("measure");
        path.resume();
        try {
            establish(0, 2_000); // warm-up: classes, JIT, H2 pages
            long base = usedAfterGc();
            long t0 = System.nanoTime();
            establish(2_000, 2_000 + N);
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            path.flushStore(Duration.ofMinutes(5));
            long used = usedAfterGc();
            Map<String, Integer> x2s = path.stats().xmppToSip();
            Map<String, Integer> s2x = path.stats().sipToXmpp();
            System.out.printf("%n=== presence: %,d idle subscription pairs (both directions) ===%n", N);
            System.out.printf("heap: %,d bytes in total, %,d bytes per pair (goal <= 2048)%n", used - base, (used - base) / N);
            System.out.printf("state: x2s %s, s2x %s; established in %d s%n", x2s, s2x, seconds);
            var beans = path.managedBeans();
            PresenceMXBean b = (PresenceMXBean) beans.get("Presence");
            System.out.printf("store: %,d pair writes, mean batch %,d us, failures %d, queue %d%n", b.getStoreWrites(),
                    b.getStoreMeanBatchMicros(), b.getStoreFailures(), b.getStoreQueue());
            if (Boolean.getBoolean("stoxgw.measure.histogram")) {
                // where the bytes are: the JVM's class histogram of live objects
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(ProcessHandle.current().pid()), "GC.class_histogram").redirectErrorStream(true).start();
                new String(p.getInputStream().readAllBytes()).lines().limit(45).forEach(System.out::println);
            }
            System.out.printf("an event loop's share of a store write (snapshot + hand-over): %,d ns%n", loopCostOfASave());
            long cacheKb = h2Cache(settings.store().jdbcUrl("measure"));
            System.out.printf("H2 reports its page cache at %,d KB (bounded, not per pair)%n", cacheKb);
        } finally {
            engine.shutdown(Duration.ofMillis(10), Duration.ofSeconds(30));
            path.close();
            peers.shutdownNow();
        }
    }

    /** Creates pairs {@code from..to} in both directions and waits until they are idle. */
    void establish(int from, int to) throws InterruptedException {
        int target = to;
        for (int i = from; i < to; i++) {
            Presence subscribe = StanzaBuilder.buildPresence().from(jid("u" + i + "@example.com"))
                    .to(jid("c" + i + "@example.net")).ofType(Presence.Type.subscribe).build();
            path.onStanza(new InboundStanza(subscribe, "example.com", "example.net"));
            SipRequest sub = new SipRequest("SUBSCRIBE", "sip:u" + i + "@example.com",
                    NameAddress.of("sip:c" + i + "@example.net").withTag(hex(16)), NameAddress.of("sip:u" + i + "@example.com"),
                    hex(32) + "@192.0.2.7", 1, SipHeaders.of("Event", "presence", "Expires", "3600",
                    "Contact", "<sip:c" + i + "@192.0.2.7:5060;transport=udp>"), SipBody.EMPTY);
            path.onRequest(new FakeInbound(sub, base36(18)));
            if (i % 1000 == 999) {
                await(() -> path.stats().xmppToSip().get("authorized"), i + 1, i + 1); // pace: a thousand at a time
            }
        }
        await(() -> path.stats().xmppToSip().get("authorized"), target, target);
        await(() -> path.stats().sipToXmpp().get("active"), target, target);
        // every S2X pair has had its presence NOTIFY answered
        Thread.sleep(500);
    }

    static void await(IntSupplier value, int atLeast, int label) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (value.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + value.getAsInt() + " of " + label + " pairs established");
            }
            Thread.sleep(5);
        }
    }

    /**
     * What a loop pays to persist a change: building the pair's snapshot (two dialogs) and handing
     * it to the write-behind map; the database work happens on the store's own thread.
     */
    static long loopCostOfASave() {
        var nothing = new org.stoxgw.core.presence.store.PresenceStore() {
            @Override
            public java.util.List<org.stoxgw.core.presence.store.PairRecord> loadAll() {
                return java.util.List.of();
            }

            @Override
            public void write(Map<String, org.stoxgw.core.presence.store.PairRecord> batch) {
            }

            @Override
            public void close() {
            }
        };
        var d = new org.stoxgw.mapping.presence.SubscriptionDialog(base36(26) + "@192.0.2.1", "sip:u1@example.com",
                base36(18), "sip:c1@example.net", hex(16), "sip:c1@192.0.2.7:5060;transport=udp", java.util.List.of());
        int n = 2_000_000;
        try (var w = new org.stoxgw.core.presence.store.StoreWriter(nothing, Duration.ofMillis(100), 1000)) {
            long t0 = 0;
            for (int round = 0; round < 2; round++) {
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    w.save(new org.stoxgw.core.presence.store.PairRecord("u" + (i & 1023) + "@example.com", "c1@example.net",
                            org.stoxgw.mapping.presence.WatcherRules.Phase.AUTHORIZED,
                            org.stoxgw.mapping.presence.NotifierRules.Phase.ACTIVE, java.util.List.of(
                            new org.stoxgw.core.presence.store.DialogRecord(
                                    org.stoxgw.core.presence.store.DialogRecord.Role.WATCH, d, i, 1, 0),
                            new org.stoxgw.core.presence.store.DialogRecord(
                                    org.stoxgw.core.presence.store.DialogRecord.Role.NOTIFY, d, i, 1, 0))));
                }
            }
            return (System.nanoTime() - t0) / n;
        }
    }

    /** The H2 page cache in use (KB), read from the database's own settings table. */
    static long h2Cache(String url) {
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
             var rs = st.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_SIZE'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        } catch (java.sql.SQLException | NumberFormatException e) {
            return 0;
        }
    }

    /** Random identifiers as long as real peers' (baresip: 16 hex digits tags). */
    static String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    static String base36(int n) {
        StringBuilder sb = new StringBuilder(n);
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(r.nextInt(36), 36));
        }
        return sb.toString();
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

    static org.jxmpp.jid.EntityBareJid jid(String s) {
        try {
            return JidCreate.entityBareFrom(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A SIP notifier for every contact: 200 to SUBSCRIBE, then NOTIFY active with one open tuple; 200 to NOTIFY. */
    final class SimulatedSip implements SipPort {
        @Override
        public CompletionStage<SipOutcome> send(SipRequest r) {
            CompletableFuture<SipOutcome> f = new CompletableFuture<>();
            peers.execute(() -> {
                if (r.method().equals("SUBSCRIBE")) {
                    String tag = hex(16);
                    f.complete(new SipOutcome.Response(new SipResponse(200, "OK", SipHeaders.of("To", r.to().withTag(tag).toString(),
                            "Contact", "<" + r.to().uri().replace("@example.net", "@192.0.2.9:5060") + ">",
                            "Expires", r.headers().first("Expires").orElse("3600")), SipBody.EMPTY)));
                    if (!"0".equals(r.headers().first("Expires").orElse(""))) {
                        SipRequest n = new SipRequest("NOTIFY", "sip:gw@192.0.2.1", NameAddress.of(r.to().uri()).withTag(tag),
                                r.from(), r.callId(), 1, SipHeaders.of("Event", "presence", "Subscription-State", "active;expires=3600",
                                "Contact", "<sip:dev@192.0.2.9:5060;transport=udp>"), PresenceHarness.pidf("pres:" + r.to().uri().substring(4),
                                "ID-desk", "open", null));
                        path.onRequest(new FakeInbound(n, "x"));
                    }
                } else {
                    f.complete(new SipOutcome.Response(SipResponse.of(200, "OK")));
                }
            });
            return f;
        }

        // the SIP adapter's formats (Identifiers): an 18-character tag, a 26-character Call-ID @ host
        @Override
        public String newTag() {
            return base36(18);
        }

        @Override
        public String newCallId() {
            return base36(26) + "@192.0.2.1";
        }
    }

    /** The XMPP users' server: approves every subscription request and answers probes with one resource. */
    final class SimulatedXmpp implements XmppPort {
        @Override
        public CompletionStage<XmppOutcome> send(Stanza s) {
            if (s instanceof Presence p && (p.getType() == Presence.Type.subscribe || p.getType() == Presence.Type.probe)) {
                peers.execute(() -> {
                    if (p.getType() == Presence.Type.subscribe) {
                        path.onStanza(new InboundStanza(StanzaBuilder.buildPresence().from(p.getTo()).to(p.getFrom())
                                .ofType(Presence.Type.subscribed).build(), "example.com", "example.net"));
                    }
                    try {
                        path.onStanza(new InboundStanza(StanzaBuilder.buildPresence()
                                .from(JidCreate.fullFrom(p.getTo().toString() + "/phone")).to(p.getFrom())
                                .setMode(Presence.Mode.away).build(), "example.com", "example.net"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            return CompletableFuture.completedFuture(new XmppOutcome.Sent());
        }
    }
}
