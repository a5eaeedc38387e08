package org.stoxgw.sipadapter.outbound;

import gov.nist.javax.sip.message.SIPResponse;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;

/**
 * What a dialog layer (the INVITE layer) sees of one request the {@link OutboundSender} sends for
 * it. Both methods run on the thread of the attempt (a caller, send or JAIN-SIP thread) and must
 * not block.
 */
public interface TransactionHook {
    /**
     * The client transaction of one attempt is created and about to be sent: the place to create
     * its dialog ({@code provider.getNewDialog(ct)}). Throwing fails that attempt.
     */
    void created(ClientTransaction ct, SipProvider provider, Target target) throws SipException;

    /**
     * Every response to an attempt's transaction, provisional ones included, before the outcome,
     * with the dialog JAIN-SIP matched it to (a new one for a forked response with another To tag).
     */
    void response(ClientTransaction ct, SIPResponse response, Dialog dialog);
}
