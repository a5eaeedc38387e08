package org.stoxgw.xmppadapter;

import java.util.List;
import java.util.Objects;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.HostPort;

/**
 * {@code gateway.xmpp}: the XMPP adapter's settings, read once at start-up.
 *
 * @param listen server-to-server listening points
 */
public record XmppSettings(List<HostPort> listen) {

    public XmppSettings {
        listen = List.copyOf(listen);
    }

    /** Reads {@code xmpp} under the {@code gateway} reader. */
    public static XmppSettings read(ConfigReader gateway) {
        ConfigReader x = gateway.section("xmpp");
        List<HostPort> listen = x.strings("listen").stream().map(s -> {
            try {
                return HostPort.parse(s, 5269);
            } catch (IllegalArgumentException e) {
                x.problem("listen", e.getMessage());
                return null;
            }
        }).filter(Objects::nonNull).toList();
        return new XmppSettings(listen);
    }
}
