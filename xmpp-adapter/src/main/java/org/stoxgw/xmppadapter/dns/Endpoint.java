package org.stoxgw.xmppadapter.dns;

import java.net.InetSocketAddress;

/**
 * An address to try for a remote domain.
 *
 * @param address   resolved IP and port
 * @param directTls TLS from the first byte (XEP-0368) instead of STARTTLS
 * @param via       how it was found, for logs (e.g. "SRV xmpp.example.org:5269", "route", "A/AAAA")
 */
public record Endpoint(InetSocketAddress address, boolean directTls, String via) {
}
