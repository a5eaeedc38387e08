package org.stoxgw.mapping.presence;

import java.util.List;
import java.util.Objects;

/**
 * One PIDF tuple (RFC 3863 §4.1.2) reduced to what the gateway maps: availability of one
 * resource/device.
 *
 * @param id        the tuple id ({@code "ID-"} + resource for tuples the gateway writes, PRES-31)
 * @param basic     open/closed, or NONE if the tuple had no {@code <basic>}
 * @param show      the embedded {@code <show xmlns='jabber:client'>} (PRES-36), NONE if absent
 * @param contact   the {@code <contact>} URI, "" if none
 * @param priority  the contact priority in thousandths (0..1000), {@link #NO_PRIORITY} if absent
 * @param notes     tuple-level notes in document order
 * @param timestamp the {@code <timestamp>} text as received, "" if none (the writer stamps its own)
 */
public record PidfTuple(String id, Basic basic, Show show, String contact, int priority, List<Note> notes,
                        String timestamp) {

    /** Marker for "no priority attribute". */
    public static final int NO_PRIORITY = -1;

    public PidfTuple {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(basic, "basic");
        Objects.requireNonNull(show, "show");
        contact = contact == null ? "" : contact;
        if (priority < NO_PRIORITY || priority > 1000) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        notes = List.copyOf(notes);
        timestamp = timestamp == null ? "" : timestamp;
    }

    /** An open or closed tuple without contact, notes or timestamp. */
    public static PidfTuple of(String id, Basic basic, Show show) {
        return new PidfTuple(id, basic, show, "", NO_PRIORITY, List.of(), "");
    }

    public boolean hasPriority() {
        return priority != NO_PRIORITY;
    }
}
