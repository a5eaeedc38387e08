package org.stoxgw.core.presence;

import java.util.List;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.presence.PidfDocument;
import org.stoxgw.mapping.presence.PidfToPresence;

/**
 * The parsed PIDF of one NOTIFY (null document: no body, PRES-08) and the GRUU of its Contact,
 * which names the resource of tuples that carry none (AMB-P03).
 */
record PresenceBody(PidfDocument document, String contactGruu) {

    /** One presence per resource (AMB-P08), from the contact to {@code to} (PRES-49: the addressee only). */
    List<Presence> presences(EntityBareJid contact, Jid to) {
        return PidfToPresence.presences(document, contact, to, contactGruu);
    }
}
