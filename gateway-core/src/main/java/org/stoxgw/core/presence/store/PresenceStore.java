package org.stoxgw.core.presence.store;

import java.util.List;
import java.util.Map;

/**
 * Durable storage of subscription pairs: the small interface a server database can implement in
 * place of the embedded one. Calls come from one thread at a time (the start-up thread for
 * {@link #loadAll}, then the {@link StoreWriter}'s thread), so implementations need no locking.
 */
public interface PresenceStore extends AutoCloseable {

    /** Every stored pair (at start-up). */
    List<PairRecord> loadAll();

    /**
     * Writes one batch atomically: each entry replaces the pair of its key with the record, or
     * deletes it when the record is null.
     *
     * @throws StoreException if the batch could not be written (nothing of it was)
     */
    void write(Map<String, PairRecord> batch);

    /** Releases the database. */
    @Override
    void close();

    /** What went wrong with the database. */
    final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
