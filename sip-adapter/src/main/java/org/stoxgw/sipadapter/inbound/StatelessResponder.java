package org.stoxgw.sipadapter.inbound;

import org.stoxgw.sipadapter.convert.RawHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.text.ParseException;
import java.util.List;
import javax.sip.SipException;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.sipadapter.jmx.SipStats;

/**
 * Answers a request without a server transaction (RFC 3261 section 8.2.7, stateless UAS): the To
 * tag is derived from the request, so a retransmission gets the identical answer; the response
 * travels by the Via (received/rport), on the connection the request came on for TCP and TLS.
 * Used for every answer the adapter gives on its own before a transaction exists. Thread-safe.
 */
final class StatelessResponder {
    private static final Logger log = LoggerFactory.getLogger(StatelessResponder.class);
    private final SipStats stats;

    StatelessResponder(SipStats stats) {
        this.stats = stats;
    }

    /** Sends {@code status}/{@code reason} with extra header fields (name, value, name, value...). */
    void respond(SIPRequest request, MessageChannel channel, int status, String reason, List<String> headers) {
        try {
            SipProvider provider = channel.getMessageProcessor().getListeningPoint().getProvider();
            // inside the try: JAIN-SIP can fail copying a header it parsed (an rport that is no number)
            SIPResponse response = request.createResponse(status, reason);
            To to = (To) response.getTo();
            if (status > 100 && to.getTag() == null) {
                to.setTag(statelessTag(request));
            }
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                response.addHeader(RawHeader.of(headers.get(i), headers.get(i + 1)));
            }
            response.addHeader(RawHeader.of("Server", "stoxgw"));
            provider.sendResponse(response);
            stats.responseSent(status);
        } catch (ParseException | SipException | RuntimeException e) {
            log.debug("could not answer {} {} to {}: {}", status, reason, channel.getPeerAddress(), e.toString());
        }
    }

    /** A To tag that is the same for every retransmission of {@code r} (RFC 3261 section 8.2.7). */
    static String statelessTag(SIPRequest r) {
        String branch = r.getTopmostVia() == null ? "" : String.valueOf(r.getTopmostVia().getBranch());
        String fromTag = r.getFrom() == null ? "" : String.valueOf(r.getFrom().getTag());
        String callId = r.getCallId() == null ? "" : r.getCallId().getCallId();
        long cseq = r.getCSeq() == null ? 0 : r.getCSeq().getSeqNumber();
        int h = 31 * (31 * (31 * branch.hashCode() + fromTag.hashCode()) + callId.hashCode()) + Long.hashCode(cseq);
        return "sl" + Integer.toHexString(h);
    }
}
