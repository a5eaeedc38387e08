package org.stoxgw.sipadapter.convert;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * Neutral messages into JAIN-SIP ones. Every value the core gives is parsed by JAIN-SIP's header
 * parsers, so a malformed value fails here (with {@link ParseException}) instead of on the wire.
 * Via and Content-Length are the caller's and JAIN-SIP's business. Stateless, thread-safe.
 */
public final class WireMessages {
    private static final Set<String> REQUEST_SKIP = Set.of("via", "from", "to", "call-id", "cseq", "content-type",
            "content-length", "max-forwards");
    private static final Set<String> RESPONSE_SKIP = Set.of("via", "from", "to", "call-id", "cseq", "content-type",
            "content-length");
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();

    /**
     * A request without Via: identity from the record, other header fields in order, the body.
     *
     * @param maxForwards Max-Forwards unless the request has its own field
     * @throws ParseException naming the value JAIN-SIP could not parse
     */
    public SIPRequest request(SipRequest req, int maxForwards) throws ParseException {
        try {
            SIPRequest r = new SIPRequest();
            r.setMethod(req.method());
            r.setRequestURI(addresses.createURI(req.requestUri()));
            r.setCallId(headers.createCallIdHeader(req.callId()));
            r.setCSeq(headers.createCSeqHeader(req.cseq(), req.method()));
            FromHeader from = headers.createFromHeader(address(req.from()), null);
            params(from, req.from());
            r.setFrom(from);
            ToHeader to = headers.createToHeader(address(req.to()), null);
            params(to, req.to());
            r.setTo(to);
            int mf = req.headers().first("Max-Forwards").map(v -> Integer.parseInt(v.trim())).orElse(maxForwards);
            r.setMaxForwards(headers.createMaxForwardsHeader(mf));
            addHeaders(r, req.headers(), REQUEST_SKIP);
            setBody(r, req.body());
            return r;
        } catch (InvalidArgumentException | IllegalArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    /**
     * The response to {@code request}: Via, From, To, Call-ID, CSeq (and Record-Route where RFC
     * 3261 section 12.1.1 wants it) copied, To tag {@code toTag} added unless present or 100.
     */
    public SIPResponse response(SIPRequest request, SipResponse resp, String toTag) throws ParseException {
        SIPResponse r = request.createResponse(resp.status(), resp.reason());
        if (resp.status() > 100 && r.getTo().getTag() == null) {
            r.getTo().setTag(toTag);
        }
        addHeaders(r, resp.headers(), RESPONSE_SKIP);
        setBody(r, resp.body());
        return r;
    }

    /** A Content-Type header for a body the adapter sets itself (e.g. an ACK's answer). */
    public ContentTypeHeader contentType(String type) throws ParseException {
        return (ContentTypeHeader) headers.createHeader("Content-Type", type.isEmpty() ? "application/octet-stream" : type);
    }

    /** Parses one header field, e.g. for a Contact the adapter composes. */
    public Header header(String name, String value) throws ParseException {
        return headers.createHeader(name, value);
    }

    private Address address(NameAddress na) throws ParseException {
        Address a = addresses.createAddress(addresses.createURI(na.uri()));
        if (!na.displayName().isEmpty()) {
            a.setDisplayName(na.displayName());
        }
        return a;
    }

    private static void params(javax.sip.header.Parameters h, NameAddress na) throws ParseException {
        for (Map.Entry<String, String> p : na.params().entrySet()) {
            h.setParameter(p.getKey(), p.getValue().isEmpty() ? null : p.getValue());
        }
    }

    private void addHeaders(gov.nist.javax.sip.message.SIPMessage m, SipHeaders fields, Set<String> skip)
            throws ParseException {
        for (SipHeaders.Field f : fields.fields()) {
            if (!skip.contains(f.name().toLowerCase(Locale.ROOT))) {
                m.addHeader(headers.createHeader(f.name(), f.value()));
            }
        }
    }

    private void setBody(gov.nist.javax.sip.message.SIPMessage m, SipBody body) throws ParseException {
        if (body.isEmpty()) {
            return;
        }
        ContentTypeHeader ct = (ContentTypeHeader) headers.createHeader("Content-Type",
                body.contentType().isEmpty() ? "application/octet-stream" : body.contentType());
        m.setContent(body.content(), ct);
    }
}
