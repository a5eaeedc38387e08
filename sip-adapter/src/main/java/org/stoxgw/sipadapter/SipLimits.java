package org.stoxgw.sipadapter;

import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.limits}: every bound of the SIP adapter.
 *
 * @param maxMessageSize  largest message accepted, bytes
 * @param maxTransactions transactions in flight, received and sent
 * @param maxConnections  open TCP/TLS connections
 * @param peerRequestRate requests per second per source address
 * @param peerRequestBurst burst above the rate
 * @param trackedPeers    source addresses tracked by the rate limiter
 * @param sendThreads     sender threads
 * @param sendQueue       queued sends
 * @param udpMaxRequestSize largest request sent over UDP; larger ones go over TCP (RFC 3261 section 18.1.1)
 * @param udpSocketBuffer receive and send buffer asked of the kernel for each UDP socket, bytes
 */
public record SipLimits(int maxMessageSize, int maxTransactions, int maxConnections, int peerRequestRate,
                        int peerRequestBurst, int trackedPeers, int sendThreads, int sendQueue,
                        int udpMaxRequestSize, int udpSocketBuffer) {

    static SipLimits read(ConfigReader sip) {
        ConfigReader r = sip.section("limits");
        return new SipLimits((int) r.bytes("max-message-size", 1024, 16 * 1024 * 1024),
                r.integer("max-transactions", 1, 10_000_000), r.integer("max-connections", 1, 1_000_000),
                r.integer("peer-request-rate", 1, 10_000_000), r.integer("peer-request-burst", 1, 10_000_000),
                r.integer("tracked-peers", 1, 10_000_000),
                r.integer("send-threads", 1, 256), r.integer("send-queue", 1, 10_000_000),
                (int) r.bytes("udp-max-request-size", 576, 65_507),
                (int) r.bytes("udp-socket-buffer", 64 * 1024, 256L * 1024 * 1024));
    }
}
