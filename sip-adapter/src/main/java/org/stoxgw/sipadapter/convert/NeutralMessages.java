package org.stoxgw.sipadapter.convert;

import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.address.Address;
import javax.sip.header.HeaderAddress;
import javax.sip.header.Parameters;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * JAIN-SIP messages into the neutral model ({@code org.stoxgw.mapping.sip}): the identity headers
 * into typed fields, every other header field as text (one field per value of a list header, in
 * order; fields JAIN-SIP kept unparsed as well), the body with its Content-Type. Stateless.
 */
public final class NeutralMessages {
    /** Not copied into {@link SipRequest#headers()}: they have fields of their own or are transport. */
    private static final Set<String> REQUEST_SKIP = Set.of("via", "from", "to", "call-id", "cseq", "content-type",
            "content-length");
    /** Not copied into {@link SipResponse#headers()}. */
    private static final Set<String> RESPONSE_SKIP = Set.of("via", "content-type", "content-length");

    private NeutralMessages() {
    }

    /** A received request in the neutral model. */
    public static SipRequest request(SIPRequest r) {
        return new SipRequest(r.getMethod(), r.getRequestURI().toString(), nameAddress(r.getFrom()), nameAddress(r.getTo()),
                r.getCallId().getCallId(), r.getCSeq().getSeqNumber(), headers(r, REQUEST_SKIP), body(r));
    }

    /** A received response in the neutral model. */
    public static SipResponse response(SIPResponse r) {
        String reason = r.getReasonPhrase() == null ? "" : r.getReasonPhrase();
        return new SipResponse(r.getStatusCode(), reason, headers(r, RESPONSE_SKIP), body(r));
    }

    /** From or To as a name-addr with its header parameters (tag included). */
    public static <H extends HeaderAddress & Parameters> NameAddress nameAddress(H h) {
        Address a = h.getAddress();
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<?> it = h.getParameterNames(); it.hasNext();) {
            String name = (String) it.next();
            String v = h.getParameter(name);
            params.put(name.toLowerCase(Locale.ROOT), v == null ? "" : v);
        }
        String display = a.getDisplayName();
        return new NameAddress(display == null ? "" : display, a.getURI().toString(), params);
    }

    private static SipHeaders headers(SIPMessage m, Set<String> skip) {
        List<SipHeaders.Field> fields = new ArrayList<>(16);
        for (Iterator<SIPHeader> it = m.getHeaders(); it.hasNext();) {
            SIPHeader h = it.next();
            String name = h.getName();
            if (skip.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (h instanceof SIPHeaderList<?> list) {
                for (SIPHeader item : list.getHeaderList()) {
                    fields.add(new SipHeaders.Field(name, item.getHeaderValue().trim()));
                }
            } else {
                fields.add(new SipHeaders.Field(name, h.getHeaderValue().trim()));
            }
        }
        for (ListIterator<String> it = m.getUnrecognizedHeaders(); it.hasNext();) {
            String raw = it.next();
            int colon = raw.indexOf(':');
            if (colon > 0) {
                String name = raw.substring(0, colon).trim();
                if (!skip.contains(SipHeaders.canonicalName(name).toLowerCase(Locale.ROOT))) {
                    fields.add(new SipHeaders.Field(name, raw.substring(colon + 1).trim()));
                }
            }
        }
        return SipHeaders.copyOf(fields);
    }

    private static SipBody body(SIPMessage m) {
        byte[] content = m.getRawContent();
        if (content == null || content.length == 0) {
            return SipBody.EMPTY;
        }
        ContentType ct = (ContentType) m.getContentTypeHeader();
        return SipBody.of(ct == null ? "" : ct.encodeBody().trim(), content);
    }
}
