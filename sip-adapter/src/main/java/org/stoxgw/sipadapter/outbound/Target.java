package org.stoxgw.sipadapter.outbound;

import java.net.InetSocketAddress;
import org.stoxgw.sipadapter.SipTransport;

/**
 * One resolved place to send a request: address, port and transport (RFC 3263 section 4).
 *
 * @param address resolved IP address and port
 * @param transport the transport to use
 */
public record Target(InetSocketAddress address, SipTransport transport) {

    @Override
    public String toString() {
        return transport.wireName() + " " + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
