package org.stoxgw.mapping.presence;

import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.Jid;

/**
 * XMPP presence → PIDF tuple (X2S, RFC 8048 §6.2, table 2.3/2.5 of the spec digest).
 * <ul>
 *   <li>only presence without type ({@code available}) or {@code unavailable} maps (PRES-29);</li>
 *   <li>tuple id {@code "ID-"} + resourcepart (PRES-31, {@link TupleIds});</li>
 *   <li>available → {@code open}, unavailable → {@code closed} (PRES-32/33);</li>
 *   <li>{@code <show/>} embedded as {@code <show xmlns='jabber:client'>} (PRES-36); none for
 *       unavailable;</li>
 *   <li>{@code <status/>} → {@code <note>} with the stanza's {@code xml:lang} (or the given default);</li>
 *   <li>priority n ≥ 0 → contact priority p(n), negative → none (PRES-34/35). An absent
 *       {@code <priority/>} is 0 (RFC 6121 §4.7.2.3) and maps to 0, PIDF's "lowest" anyway;</li>
 *   <li>the contact URI is the caller's choice (AMB-P04; the gateway passes the user's mapped SIP
 *       URI with {@code ;gr=} resource); without one no {@code <contact>} (and so no priority) is
 *       written.</li>
 * </ul>
 */
public final class PresenceToPidf {

    private PresenceToPidf() {
    }

    /**
     * The tuple for {@code presence}, or empty if its type is not one a NOTIFY carries (PRES-29:
     * subscribe, subscribed, unsubscribe, unsubscribed, probe and error are handled elsewhere).
     *
     * @param contactUri      the tuple's {@code <contact>} URI, or null/"" for none
     * @param defaultLanguage language for the note when the stanza has no {@code xml:lang}, or null
     */
    public static Optional<PidfTuple> tuple(Presence presence, String contactUri, String defaultLanguage) {
        Presence.Type type = presence.getType();
        if (type != Presence.Type.available && type != Presence.Type.unavailable) {
            return Optional.empty();
        }
        boolean available = type == Presence.Type.available;
        Jid from = presence.getFrom();
        String resource = from == null ? "" : from.getResourceOrEmpty().toString();
        String status = presence.getStatus();
        List<Note> notes = List.of();
        if (status != null && !status.isEmpty()) {
            String lang = presence.getLanguage();
            notes = List.of(new Note(status, lang != null ? lang : defaultLanguage));
        }
        String contact = contactUri == null ? "" : contactUri;
        int priority = available && !contact.isEmpty()
                ? PresencePriority.toPidf(presence.getPriority()) : PidfTuple.NO_PRIORITY;
        return Optional.of(new PidfTuple(TupleIds.forResource(resource), available ? Basic.OPEN : Basic.CLOSED,
                available ? Show.of(presence.getMode()) : Show.NONE, contact, priority, notes, ""));
    }

    /** A closed tuple for a resource, e.g. for the final NOTIFY of a cancelled subscription (PRES-27). */
    public static PidfTuple closed(String resource) {
        return PidfTuple.of(TupleIds.forResource(resource), Basic.CLOSED, Show.NONE);
    }

    /** A document for one presentity. */
    public static PidfDocument document(String presUri, List<PidfTuple> tuples) {
        return PidfDocument.of(presUri, tuples);
    }

    /**
     * The PIDF entity for a user's SIP address (PIDF-02): {@code sip:juliet@example.com;gr=x} gives
     * {@code pres:juliet@example.com} (scheme replaced, URI parameters and headers dropped).
     */
    public static String presUri(String sipUri) {
        String s = sipUri.trim();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("pres:")) {
            s = s.substring(lower.indexOf(':') + 1);
        } else if (lower.startsWith("sips:")) {
            s = s.substring(5);
        }
        int end = s.length();
        int semi = s.indexOf(';');
        if (semi >= 0) {
            end = semi;
        }
        int q = s.indexOf('?');
        if (q >= 0 && q < end) {
            end = q;
        }
        return "pres:" + s.substring(0, end);
    }
}
