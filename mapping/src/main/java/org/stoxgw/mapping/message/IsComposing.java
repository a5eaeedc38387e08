package org.stoxgw.mapping.message;

import java.util.Objects;

/**
 * An isComposing status message (RFC 3994 §3.2).
 *
 * @param active      {@code active} (composing) rather than {@code idle}
 * @param contentType what is being composed ({@code text}, {@code audio} ...), "" if absent
 * @param lastActive  the {@code lastactive} timestamp text, "" if absent
 * @param refresh     seconds until the sender refreshes an active state, or −1 if absent; the
 *                    receiver falls back to idle when it expires (RFC 3994 §4, default 120 s)
 */
public record IsComposing(boolean active, String contentType, String lastActive, int refresh) {

    /** The refresh interval a receiver assumes when none is given (RFC 3994 §4). */
    public static final int DEFAULT_REFRESH = 120;

    public IsComposing {
        contentType = contentType == null ? "" : contentType;
        lastActive = lastActive == null ? "" : lastActive;
        if (refresh < -1) {
            throw new IllegalArgumentException("refresh: " + refresh);
        }
        Objects.requireNonNull(contentType);
    }

    public static IsComposing active(int refresh) {
        return new IsComposing(true, "text", "", refresh);
    }

    public static IsComposing idle() {
        return new IsComposing(false, "text", "", -1);
    }

    /** The time after which an active state lapses to idle without refresh. */
    public int effectiveRefresh() {
        return refresh > 0 ? refresh : DEFAULT_REFRESH;
    }
}
