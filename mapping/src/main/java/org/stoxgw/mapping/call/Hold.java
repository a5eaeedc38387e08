package org.stoxgw.mapping.call;

import java.util.ArrayList;
import java.util.List;
import org.stoxgw.mapping.media.MediaContent;
import org.stoxgw.mapping.media.MediaSession;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.Senders;

/**
 * Who holds the call, and the SDP offer it gives (draft §7, spec §2.5). A party on hold asks the other
 * not to send: when the initiator holds, only the initiator sends ({@code a=sendonly} in its own SDP,
 * MEDIA-20); both holding is {@code inactive} = {@code senders='none'} (MEDIA-22). {@code <unhold/>} and
 * {@code <active/>} end that party's hold (back to {@code sendrecv} when nobody else holds). The holdee
 * keeps accepting media (RTP-07). Immutable.
 */
public record Hold(boolean initiatorHolds, boolean responderHolds) {
    public static final Hold NONE = new Hold(false, false);

    /** The state after {@code party} holds ({@code true}) or resumes ({@code false}). */
    public Hold set(Role party, boolean hold) {
        return party == Role.INITIATOR ? new Hold(hold, responderHolds) : new Hold(initiatorHolds, hold);
    }

    /** The senders of every stream in this state. */
    public Senders senders() {
        return Senders.of(!responderHolds, !initiatorHolds);
    }

    /** The re-offer for {@code current}: every stream with {@link #senders()}, the {@code o=} version incremented (RFC 3264 §8). */
    public MediaSession offer(MediaSession current) {
        List<MediaContent> cs = new ArrayList<>(current.contents().size());
        for (MediaContent c : current.contents()) {
            cs.add(c.rejected() ? c : c.withSenders(senders()));
        }
        return current.withContents(cs).withOrigin(current.origin().next());
    }
}
