package org.stoxgw.mapping.call;

import org.stoxgw.mapping.media.Codec;
import org.stoxgw.mapping.media.MediaContent;

/**
 * DTMF across the gateway (AMB-V13). RFC 4733 telephone-events ride in RTP end to end: the gateway
 * only keeps {@code telephone-event} in both directions' codec lists (the translators never drop it)
 * and, toward Jingle, writes its implied {@code events='0-15'} (MEDIA-29). SIP INFO DTMF
 * ({@code application/dtmf-relay}, {@code application/dtmf}) has no Jingle form: it is answered
 * {@code 469 Bad Info Package} (RFC 6086 §4.2.2) and counted, so a phone falls back to RFC 4733
 * where it can. Pure.
 */
public final class Dtmf {
    /** The status for a SIP INFO that is not trickle ICE. */
    public static final int INFO_STATUS = 469;

    private Dtmf() {
    }

    /** The telephone-event codec of {@code c} at {@code clockrate} (RFC 4733 §7.1.1: one per clock rate), or null. */
    public static Codec telephoneEvent(MediaContent c, int clockrate) {
        for (Codec k : c.codecs()) {
            if (k.telephoneEvent() && k.clockrate() == clockrate) {
                return k;
            }
        }
        return null;
    }

    /** Whether DTMF can pass end to end: offer and answer both carry telephone-event at the answer's audio clock rate. */
    public static boolean passes(MediaContent offer, MediaContent answer) {
        Codec a = answer.codecs().stream().filter(k -> k.telephoneEvent()).findFirst().orElse(null);
        return a != null && telephoneEvent(offer, a.clockrate()) != null;
    }
}
