package org.stoxgw.mapping.media;

import java.util.List;
import java.util.Objects;

/**
 * A whole offer or answer: the neutral media model both translators meet in ({@link Sdp} for SDP,
 * {@code org.stoxgw.mapping.jingle.JingleMedia} for Jingle); the call path never converts SDP to
 * Jingle directly.
 *
 * <ul>
 *   <li>{@code origin}: SDP {@code o=}; its username is the localpart of the Jingle initiator (table §2.1);
 *       the version must grow with every changed offer (RFC 3264 §8) and stays for a refresh (AMB-V12).</li>
 *   <li>{@code groups}: {@code a=group} ↔ XEP-0338 {@code <group/>} (BUNDLE), content names in order.</li>
 *   <li>{@code trickle}: {@code a=ice-options:trickle} (RFC 8840); {@code iceLite}: {@code a=ice-lite}.</li>
 *   <li>{@code extra}: session-level SDP attributes with no Jingle counterpart (kept for SDP round trips).</li>
 * </ul>
 */
public record MediaSession(Origin origin, List<MediaContent> contents, List<Group> groups, boolean trickle,
                           boolean iceLite, List<Parameter> extra) {
    public MediaSession {
        Objects.requireNonNull(origin, "origin");
        contents = List.copyOf(contents);
        groups = List.copyOf(groups);
        extra = List.copyOf(extra);
    }

    /** A session with no groups, trickle, ice-lite or extra attributes. */
    public static MediaSession of(Origin origin, List<MediaContent> contents) {
        return new MediaSession(origin, contents, List.of(), false, false, List.of());
    }

    /** SDP {@code o=} (RFC 8866 §5.2); {@code sessionId}/{@code version} are decimal digit strings up to 63 bits. */
    public record Origin(String username, long sessionId, long version, String address) {
        public Origin {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(address, "address");
            if (sessionId < 0 || version < 0) {
                throw new IllegalArgumentException("o= ids must be non-negative");
            }
            if (username.isEmpty() || username.chars().anyMatch(ch -> ch <= ' ')) {
                username = "-";
            }
        }

        /** The same origin with the version incremented (a changed offer, RFC 3264 §8). */
        public Origin next() {
            return new Origin(username, sessionId, version + 1, address);
        }
    }

    /** A grouping (RFC 5888 {@code a=group:<semantics> <mid>…}, e.g. BUNDLE RFC 9143). */
    public record Group(String semantics, List<String> names) {
        public Group {
            Objects.requireNonNull(semantics, "semantics");
            names = List.copyOf(names);
        }
    }

    /** The content named {@code name}, or null. */
    public MediaContent content(String name) {
        for (MediaContent c : contents) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public MediaSession withContents(List<MediaContent> cs) {
        return new MediaSession(origin, cs, groups, trickle, iceLite, extra);
    }

    public MediaSession withOrigin(Origin o) {
        return new MediaSession(o, contents, groups, trickle, iceLite, extra);
    }
}
