package org.stoxgw.testfixtures.sip;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

/** The test agent sends every request to the hop the test named (no DNS, no Route logic). */
public final class FixedHopRouter implements Router {

    public FixedHopRouter(SipStack stack, String outboundProxy) {
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPRequest r && r.getApplicationData() instanceof Hop hop) {
            return hop;
        }
        throw new SipException("the test did not name a next hop");
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
