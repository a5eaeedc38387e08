package org.stoxgw.sipadapter;

import gov.nist.javax.sip.message.SIPResponse;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.sipadapter.inbound.InboundRequests;
import org.stoxgw.sipadapter.invite.InviteLayer;
import org.stoxgw.sipadapter.jmx.SipStats;
import org.stoxgw.sipadapter.outbound.OutboundSender;

/**
 * The one JAIN-SIP listener of an adapter. With the reentrant listener it runs on the thread that
 * read the message (a UDP reader or the TCP/TLS connection's thread); each event is handed on at
 * once: requests to {@link InboundRequests}, responses and timeouts of our client transactions to
 * the {@link OutboundSender}; INVITE dialogs (their requests, in-dialog transactions, timeouts and
 * dialog ends) to the {@link InviteLayer} when the adapter has one.
 */
final class SipEvents implements SipListener {
    private static final Logger log = LoggerFactory.getLogger(SipEvents.class);
    private final InboundRequests inbound;
    private final SipStats stats;
    private volatile OutboundSender outbound;
    private volatile InviteLayer invites;

    SipEvents(InboundRequests inbound, SipStats stats) {
        this.inbound = inbound;
        this.stats = stats;
    }

    /** Set once the stack is up (no response can arrive before the first send). */
    void outbound(OutboundSender sender) {
        this.outbound = sender;
    }

    /** Set once the stack is up, before the valve lets any INVITE through. */
    void invites(InviteLayer layer) {
        this.invites = layer;
    }

    @Override
    public void processRequest(RequestEvent event) {
        InviteLayer inv = invites;
        if (inv != null && InviteLayer.handles(event.getRequest().getMethod())) {
            inv.onRequest(event);
        } else {
            inbound.accept(event);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        OutboundSender out = outbound;
        InviteLayer inv = invites;
        if (inv != null && event.getClientTransaction() != null
                && inv.onResponse(event.getClientTransaction(), (SIPResponse) event.getResponse())) {
            return;
        }
        if (event.getClientTransaction() != null && out != null) {
            out.onResponse(event.getClientTransaction(), (SIPResponse) event.getResponse(), event.getDialog());
        } else if (inv != null && inv.onStrayResponse(event)) {
            return;
        } else {
            log.debug("stray response ignored: {}", ((SIPResponse) event.getResponse()).getFirstLine().trim());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        OutboundSender out = outbound;
        InviteLayer inv = invites;
        if (inv != null && inv.onTimeout(event)) {
            return;
        }
        if (!event.isServerTransaction() && event.getClientTransaction() != null && out != null) {
            out.onTimeout(event.getClientTransaction());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        stats.transportError();
        log.debug("SIP transport error with {} {}:{}", event.getTransport(), event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions end on their own; outcomes were delivered before
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // only INVITE dialogs are JAIN-SIP's; the core owns the others' state
        InviteLayer inv = invites;
        if (inv != null) {
            inv.onDialogTerminated(event);
        }
    }
}
