package org.stoxgw.mapping.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stoxgw.mapping.media.MediaContent;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.Senders;

/**
 * The SDP diff that says what a SIP re-offer (re-INVITE or UPDATE) is in Jingle terms (AMB-V12,
 * DECISIONS "Calls"). Media descriptions are compared by position (RFC 3264 §8).
 * <ul>
 *   <li>Same {@code o=} session id and version: nothing changed (RFC 3264 §8): a session refresh
 *       (RFC 4028) that must not reach Jingle → {@link #classify} returns an empty list.</li>
 *   <li>A new media description → content-add; one now at port 0 → content-remove; new ICE
 *       credentials → ICE restart (transport-info with the next generation, MEDIA-07, MEDIA-16); a new
 *       address without ICE → transport-replace (Raw UDP); other senders → content-modify with the
 *       SIP party's senders (MEDIA-21: not turned into {@code <hold/>}; MEDIA-22: inactive = none).</li>
 *   <li>Anything else (codec order, bandwidth) has no Jingle action: {@link Kind#LOCAL} — the gateway
 *       answers the re-offer itself with the current answer.</li>
 * </ul>
 * Pure.
 */
public final class ReInvites {
    private ReInvites() {
    }

    public enum Kind { CONTENT_ADD, CONTENT_REMOVE, ICE_RESTART, TRANSPORT_REPLACE, CONTENT_MODIFY, LOCAL }

    /** One change; {@code senders} only for {@link Kind#CONTENT_MODIFY}. */
    public record Change(Kind kind, String content, Senders senders) {
    }

    /** The changes from {@code previous} (the SIP party's last SDP) to {@code offer}. */
    public static List<Change> classify(MediaSession previous, MediaSession offer) {
        Objects.requireNonNull(previous, "previous");
        if (previous.origin().sessionId() == offer.origin().sessionId()
                && previous.origin().version() == offer.origin().version()) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < offer.contents().size(); i++) {
            MediaContent now = offer.contents().get(i);
            if (i >= previous.contents().size()) {
                out.add(new Change(Kind.CONTENT_ADD, now.name(), null));
                continue;
            }
            MediaContent before = previous.contents().get(i);
            if (now.rejected()) {
                if (!before.rejected()) {
                    out.add(new Change(Kind.CONTENT_REMOVE, before.name(), null));
                }
                continue;
            }
            if (now.transport().ice() && (!Objects.equals(now.transport().ufrag(), before.transport().ufrag())
                    || !Objects.equals(now.transport().pwd(), before.transport().pwd()))) {
                out.add(new Change(Kind.ICE_RESTART, before.name(), null));
            } else if (!now.transport().ice() && !now.connection().equals(before.connection())) {
                out.add(new Change(Kind.TRANSPORT_REPLACE, before.name(), null));
            }
            if (now.senders() != before.senders()) {
                out.add(new Change(Kind.CONTENT_MODIFY, before.name(), now.senders()));
            }
        }
        if (out.isEmpty()) {
            out.add(new Change(Kind.LOCAL, null, null));
        }
        return out;
    }
}
