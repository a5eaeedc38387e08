package org.stoxgw.sipadapter.invite;

import java.time.Duration;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.invite}: bounds and timers of the INVITE dialog layer. Keys, defaults and
 * meaning are in sip-adapter's {@code reference.conf}.
 *
 * @param maxDialogs           calls open at once (both directions); beyond it INVITEs get 503 and
 *                             {@link InviteDialogs#call} ends at once with {@link CallEnd.Cause#LOCAL_FAILURE}
 * @param sessionExpires       the session interval asked for and offered (RFC 4028); zero: no session timer
 *                             unless the peer asks for one
 * @param minSe                the smallest session interval accepted (a smaller one gets 422)
 * @param reliableProvisionals send 18x reliably (RFC 3262) when the caller supports it and the response
 *                             carries SDP (always when the caller requires it)
 */
public record InviteSettings(int maxDialogs, Duration sessionExpires, Duration minSe, boolean reliableProvisionals) {

    public static final InviteSettings DEFAULTS = new InviteSettings(10_000, Duration.ofMinutes(30), Duration.ofSeconds(90), true);

    /** Reads {@code invite} under the {@code gateway.sip} reader. */
    public static InviteSettings read(ConfigReader sip) {
        ConfigReader r = sip.section("invite");
        Duration se = r.duration("session-expires", Duration.ZERO, Duration.ofDays(1));
        Duration min = r.duration("min-se", Duration.ofSeconds(1), Duration.ofDays(1));
        if (!se.isZero() && se.compareTo(min) < 0) {
            r.problem("session-expires", "must be 0 or at least min-se (" + min.toSeconds() + " s)");
        }
        return new InviteSettings(r.integer("max-dialogs", 1, 10_000_000), se, min, r.bool("reliable-provisionals"));
    }
}
