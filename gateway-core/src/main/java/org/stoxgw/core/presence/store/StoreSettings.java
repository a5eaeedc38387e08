package org.stoxgw.core.presence.store;

import java.nio.file.Path;
import java.time.Duration;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.presence.store}: where subscription pairs and SIP dialogs are kept.
 *
 * @param url           JDBC URL, "" for the embedded H2 database under {@code path}
 * @param path          directory of the embedded database, "" for the per-user default
 * @param user          database user
 * @param password      database password
 * @param flushInterval longest delay between a change and its write
 * @param batchSize     pairs written per transaction at most
 * @param cseqGap       added to stored CSeq numbers at restore
 */
public record StoreSettings(String url, String path, String user, String password, Duration flushInterval, int batchSize,
                            int cseqGap) {

    public static StoreSettings read(ConfigReader store) {
        return new StoreSettings(store.string("url"), store.string("path"), store.string("user"), store.secret("password"),
                store.duration("flush-interval", Duration.ofMillis(1), Duration.ofMinutes(1)),
                store.integer("batch-size", 1, 100_000), store.integer("cseq-gap", 0, 1_000_000_000));
    }

    /**
     * The JDBC URL to open: {@link #url} when set, else an embedded H2 file database in
     * {@link #directory}. The file is opened in the directory named, whatever the working directory.
     */
    public String jdbcUrl(String instanceName) {
        if (!url.isEmpty()) {
            return url;
        }
        return "jdbc:h2:file:" + directory(instanceName).resolve("presence").toString().replace('\\', '/')
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * The directory of the embedded database: {@link #path} made absolute, else
     * {@code $XDG_DATA_HOME/stoxgw/<instance>}, else {@code ~/.local/share/stoxgw/<instance>}.
     */
    public Path directory(String instanceName) {
        if (!path.isEmpty()) {
            return Path.of(path).toAbsolutePath().normalize();
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("stoxgw").resolve(safe(instanceName)).toAbsolutePath().normalize();
    }

    /** The instance name as a directory name (it may contain anything an operator typed). */
    private static String safe(String instanceName) {
        String s = instanceName.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    /** The settings without the password (R-08: secrets are never printed). */
    @Override
    public String toString() {
        return "StoreSettings[url=" + url + ", path=" + path + ", user=" + user + ", password hidden, flushInterval="
                + flushInterval + ", batchSize=" + batchSize + ", cseqGap=" + cseqGap + "]";
    }
}
