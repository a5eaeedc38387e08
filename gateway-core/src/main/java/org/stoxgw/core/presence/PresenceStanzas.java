package org.stoxgw.core.presence;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * The stanzas the presence path sends that carry no availability: subscription management
 * (RFC 6121 §3), probes (§4.3) and errors. Pure helpers.
 */
final class PresenceStanzas {

    private PresenceStanzas() {
    }

    /** {@code <presence type='...'/>} from {@code from} to {@code to}. */
    static Presence of(Presence.Type type, Jid from, Jid to) {
        return StanzaBuilder.buildPresence().from(from).to(to).ofType(type).build();
    }

    /**
     * A presence error answering {@code original} (RFC 6120 §8.3: addresses swapped, same id),
     * never for an error (no error loops).
     */
    static Presence error(Presence original, StanzaError error) {
        return StanzaBuilder.buildPresence(original.getStanzaId()).from(original.getTo()).to(original.getFrom())
                .ofType(Presence.Type.error).setError(error).build();
    }
}
