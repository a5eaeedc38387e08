package org.stoxgw.mapping.presence;

import java.time.Instant;
import org.stoxgw.mapping.payload.XmlWriter;
import org.stoxgw.mapping.sip.SipBody;

/**
 * Writes {@code application/pidf+xml} (RFC 3863) for NOTIFY bodies:
 * <ul>
 *   <li>an XML declaration with {@code encoding='UTF-8'} (PIDF-01);</li>
 *   <li>root {@code presence} in the PIDF namespace with the {@code entity} URI (PIDF-02);</li>
 *   <li>per tuple, in schema order (PIDF-03): {@code <status>} with {@code <basic>} (PIDF-04/05)
 *       and the embedded {@code <show xmlns='jabber:client'>} (PRES-36), {@code <contact>} with
 *       the priority q-value (PIDF-06, AMB-P04), notes with {@code xml:lang} (PIDF-07), and a
 *       {@code <timestamp>} the caller supplies (PIDF-08, see {@link PidfTimestamps#next});</li>
 *   <li>optionally (PRES-37) an RFC 4480 person with {@code <rpid:away/>} (away, xa) or
 *       {@code <rpid:busy/>} (dnd) for SIP UAs that render only RPID, such as baresip.</li>
 * </ul>
 * A tuple with neither basic nor show carries no status (PIDF-04 needs one) and is left out.
 */
public final class PidfWriter {

    /** The media type of the bodies written here. */
    public static final String CONTENT_TYPE = "application/pidf+xml";

    private PidfWriter() {
    }

    /**
     * The NOTIFY body for {@code document}: {@link SipBody#EMPTY} when it has no tuple with status,
     * because without meaningful availability the NOTIFY must be empty (PRES-26).
     */
    public static SipBody body(PidfDocument document, Instant timestamp, boolean rpidActivities) {
        if (document == null || document.tuples().stream().noneMatch(PidfWriter::hasStatus)) {
            return SipBody.EMPTY;
        }
        return SipBody.text(CONTENT_TYPE, write(document, timestamp, rpidActivities));
    }

    /** The PIDF text; every tuple is stamped with {@code timestamp}. */
    public static String write(PidfDocument document, Instant timestamp, boolean rpidActivities) {
        String stamp = PidfTimestamps.format(timestamp);
        Show activity = rpidActivities ? activityFor(document) : Show.NONE;
        XmlWriter w = new XmlWriter(256 + 256 * document.tuples().size());
        w.declaration().start("presence").attribute("xmlns", PidfParser.NS);
        if (activity != Show.NONE) {
            w.attribute("xmlns:dm", PidfParser.NS_DATA_MODEL).attribute("xmlns:rpid", PidfParser.NS_RPID);
        }
        w.attribute("entity", document.entity());
        for (PidfTuple t : document.tuples()) {
            if (hasStatus(t)) {
                tuple(w, t, stamp);
            }
        }
        for (Note n : document.notes()) {
            w.newline(1);
            note(w, n);
        }
        if (activity != Show.NONE) {
            w.newline(1).start("dm:person").attribute("id", "p1");
            w.newline(2).start("rpid:activities")
                    .start(activity == Show.DND ? "rpid:busy" : "rpid:away").end()
                    .end();
            w.newline(1).end();
        }
        w.newline(0).end();
        return w.toString();
    }

    private static void tuple(XmlWriter w, PidfTuple t, String stamp) {
        w.newline(1).start("tuple").attribute("id", t.id());
        w.newline(2).start("status");
        if (t.basic() != Basic.NONE) {
            w.newline(3).element("basic", t.basic().token());
        }
        if (t.show() != Show.NONE) {
            w.newline(3).start("show").attribute("xmlns", PidfParser.NS_CLIENT).text(t.show().token()).end();
        }
        w.newline(2).end();
        if (!t.contact().isEmpty()) {
            w.newline(2).start("contact");
            if (t.hasPriority()) {
                w.attribute("priority", PresencePriority.format(t.priority()));
            }
            w.text(t.contact()).end();
        }
        for (Note n : t.notes()) {
            w.newline(2);
            note(w, n);
        }
        w.newline(2).element("timestamp", stamp);
        w.newline(1).end();
    }

    private static void note(XmlWriter w, Note n) {
        w.start("note");
        if (!n.lang().isEmpty()) {
            w.attribute("xml:lang", n.lang());
        }
        w.text(n.text()).end();
    }

    /** The show of the most available open tuple, if it is one RPID can express. */
    private static Show activityFor(PidfDocument d) {
        Show best = null;
        for (PidfTuple t : d.tuples()) {
            if (t.basic() == Basic.OPEN && (best == null || t.show().rank() > best.rank())) {
                best = t.show();
            }
        }
        if (best == Show.AWAY || best == Show.XA || best == Show.DND) {
            return best;
        }
        return Show.NONE;
    }

    private static boolean hasStatus(PidfTuple t) {
        return t.basic() != Basic.NONE || t.show() != Show.NONE;
    }
}
