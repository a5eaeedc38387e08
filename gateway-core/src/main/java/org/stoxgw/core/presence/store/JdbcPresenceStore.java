package org.stoxgw.core.presence.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.presence.NotifierRules;
import org.stoxgw.mapping.presence.SubscriptionDialog;
import org.stoxgw.mapping.presence.WatcherRules;

/**
 * {@link PresenceStore} on any JDBC database, in plain SQL every common database accepts
 * ({@code CREATE TABLE IF NOT EXISTS}, {@code VARCHAR}, {@code BIGINT}; no MERGE or upsert
 * dialects): one row per pair in {@code stoxgw_presence_pair}, one row per dialog in
 * {@code stoxgw_presence_dialog}. A batch replaces pairs by delete-and-insert in one transaction.
 * The default is an embedded H2 file database; a server database takes its place by URL.
 *
 * <p>Not thread-safe: used by one thread at a time (see {@link PresenceStore}). One connection,
 * reopened after a failure.
 */
public final class JdbcPresenceStore implements PresenceStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcPresenceStore.class);
    private static final String PAIRS = "stoxgw_presence_pair";
    private static final String DIALOGS = "stoxgw_presence_dialog";
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS " + PAIRS + " (pair_key VARCHAR(4096) NOT NULL PRIMARY KEY,"
            + " xmpp_user VARCHAR(3072) NOT NULL, sip_user VARCHAR(3072) NOT NULL,"
            + " watch_phase VARCHAR(16) NOT NULL, notify_phase VARCHAR(16) NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + DIALOGS + " (pair_key VARCHAR(4096) NOT NULL, role VARCHAR(8) NOT NULL,"
            + " call_id VARCHAR(1024) NOT NULL, local_uri VARCHAR(4096) NOT NULL, local_tag VARCHAR(256) NOT NULL,"
            + " remote_uri VARCHAR(4096) NOT NULL, remote_tag VARCHAR(256) NOT NULL, remote_target VARCHAR(4096) NOT NULL,"
            + " route_set VARCHAR(8192) NOT NULL, local_cseq BIGINT NOT NULL, remote_cseq BIGINT NOT NULL,"
            + " expires_at BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS " + DIALOGS + "_pair ON " + DIALOGS + " (pair_key)"
    };

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    /**
     * Opens the database and creates the tables if needed.
     *
     * @throws StoreException if the database cannot be opened (wrong URL, locked by another
     *                        gateway, no driver on the class path)
     */
    public JdbcPresenceStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        try {
            Connection c = connection();
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            c.commit();
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open the presence store " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    @Override
    public List<PairRecord> loadAll() {
        try {
            Connection c = connection();
            Map<String, List<DialogRecord>> dialogs = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pair_key, role, call_id, local_uri,"
                    + " local_tag, remote_uri, remote_tag, remote_target, route_set, local_cseq, remote_cseq, expires_at FROM "
                    + DIALOGS)) {
                while (rs.next()) {
                    String routes = rs.getString(9);
                    SubscriptionDialog d = new SubscriptionDialog(rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8),
                            routes.isEmpty() ? List.of() : Arrays.asList(routes.split("\n")));
                    dialogs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(new DialogRecord(
                            DialogRecord.Role.valueOf(rs.getString(2)), d, rs.getLong(10), rs.getLong(11), rs.getLong(12)));
                }
            }
            List<PairRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pair_key, xmpp_user, sip_user, watch_phase, notify_phase FROM " + PAIRS)) {
                while (rs.next()) {
                    out.add(new PairRecord(rs.getString(2), rs.getString(3), WatcherRules.Phase.valueOf(rs.getString(4)),
                            NotifierRules.Phase.valueOf(rs.getString(5)), dialogs.getOrDefault(rs.getString(1), List.of())));
                }
            }
            c.commit();
            return out;
        } catch (SQLException | IllegalArgumentException e) {
            reset();
            throw new StoreException("cannot read the presence store: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Map<String, PairRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            Connection c = connection();
            try (PreparedStatement delDialogs = c.prepareStatement("DELETE FROM " + DIALOGS + " WHERE pair_key = ?");
                 PreparedStatement delPair = c.prepareStatement("DELETE FROM " + PAIRS + " WHERE pair_key = ?");
                 PreparedStatement insPair = c.prepareStatement("INSERT INTO " + PAIRS
                         + " (pair_key, xmpp_user, sip_user, watch_phase, notify_phase, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement insDialog = c.prepareStatement("INSERT INTO " + DIALOGS + " (pair_key, role, call_id,"
                         + " local_uri, local_tag, remote_uri, remote_tag, remote_target, route_set, local_cseq, remote_cseq,"
                         + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                boolean pairs = false;
                boolean dialogs = false;
                for (Map.Entry<String, PairRecord> e : batch.entrySet()) {
                    delDialogs.setString(1, e.getKey());
                    delDialogs.addBatch();
                    delPair.setString(1, e.getKey());
                    delPair.addBatch();
                    PairRecord r = e.getValue();
                    if (r == null) {
                        continue;
                    }
                    pairs = true;
                    insPair.setString(1, e.getKey());
                    insPair.setString(2, r.user());
                    insPair.setString(3, r.contact());
                    insPair.setString(4, r.watchPhase().name());
                    insPair.setString(5, r.notifyPhase().name());
                    insPair.setLong(6, now);
                    insPair.addBatch();
                    for (DialogRecord d : r.dialogs()) {
                        dialogs = true;
                        SubscriptionDialog id = d.dialog();
                        insDialog.setString(1, e.getKey());
                        insDialog.setString(2, d.role().name());
                        insDialog.setString(3, id.callId());
                        insDialog.setString(4, id.localUri());
                        insDialog.setString(5, id.localTag());
                        insDialog.setString(6, id.remoteUri());
                        insDialog.setString(7, id.remoteTag());
                        insDialog.setString(8, id.remoteTarget());
                        insDialog.setString(9, String.join("\n", id.routeSet()));
                        insDialog.setLong(10, d.localCseq());
                        insDialog.setLong(11, d.remoteCseq());
                        insDialog.setLong(12, d.expiresAt());
                        insDialog.addBatch();
                    }
                }
                delDialogs.executeBatch();
                delPair.executeBatch();
                if (pairs) {
                    insPair.executeBatch();
                }
                if (dialogs) {
                    insDialog.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            reset();
            throw new StoreException("cannot write " + batch.size() + " pair(s) to the presence store: " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException e) {
            log.debug("rollback failed: {}", e.toString());
        }
    }

    /** Drops a connection that failed, so the next call opens a fresh one. */
    private void reset() {
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the presence store: {}", e.toString());
            }
            connection = null;
        }
    }

    /** The URL without credentials some drivers allow in it. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
