package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

/**
 * JAIN-SIP's router, reduced to one rule: the next hop is the one the adapter resolved before
 * creating the client transaction and attached to the request as its application data. JAIN-SIP
 * therefore never resolves names itself (RFC 3263 is the adapter's resolver, off the hot path of
 * the stack), and a request without a chosen hop cannot be sent.
 *
 * <p>Created by JAIN-SIP by name ({@code javax.sip.ROUTER_PATH}); stateless.
 */
public final class PresetHopRouter implements Router {

    /** The constructor JAIN-SIP calls. */
    public PresetHopRouter(SipStack stack, String outboundProxy) {
        // outbound proxies are the adapter's routing business, not JAIN-SIP's
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPRequest r && r.getApplicationData() instanceof Hop hop) {
            return hop;
        }
        throw new SipException("no next hop was chosen for this request");
    }

    @Override
    @Deprecated
    @SuppressWarnings("rawtypes")
    public ListIterator getNextHops(Request request) {
        return null;
    }

    @Override
    public Hop getOutboundProxy() {
        return null;
    }
}
