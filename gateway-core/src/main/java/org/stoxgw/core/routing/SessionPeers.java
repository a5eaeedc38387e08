package org.stoxgw.core.routing;

import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * Names the peer a session is there for, for {@code gateway.core.max-sessions-per-peer}
 * ({@link org.stoxgw.core.engine.SessionTable}): on SIP the source address of the request (not the
 * port: one host, one share), on XMPP the remote domain authenticated on the stream. Pure.
 */
public final class SessionPeers {
    private SessionPeers() {
    }

    /** {@code sip:<source IP>} from the adapter's {@code transport host:port} peer text. */
    public static String of(InboundSipRequest request) {
        String peer = request.peer();
        String hostPort = peer.substring(peer.indexOf(' ') + 1);
        int colon = hostPort.lastIndexOf(':');
        int bracket = hostPort.lastIndexOf(']');
        String host = colon > bracket ? hostPort.substring(0, colon) : hostPort;
        return "sip:" + host;
    }

    /** {@code xmpp:<remote domain>}. */
    public static String of(InboundStanza stanza) {
        return "xmpp:" + stanza.remoteDomain();
    }
}
