package org.stoxgw.xmppadapter.dns;

/**
 * One SRV answer (RFC 2782) for {@code _xmpp-server._tcp} or, with {@code directTls},
 * {@code _xmpps-server._tcp} (XEP-0368).
 */
public record SrvRecord(int priority, int weight, int port, String target, boolean directTls) {
}
