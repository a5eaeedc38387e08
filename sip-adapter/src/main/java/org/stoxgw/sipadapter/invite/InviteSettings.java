package org.stoxgw.sipadapter.invite;

import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.invite}: bounds of the INVITE dialog layer. Keys, defaults and meaning are in
 * sip-adapter's {@code reference.conf}.
 *
 * @param maxDialogs calls open at once (both directions); beyond it INVITEs get 503 and
 *                   {@link InviteDialogs#call} ends at once with {@link CallEnd.Cause#LOCAL_FAILURE}
 */
public record InviteSettings(int maxDialogs) {

    public static final InviteSettings DEFAULTS = new InviteSettings(10_000);

    /** Reads {@code invite} under the {@code gateway.sip} reader. */
    public static InviteSettings read(ConfigReader sip) {
        ConfigReader r = sip.section("invite");
        return new InviteSettings(r.integer("max-dialogs", 1, 10_000_000));
    }
}
