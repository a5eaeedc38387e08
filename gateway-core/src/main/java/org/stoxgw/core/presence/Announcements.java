package org.stoxgw.core.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stoxgw.mapping.presence.PhonePresence;
import org.stoxgw.mapping.presence.Show;

/**
 * What the XMPP user has been told about the SIP contact's availability, per resource, in compact
 * form (AMB-P03: "keep a per-contact map so unavailable targets the same full JID that was
 * announced available"). Only changes are sent: a NOTIFY that repeats known state sends nothing,
 * a full PIDF document that no longer lists a resource takes it away (RFC 3856 full state), and
 * phone presence (RFC 4235) is laid over every announced resource. Confined to the pair's loop.
 */
final class Announcements {

    /** One available resource as announced (before the phone overlay). */
    record Announced(String resource, Show show, String status, String lang, int priority) {
        static Announced of(Presence p) {
            return new Announced(p.getFrom().getResourceOrEmpty().toString(), Show.of(p.getMode()), p.getStatus(),
                    p.getLanguage(), p.getPriority());
        }
    }

    private List<Announced> list;
    /** Whether "on the phone" was announced from the bare JID because nothing else was (PhonePresence). */
    private boolean phoneOnBare;
    private final int max;

    Announcements(int maxResources) {
        this.max = maxResources;
    }

    boolean isEmpty() {
        return list == null || list.isEmpty();
    }

    /** Whether any resource is announced available. */
    boolean anyAvailable() {
        return !isEmpty() || phoneOnBare;
    }

    /**
     * Applies the presences of one full-state NOTIFY: sends what changed, takes away resources the
     * document no longer has.
     */
    void apply(List<Presence> presences, EntityBareJid contact, Jid to, PhoneView phone, Consumer<Presence> sink) {
        List<Announced> next = new ArrayList<>(presences.size());
        for (Presence p : presences) {
            if (p.getType() == Presence.Type.available && next.size() < max) {
                next.add(Announced.of(p));
            }
        }
        List<Announced> before = list == null ? List.of() : list;
        for (Announced old : before) {
            if (next.stream().noneMatch(a -> a.resource().equals(old.resource()))) {
                sink.accept(unavailable(contact, old.resource(), to));
            }
        }
        // unavailable tuples of resources never announced say nothing new, except the very first
        // time (the user learns the contact is offline, PRES-41)
        if (next.isEmpty() && before.isEmpty() && list == null) {
            for (Presence p : presences) {
                if (p.getType() == Presence.Type.unavailable) {
                    sink.accept(p);
                }
            }
        }
        list = List.copyOf(next);
        if (phoneOnBare && !next.isEmpty()) {
            phoneOnBare = false; // a real resource now carries the overlay
        }
        for (Announced a : next) {
            if (!before.contains(a)) {
                sink.accept(phone.overlay(build(contact, a, to)));
            }
        }
        phoneBare(contact, to, phone, sink);
    }

    /**
     * Presence is unknown (PRES-08: a NOTIFY without body; a lapsed or ended subscription):
     * every announced resource becomes unavailable; the first time, the bare JID does.
     */
    void unknown(EntityBareJid contact, Jid to, Consumer<Presence> sink) {
        if (list == null && !phoneOnBare) {
            sink.accept(unavailable(contact, "", to));
        }
        takeAll(contact, to, sink);
        list = List.of();
    }

    /** Every announced resource becomes unavailable (RFC 6121 §3.2.2 before unsubscribed). */
    void takeAll(EntityBareJid contact, Jid to, Consumer<Presence> sink) {
        if (list != null) {
            for (Announced a : list) {
                sink.accept(unavailable(contact, a.resource(), to));
            }
            list = null;
        }
        if (phoneOnBare) {
            sink.accept(unavailable(contact, "", to));
            phoneOnBare = false;
        }
    }

    /** Announces everything again with the current phone state (the call started or ended). */
    void reannounce(EntityBareJid contact, Jid to, PhoneView phone, Consumer<Presence> sink) {
        if (list != null) {
            for (Announced a : list) {
                sink.accept(phone.overlay(build(contact, a, to)));
            }
        }
        phoneBare(contact, to, phone, sink);
    }

    /** The announced presences (with the phone overlay), e.g. to answer a probe from a new resource. */
    List<Presence> current(EntityBareJid contact, Jid to, PhoneView phone) {
        List<Presence> out = new ArrayList<>();
        if (list != null) {
            for (Announced a : list) {
                out.add(phone.overlay(build(contact, a, to)));
            }
        }
        if (phoneOnBare) {
            out.add(phone.overlay(unavailable(contact, "", to)));
        }
        return out;
    }

    /** A user on the phone with no announced resource is shown available on the bare JID. */
    private void phoneBare(EntityBareJid contact, Jid to, PhoneView phone, Consumer<Presence> sink) {
        boolean want = phone.onThePhone() && isEmpty();
        if (want && !phoneOnBare) {
            sink.accept(phone.overlay(unavailable(contact, "", to)));
        } else if (!want && phoneOnBare) {
            sink.accept(unavailable(contact, "", to));
        }
        phoneOnBare = want;
    }

    private static Presence build(EntityBareJid contact, Announced a, Jid to) {
        PresenceBuilder b = StanzaBuilder.buildPresence().from(full(contact, a.resource())).to(to)
                .ofType(Presence.Type.available);
        if (a.show() != Show.NONE) {
            b.setMode(a.show().mode());
        }
        if (a.status() != null && !a.status().isEmpty()) {
            b.setStatus(a.status());
        }
        if (a.lang() != null && !a.lang().isEmpty()) {
            b.setLanguage(a.lang());
        }
        if (a.priority() != 0) {
            b.setPriority(a.priority());
        }
        return b.build();
    }

    static Presence unavailable(EntityBareJid contact, String resource, Jid to) {
        return StanzaBuilder.buildPresence().from(full(contact, resource)).to(to).ofType(Presence.Type.unavailable).build();
    }

    static Jid full(EntityBareJid contact, String resource) {
        if (resource == null || resource.isEmpty()) {
            return contact;
        }
        try {
            return JidCreate.entityFullFrom(contact, Resourcepart.from(resource));
        } catch (XmppStringprepException e) {
            return contact;
        }
    }

    /** The phone state as the announcements need it. */
    interface PhoneView {
        boolean onThePhone();

        PhonePresence.Style style();

        default Presence overlay(Presence base) {
            return PhonePresence.overlay(base, onThePhone(), style());
        }

        PhoneView NONE = new PhoneView() {
            @Override
            public boolean onThePhone() {
                return false;
            }

            @Override
            public PhonePresence.Style style() {
                return new PhonePresence.Style(Show.NONE, "", "");
            }
        };
    }

    @Override
    public String toString() {
        return Objects.toString(list);
    }
}
