package org.stoxgw.sipadapter.invite;

import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import org.stoxgw.sipadapter.convert.WireMessages;

/**
 * The ACK and BYE that end a forked branch whose 2xx arrived when JAIN-SIP kept no dialog for it
 * (its INVITE transaction was already gone): built from the 2xx as RFC 3261 section 12.1.2 would
 * build the dialog (Contact as remote target, Record-Route reversed as route set). Pure.
 */
final class ForkRequests {
    private ForkRequests() {
    }

    /** {@code method} (ACK or BYE, without Via) inside the branch {@code ok} opened. */
    static SIPRequest of(SIPResponse ok, String method, WireMessages wire) throws ParseException {
        ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        if (contact == null) {
            throw new ParseException("the 2xx has no Contact", 0);
        }
        SIPRequest r = new SIPRequest();
        r.setMethod(method);
        r.setRequestURI(contact.getAddress().getURI());
        r.setFrom((javax.sip.header.FromHeader) ok.getFrom().clone());
        r.setTo((javax.sip.header.ToHeader) ok.getTo().clone());
        r.setCallId((javax.sip.header.CallIdHeader) ok.getCallId().clone());
        long cseq = ok.getCSeq().getSeqNumber() + (method.equals(Request.ACK) ? 0 : 1);
        r.setHeader(wire.header("CSeq", cseq + " " + method));
        r.setHeader(wire.header("Max-Forwards", "70"));
        RecordRouteList rrs = ok.getRecordRouteHeaders();
        if (rrs != null) {
            List<String> routes = new ArrayList<>();
            for (Object o : rrs) {
                routes.add(0, ((RecordRoute) o).getAddress().toString());
            }
            for (String route : routes) {
                r.addHeader(wire.header("Route", route));
            }
        }
        return r;
    }
}
