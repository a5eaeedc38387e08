package org.stoxgw.mapping.presence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * PIDF {@code <timestamp>} values (RFC 3863 §4.1.7, PIDF-08): RFC 3339 with upper-case {@code T}
 * and {@code Z}, millisecond precision. Mapping has no clock: the wiring passes the current
 * instant and the one it used last for the same subscription, and {@link #next} guarantees the
 * value never repeats (successive documents MUST NOT carry the same timestamp).
 */
public final class PidfTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private PidfTimestamps() {
    }

    /**
     * The instant to stamp on the next document: {@code now} at millisecond precision, or one
     * millisecond after {@code previous} if the clock has not advanced past it (or went back).
     *
     * @param previous the instant of the previous document for this subscription, or null
     */
    public static Instant next(Instant now, Instant previous) {
        Instant candidate = now.truncatedTo(ChronoUnit.MILLIS);
        if (previous != null) {
            Instant floor = previous.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
            if (candidate.isBefore(floor)) {
                return floor;
            }
        }
        return candidate;
    }

    /** RFC 3339 text, e.g. {@code 2024-05-01T10:00:00.120Z}. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Parses a received timestamp (any RFC 3339 offset, lower-case t/z tolerated); empty if invalid. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim().toUpperCase(java.util.Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
