package org.stoxgw.core.presence;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.Presence;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.presence.Basic;
import org.stoxgw.mapping.presence.Note;
import org.stoxgw.mapping.presence.PidfTuple;
import org.stoxgw.mapping.presence.PresenceToPidf;
import org.stoxgw.mapping.presence.Show;
import org.stoxgw.mapping.presence.TupleIds;

/**
 * The XMPP user's presence as last heard by the SIP subscriber's pair, one PIDF tuple per resource
 * (PRES-38: each resource its own tuple), ready for a full-state NOTIFY: the available resources,
 * or when none is left, the ones that went away as closed. Unknown (null) until the first presence:
 * then a NOTIFY is empty (PRES-26). Bounded by {@code resources-per-user}. Not stored: after a
 * restart it is asked for again. Confined to the pair's loop.
 */
final class NotifierPresence {
    private List<PidfTuple> tuples;
    private int version;
    private final int max;

    NotifierPresence(int maxResources) {
        this.max = maxResources;
    }

    boolean known() {
        return tuples != null;
    }

    /** Grows with every change, so a dialog can tell whether it has seen the latest. */
    int version() {
        return version;
    }

    /**
     * Takes in available or unavailable presence (PRES-29..36); true if the document changed.
     * Tuples are kept without their {@code <contact>}, which {@link #document(String)} adds.
     */
    boolean update(Presence p) {
        String resource = p.getFrom() == null ? "" : p.getFrom().getResourceOrEmpty().toString();
        // a placeholder contact makes the mapping compute the priority (it is only written on a contact)
        PidfTuple t = PresenceToPidf.tuple(p, "-", null).orElse(null);
        if (t == null) {
            return false;
        }
        t = new PidfTuple(t.id(), t.basic(), t.show(), "", t.priority(), t.notes(), "");
        List<PidfTuple> next = new ArrayList<>(tuples == null ? 1 : tuples.size() + 1);
        if (t.basic() == Basic.OPEN) {
            for (PidfTuple old : tuples == null ? List.<PidfTuple>of() : tuples) {
                if (old.basic() == Basic.OPEN && !old.id().equals(t.id()) && next.size() < max - 1) {
                    next.add(old);
                }
            }
            next.add(t);
        } else if (resource.isEmpty()) {
            // unavailable from the bare JID: every resource is gone (RFC 6121 §4.3.2 probe answer)
            next.addAll(closed(tuples));
        } else {
            for (PidfTuple old : tuples == null ? List.<PidfTuple>of() : tuples) {
                if (old.basic() == Basic.OPEN && !old.id().equals(t.id())) {
                    next.add(old);
                }
            }
            if (next.isEmpty()) {
                next.add(t);
            }
        }
        boolean changed = !next.equals(tuples);
        tuples = List.copyOf(next);
        if (changed) {
            version++;
        }
        return changed;
    }

    /** Back to unknown. */
    void reset() {
        if (tuples != null) {
            tuples = null;
            version++;
        }
    }

    /**
     * The tuples for a NOTIFY, each with its {@code <contact>}: the user's SIP URI as the dialog
     * names it, with {@code ;gr=} resource (AMB-P04); empty while unknown.
     */
    List<PidfTuple> document(String userUri) {
        if (tuples == null) {
            return List.of();
        }
        List<PidfTuple> out = new ArrayList<>(tuples.size());
        for (PidfTuple t : tuples) {
            out.add(new PidfTuple(t.id(), t.basic(), t.show(), contactUri(userUri, TupleIds.resourceOf(t.id()).orElse("")),
                    t.priority(), t.notes(), ""));
        }
        return out;
    }

    /** Whether a resource is available. */
    boolean anyOpen() {
        return tuples != null && tuples.stream().anyMatch(t -> t.basic() == Basic.OPEN);
    }

    /** PIDF closed for every known resource, or for the user when none is known (PRES-27). */
    List<PidfTuple> closedDocument() {
        return closed(tuples);
    }

    /** The language of the first note, for Content-Language (P14); null if none. */
    String language() {
        if (tuples != null) {
            for (PidfTuple t : tuples) {
                for (Note n : t.notes()) {
                    if (!n.lang().isEmpty()) {
                        return n.lang();
                    }
                }
            }
        }
        return null;
    }

    private static List<PidfTuple> closed(List<PidfTuple> from) {
        List<PidfTuple> out = new ArrayList<>();
        if (from != null) {
            for (PidfTuple t : from) {
                out.add(PidfTuple.of(t.id(), Basic.CLOSED, Show.NONE));
            }
        }
        if (out.isEmpty()) {
            out.add(PidfTuple.of(TupleIds.forResource(""), Basic.CLOSED, Show.NONE));
        }
        return out;
    }

    private static String contactUri(String userUri, String resource) {
        if (resource.isEmpty()) {
            return userUri;
        }
        try {
            return SipUri.parse(userUri).withGruu(resource).toString();
        } catch (IllegalArgumentException e) {
            return userUri;
        }
    }
}
