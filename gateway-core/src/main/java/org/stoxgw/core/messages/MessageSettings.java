package org.stoxgw.core.messages;

import org.stoxgw.config.ConfigReader;

/** {@code gateway.messages}: single messages (RFC 7572). */
public record MessageSettings() {

    public static MessageSettings read(ConfigReader gateway) {
        gateway.section("messages");
        return new MessageSettings();
    }
}
