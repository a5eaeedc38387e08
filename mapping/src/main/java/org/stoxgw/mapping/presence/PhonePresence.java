package org.stoxgw.mapping.presence;

import java.util.Objects;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;

/**
 * Phone presence (issue 7, "beyond the RFC"): while a SIP user is on the phone, XMPP watchers see
 * the configured show and status on top of whatever presence the user otherwise has; when the
 * call ends, the underlying presence is shown again.
 */
public final class PhonePresence {

    /**
     * How "on the phone" looks (values from configuration).
     *
     * @param show       the show to announce, e.g. {@link Show#DND}
     * @param status     the status text, e.g. "On the phone"; "" for none
     * @param statusLang its language, "" to leave the stanza's language as it is
     */
    public record Style(Show show, String status, String statusLang) {
        public Style {
            Objects.requireNonNull(show, "show");
            status = status == null ? "" : status;
            statusLang = statusLang == null ? "" : statusLang;
        }
    }

    private PhonePresence() {
    }

    /**
     * {@code base} as watchers should see it given the call state. On the phone: available (a
     * user in a call is reachable even if no presence was published) with the style's show and
     * status; otherwise {@code base} unchanged. Addresses and extensions of {@code base} are kept.
     */
    public static Presence overlay(Presence base, boolean onThePhone, Style style) {
        if (!onThePhone) {
            return base;
        }
        PresenceBuilder b = base.asBuilder().ofType(Presence.Type.available).setMode(style.show().mode());
        if (!style.status().isEmpty()) {
            b.setStatus(style.status());
            if (!style.statusLang().isEmpty()) {
                b.setLanguage(style.statusLang());
            }
        }
        return b.build();
    }
}
