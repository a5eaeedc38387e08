package org.stoxgw.config;

import java.util.List;
import java.util.Locale;

/**
 * {@code gateway.logging.wire}: whether complete SIP messages and XMPP stanzas are logged (loggers
 * {@code stoxgw.wire.sip} and {@code stoxgw.wire.xmpp} at INFO), optionally only for some peers.
 * Wire logs contain message content; they are off by default.
 *
 * @param peers remote domains or IP addresses to log; empty means every peer
 */
public record WireLogSettings(boolean sip, boolean xmpp, List<String> peers) {

    public WireLogSettings {
        peers = peers.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    }

    public static WireLogSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("logging").section("wire");
        return new WireLogSettings(r.bool("sip"), r.bool("xmpp"), r.strings("peers"));
    }

    /** Wire logging switched off everywhere. */
    public static WireLogSettings off() {
        return new WireLogSettings(false, false, List.of());
    }

    /** Whether SIP traffic with {@code peer} (a host, domain or IP) is logged. */
    public boolean sipFor(String peer) {
        return sip && matches(peer);
    }

    /** Whether XMPP traffic with {@code peer} (a domain) is logged. */
    public boolean xmppFor(String peer) {
        return xmpp && matches(peer);
    }

    private boolean matches(String peer) {
        return peers.isEmpty() || (peer != null && peers.contains(peer.toLowerCase(Locale.ROOT)));
    }
}
