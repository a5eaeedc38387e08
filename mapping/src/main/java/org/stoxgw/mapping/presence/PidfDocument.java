package org.stoxgw.mapping.presence;

import java.util.List;
import java.util.Objects;

/**
 * A PIDF presence document (RFC 3863 §4.1.1) as the gateway sees it.
 *
 * @param entity       the presentity URI ({@code pres:user@host}, PIDF-02), "" if the sender omitted it
 * @param tuples       the tuples in document order
 * @param notes        presence-level notes
 * @param activityShow availability read from RPID person activities (RFC 4480; e.g.
 *                     {@code <rpid:away/>} → AWAY, {@code <rpid:busy/>} → DND), NONE if absent. SIP UAs
 *                     such as baresip express away/busy only this way (PRES-37).
 */
public record PidfDocument(String entity, List<PidfTuple> tuples, List<Note> notes, Show activityShow) {

    public PidfDocument {
        Objects.requireNonNull(entity, "entity");
        tuples = List.copyOf(tuples);
        notes = List.copyOf(notes);
        Objects.requireNonNull(activityShow, "activityShow");
    }

    /** A document with tuples only. */
    public static PidfDocument of(String entity, List<PidfTuple> tuples) {
        return new PidfDocument(entity, tuples, List.of(), Show.NONE);
    }
}
