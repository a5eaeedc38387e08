package org.stoxgw.mapping.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MSRP path (RFC 4975 §9 {@code To-Path}/{@code From-Path}, SDP {@code a=path}): one or more
 * MSRP URIs separated by spaces, the first one being the next hop and the last one the endpoint.
 * Limited to {@link #MAX_HOPS} URIs.
 */
public record MsrpPath(List<MsrpUri> uris) {

    /** More hops than this in one path is refused (RFC 4976 relays chain rarely beyond two). */
    public static final int MAX_HOPS = 8;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[ \t]+");

    public MsrpPath {
        uris = List.copyOf(uris);
        if (uris.isEmpty() || uris.size() > MAX_HOPS) {
            throw new IllegalArgumentException("a path has 1.." + MAX_HOPS + " URIs, not " + uris.size());
        }
    }

    public static MsrpPath of(MsrpUri... uris) {
        return new MsrpPath(List.of(uris));
    }

    /** Parses a space-separated path; empty if any URI is malformed or the path is empty or too long. */
    public static Optional<MsrpPath> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        List<MsrpUri> out = new ArrayList<>();
        for (String part : SPACES.split(s.trim())) {
            if (part.isEmpty()) {
                continue;
            }
            Optional<MsrpUri> u = MsrpUri.parse(part);
            if (u.isEmpty() || out.size() == MAX_HOPS) {
                return Optional.empty();
            }
            out.add(u.get());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(new MsrpPath(out));
    }

    /** The next hop (leftmost URI). */
    public MsrpUri first() {
        return uris.get(0);
    }

    /** The endpoint (rightmost URI). */
    public MsrpUri last() {
        return uris.get(uris.size() - 1);
    }

    /** This path followed by {@code tail}'s URIs. */
    public MsrpPath concat(MsrpPath tail) {
        List<MsrpUri> l = new ArrayList<>(uris);
        l.addAll(tail.uris);
        return new MsrpPath(l);
    }

    /** This path without its first URI; empty if it has only one. */
    public Optional<MsrpPath> rest() {
        return uris.size() == 1 ? Optional.empty() : Optional.of(new MsrpPath(uris.subList(1, uris.size())));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (MsrpUri u : uris) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(u);
        }
        return sb.toString();
    }
}
