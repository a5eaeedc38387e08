package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.PeerUnavailableException;

/**
 * JAIN-SIP's stack with server transactions that can still be matched after the aggressive release
 * strategy (P-04) let go of their request. JAIN-SIP matches a request without an RFC 3261 branch
 * (RFC 2543 style, RFC 3261 section 17.2.3) against every server transaction in its table by the
 * fields of that transaction's original request; a released one has none, so every such request threw
 * a NullPointerException and was dropped whenever any transaction had completed in the last 32 s.
 * A released transaction is matched here by what it keeps: its transaction id (JAIN-SIP's key for an
 * RFC 2543 request: From tag, Call-ID, CSeq, sent-by), which is the same comparison JAIN-SIP's table
 * lookup makes. Everything else is JAIN-SIP's. Thread-safe as JAIN-SIP is.
 */
public final class GatewaySipStack extends SipStackImpl {

    public GatewaySipStack(Properties p) throws PeerUnavailableException {
        super(p);
    }

    /** As JAIN-SIP's (which refuses at random between the table's low and high water marks), with the transaction below. */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize) {
            float threshold = (float) (serverTransactionTable.size() - serverTransactionTableLowaterMark)
                    / (float) (serverTransactionTableHighwaterMark - serverTransactionTableLowaterMark);
            if (ThreadLocalRandom.current().nextFloat() > 1.0f - threshold) {
                return null;
            }
        }
        return new ReleasableServerTransaction(this, channel);
    }

    /** A server transaction matchable without its released request. */
    static final class ReleasableServerTransaction extends SIPServerTransactionImpl {
        ReleasableServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
            super(stack, channel);
        }

        @Override
        public boolean isMessagePartOfTransaction(SIPMessage m) {
            if (getOriginalRequest() != null) {
                return super.isMessagePartOfTransaction(m);
            }
            var top = m.getTopmostVia();
            String branch = top == null ? null : top.getBranch();
            boolean rfc3261 = branch != null && branch.regionMatches(true, 0, "z9hG4bK", 0, 7);
            if (rfc3261 && getBranch() != null && !"CANCEL".equals(m.getCSeq().getMethod())) {
                return super.isMessagePartOfTransaction(m); // matched by branch and the sent-by JAIN-SIP keeps
            }
            return (isInviteTransaction() || !isTerminated()) && getTransactionId() != null
                    && getTransactionId().equalsIgnoreCase(m.getTransactionId());
        }
    }
}
