package org.stoxgw.core.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.mapping.presence.NotifierRules;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.WatcherRules;

class PresenceStoreTest {
    @TempDir
    Path dir;

    static PairRecord pair(String user, String contact, int cseq) {
        SubscriptionDialog watch = new SubscriptionDialog("c1@gw", "sip:" + user, "t1", "sip:" + contact, "r1",
                "sip:romeo@192.0.2.7:5060;transport=tcp", List.of("<sip:p1.example.net;lr>", "<sip:p2.example.net;lr>"));
        SubscriptionDialog notify = new SubscriptionDialog("in-1", "sip:" + user, "ur93", "sip:" + contact, "xfg9",
                "sip:romeo@192.0.2.7", List.of());
        return new PairRecord(user, contact, WatcherRules.Phase.AUTHORIZED, NotifierRules.Phase.ACTIVE, List.of(
                new DialogRecord(DialogRecord.Role.WATCH, watch, cseq, 7, 1_700_000_000_000L),
                new DialogRecord(DialogRecord.Role.NOTIFY, notify, 3, 2, 1_700_000_360_000L)));
    }

    @Test
    @DisplayName("The embedded H2 store keeps pairs and their dialogs (route sets included) across a reopen; replace and delete work")
    void roundTrip() {
        String url = "jdbc:h2:file:" + dir.resolve("db/presence") + ";DB_CLOSE_ON_EXIT=FALSE";
        PairRecord a = pair("juliet@example.com", "romeo@example.net", 5);
        PairRecord b = pair("alice@example.com", "bob@example.net", 9);
        try (JdbcPresenceStore s = new JdbcPresenceStore(url, "", "")) {
            s.write(Map.of(a.key(), a, b.key(), b));
            PairRecord a2 = pair("juliet@example.com", "romeo@example.net", 6);
            Map<String, PairRecord> batch = new HashMap<>();
            batch.put(a2.key(), a2);
            batch.put(b.key(), null);
            s.write(batch);
        }
        try (JdbcPresenceStore s = new JdbcPresenceStore(url, "", "")) {
            List<PairRecord> all = s.loadAll();
            assertEquals(1, all.size());
            PairRecord back = all.get(0);
            assertEquals("juliet@example.com", back.user());
            assertEquals(WatcherRules.Phase.AUTHORIZED, back.watchPhase());
            assertEquals(NotifierRules.Phase.ACTIVE, back.notifyPhase());
            assertEquals(new java.util.HashSet<>(pair("juliet@example.com", "romeo@example.net", 6).dialogs()),
                    new java.util.HashSet<>(back.dialogs()));
        }
    }

    @Test
    @DisplayName("A second gateway process on the same embedded store is refused with a clear error (the file is locked)")
    void locked() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("locked/presence") + ";DB_CLOSE_ON_EXIT=FALSE";
        new JdbcPresenceStore(url, "", "").close(); // create it
        // another process (H2's own shell, as a second gateway would) holds the database open
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(javaBin, "-cp", Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(), "org.h2.tools.Shell",
                "-url", url).redirectErrorStream(true).start();
        try {
            // wait until the other process has the database (its prompt), then opening it here must fail
            StringBuilder out = new StringBuilder();
            java.io.InputStream in = other.getInputStream();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().contains("sql>") && other.isAlive() && System.nanoTime() < deadline) {
                if (in.available() > 0) {
                    out.append(new String(in.readNBytes(in.available()), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    Thread.sleep(20);
                }
            }
            assertTrue(out.toString().contains("sql>"), "the other process did not open the database: " + out);
            PresenceStore.StoreException e = assertThrows(PresenceStore.StoreException.class,
                    () -> new JdbcPresenceStore(url, "", ""));
            assertTrue(e.getMessage().startsWith("cannot open the presence store"), e.getMessage());
            assertTrue(e.getMessage().contains("already in use") || e.getMessage().contains("locked"), e.getMessage());
        } finally {
            other.destroy();
            other.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            other.destroyForcibly();
        }
    }

    @Test
    @DisplayName("Write-behind: many changes of one pair coalesce into few writes; flush writes the latest")
    void coalesces() {
        List<Map<String, PairRecord>> batches = new ArrayList<>();
        PresenceStore stub = new RecordingStore(batches, new AtomicInteger());
        try (StoreWriter w = new StoreWriter(stub, Duration.ofMillis(50), 1000)) {
            for (int i = 1; i <= 10_000; i++) {
                w.save(pair("juliet@example.com", "romeo@example.net", i));
            }
            assertTrue(w.flush(Duration.ofSeconds(10)));
            assertTrue(w.writes() < 10_000, "coalesced: " + w.writes());
            Map<String, PairRecord> last = batches.get(batches.size() - 1);
            assertEquals(10_000, last.values().iterator().next().dialogs().get(0).localCseq(), "the newest state wins");
            w.delete("juliet@example.com romeo@example.net");
            assertTrue(w.flush(Duration.ofSeconds(10)));
            assertTrue(batches.get(batches.size() - 1).containsKey("juliet@example.com romeo@example.net"));
            assertEquals(null, batches.get(batches.size() - 1).get("juliet@example.com romeo@example.net"));
        }
    }

    @Test
    @DisplayName("Write-behind: while the database fails, changes are kept and retried; nothing is lost")
    void retries() {
        List<Map<String, PairRecord>> batches = new ArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        PresenceStore stub = new RecordingStore(batches, failuresLeft);
        try (StoreWriter w = new StoreWriter(stub, Duration.ofMillis(10), 10)) {
            for (int i = 0; i < 25; i++) {
                w.save(pair("user" + i + "@example.com", "romeo@example.net", 1));
            }
            assertTrue(w.flush(Duration.ofSeconds(20)));
            assertEquals(2, w.failures());
            assertEquals(25, batches.stream().mapToInt(Map::size).sum(), "every pair written once the database is back");
            assertTrue(batches.stream().allMatch(b -> b.size() <= 10), "batch-size respected");
        }
    }

    @Test
    @DisplayName("The default store works from any working directory: an absolute per-user directory named after the instance")
    void defaultDirectory() {
        StoreSettings s = new StoreSettings("", "", "", "", Duration.ofMillis(100), 100, 1000);
        Path d = s.directory("stox gw/../x");
        assertTrue(d.isAbsolute(), d.toString());
        assertTrue(d.endsWith(Path.of("stoxgw", "stox_gw_.._x")), d.toString());
        assertTrue(s.jdbcUrl("a").startsWith("jdbc:h2:file:/"), s.jdbcUrl("a"));
        StoreSettings rel = new StoreSettings("", "data/store", "", "", Duration.ofMillis(100), 100, 1000);
        assertTrue(rel.directory("a").isAbsolute());
        StoreSettings server = new StoreSettings("jdbc:postgresql://db/stoxgw", "", "u", "p", Duration.ofMillis(100), 100, 1000);
        assertEquals("jdbc:postgresql://db/stoxgw", server.jdbcUrl("a"));
        assertEquals("jdbc:x:y;password=***", JdbcPresenceStore.redact("jdbc:x:y;password=secret"));
    }

    /** Records batches; fails while {@code failuresLeft} > 0. */
    record RecordingStore(List<Map<String, PairRecord>> batches, AtomicInteger failuresLeft) implements PresenceStore {
        @Override
        public List<PairRecord> loadAll() {
            return List.of();
        }

        @Override
        public synchronized void write(Map<String, PairRecord> batch) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StoreException("database away", null);
            }
            batches.add(new HashMap<>(batch));
        }

        @Override
        public void close() {
        }
    }
}
