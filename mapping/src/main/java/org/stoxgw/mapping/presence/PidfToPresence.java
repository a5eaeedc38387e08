package org.stoxgw.mapping.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * PIDF → XMPP presence (S2X, RFC 8048 §6.3, table 2.4 of the spec digest), one stanza per tuple
 * (AMB-P08), from the contact's JID with a resource per tuple (AMB-P03):
 * <ol>
 *   <li>the tuple id minus {@link TupleIds#PREFIX} when it has that prefix;</li>
 *   <li>else the {@code gr} parameter of the tuple's {@code <contact>} URI;</li>
 *   <li>else the GRUU the caller knows from the NOTIFY's Contact header;</li>
 *   <li>else none: the bare JID.</li>
 * </ol>
 * Tuples that end up on the same JID are merged: the most available one is announced (open
 * before closed, then chat, none, away, xa, dnd, then higher priority). Mapping per tuple:
 * {@code open} → no type, {@code closed} → unavailable (PRES-41); embedded {@code <show>} copied
 * (PRES-43), else the RPID person activity (PRES-37); contact priority → {@code <priority/>} by the
 * inverse scaling (PRES-42); the first tuple note, else the first presence note → {@code <status/>}
 * with its {@code xml:lang}. A tuple with no {@code <basic>} and no show says nothing about
 * availability and is skipped. Stanzas carry no id (PRES-39: nothing maps to it).
 */
public final class PidfToPresence {

    private PidfToPresence() {
    }

    /**
     * Presence stanzas for {@code document}.
     *
     * @param contact     the SIP contact's mapped bare JID (stanza {@code from})
     * @param to          the XMPP watcher (stanza {@code to})
     * @param contactGruu the GRUU from the NOTIFY's Contact header, or null
     */
    public static List<Presence> presences(PidfDocument document, EntityBareJid contact, Jid to, String contactGruu) {
        Map<String, PidfTuple> byResource = new LinkedHashMap<>();
        for (PidfTuple t : document.tuples()) {
            if (t.basic() == Basic.NONE && t.show() == Show.NONE) {
                continue;
            }
            String resource = resourceFor(t, contactGruu);
            PidfTuple known = byResource.get(resource);
            if (known == null || score(t) > score(known)) {
                byResource.put(resource, t);
            }
        }
        List<Presence> out = new ArrayList<>(byResource.size());
        for (Map.Entry<String, PidfTuple> e : byResource.entrySet()) {
            out.add(presence(e.getValue(), document, from(contact, e.getKey()), to));
        }
        return out;
    }

    /**
     * What a NOTIFY without body means (PRES-08): the contact's availability is unknown, which is
     * announced as unavailable from the bare JID. (The wiring, which remembers the full JIDs it
     * announced, sends the same to each of them.)
     */
    public static Presence unknown(EntityBareJid contact, Jid to) {
        return StanzaBuilder.buildPresence().from(contact).to(to).ofType(Presence.Type.unavailable).build();
    }

    /** The resourcepart this tuple maps to, "" for the bare JID (AMB-P03). */
    public static String resourceFor(PidfTuple tuple, String contactGruu) {
        var fromId = TupleIds.resourceOf(tuple.id());
        if (fromId.isPresent()) {
            return fromId.get();
        }
        String gr = uriParameter(tuple.contact(), "gr");
        if (gr != null && !gr.isEmpty()) {
            return gr;
        }
        return contactGruu == null ? "" : contactGruu;
    }

    private static Presence presence(PidfTuple t, PidfDocument d, Jid from, Jid to) {
        boolean open = t.basic() == Basic.OPEN || t.basic() == Basic.NONE;
        PresenceBuilder b = StanzaBuilder.buildPresence().from(from).to(to)
                .ofType(open ? Presence.Type.available : Presence.Type.unavailable);
        if (open) {
            Show show = t.show() != Show.NONE ? t.show() : d.activityShow();
            if (show != Show.NONE) {
                b.setMode(show.mode());
            }
            if (t.hasPriority()) {
                b.setPriority(PresencePriority.toXmpp(t.priority()));
            }
        }
        Note note = !t.notes().isEmpty() ? t.notes().get(0) : !d.notes().isEmpty() ? d.notes().get(0) : null;
        if (note != null && !note.text().isEmpty()) {
            b.setStatus(note.text());
            if (!note.lang().isEmpty()) {
                b.setLanguage(note.lang());
            }
        }
        return b.build();
    }

    private static int score(PidfTuple t) {
        if (t.basic() == Basic.CLOSED) {
            return 0;
        }
        return t.show().rank() * 2000 + 1000 + Math.max(0, t.priority());
    }

    private static Jid from(EntityBareJid contact, String resource) {
        if (resource.isEmpty()) {
            return contact;
        }
        try {
            return org.jxmpp.jid.impl.JidCreate.entityFullFrom(contact, Resourcepart.from(resource));
        } catch (XmppStringprepException e) {
            // A resource jxmpp cannot accept (e.g. over 1023 bytes): announce on the bare JID rather
            // than lose the notification.
            return contact;
        }
    }

    /** A URI parameter ({@code ;name=value}) of a SIP URI, or null. */
    static String uriParameter(String uri, String name) {
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        int end = uri.indexOf('?');
        String u = end < 0 ? uri : uri.substring(0, end);
        int i = u.indexOf(';');
        while (i >= 0) {
            int next = u.indexOf(';', i + 1);
            String p = next < 0 ? u.substring(i + 1) : u.substring(i + 1, next);
            int eq = p.indexOf('=');
            String n = eq < 0 ? p : p.substring(0, eq);
            if (n.trim().toLowerCase(Locale.ROOT).equals(name)) {
                return eq < 0 ? "" : p.substring(eq + 1).trim();
            }
            i = next;
        }
        return null;
    }
}
