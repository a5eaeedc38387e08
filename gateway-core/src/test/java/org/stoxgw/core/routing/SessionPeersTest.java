package org.stoxgw.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipTransport;
import org.stoxgw.xmppadapter.InboundStanza;

class SessionPeersTest {

    private static InboundSipRequest from(String peer) {
        return new InboundSipRequest() {
            @Override
            public SipRequest request() {
                return null;
            }

            @Override
            public String peer() {
                return peer;
            }

            @Override
            public SipTransport transport() {
                return SipTransport.UDP;
            }

            @Override
            public String trustedPeer() {
                return "t";
            }

            @Override
            public String localTag() {
                return "x";
            }

            @Override
            public CompletionStage<Void> respond(SipResponse response) {
                return null;
            }
        };
    }

    @Test
    void peersAreHostsAndDomains() {
        assertEquals("sip:192.0.2.7", SessionPeers.of(from("udp 192.0.2.7:5070")));
        assertEquals("sip:[2001:db8::1]", SessionPeers.of(from("tls [2001:db8::1]:5061")));
        assertEquals("xmpp:remote.example", SessionPeers.of(new InboundStanza(null, "remote.example", "gw.example.test")));
    }
}
