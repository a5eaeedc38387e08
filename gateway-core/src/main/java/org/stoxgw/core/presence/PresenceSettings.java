package org.stoxgw.core.presence;

import org.stoxgw.config.ConfigReader;

/** {@code gateway.presence}: single presence (RFC 7572). */
public record PresenceSettings() {

    public static PresenceSettings read(ConfigReader gateway) {
        gateway.section("presence");
        return new PresenceSettings();
    }
}
