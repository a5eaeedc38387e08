package org.stoxgw.testfixtures.sip;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ServerTransaction;

/**
 * A request the test agent received, in its server transaction. {@link #respond} answers it (the
 * agent adds a To tag to non-100 responses if missing).
 */
public final class ReceivedRequest {
    private final SIPRequest request;
    private final ServerTransaction transaction;
    private final String toTag;

    ReceivedRequest(SIPRequest request, ServerTransaction transaction, String toTag) {
        this.request = request;
        this.transaction = transaction;
        this.toTag = toTag;
    }

    public SIPRequest request() {
        return request;
    }

    public String method() {
        return request.getMethod();
    }

    /** Every value of header {@code name} joined by ", ", or null. */
    public String header(String name) {
        List<String> all = headers(name);
        return all.isEmpty() ? null : String.join(", ", all);
    }

    /** Every value of header {@code name} as text. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(name); it.hasNext();) {
            out.add(((gov.nist.javax.sip.header.SIPHeader) it.next()).getHeaderValue().trim());
        }
        return out;
    }

    /** The body as UTF-8 text ("" if none). */
    public String body() {
        byte[] b = request.getRawContent();
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    /** The tag the agent puts into the To header of its responses. */
    public String toTag() {
        return toTag;
    }

    /** Answers with {@code status} and extra header fields (name, value, ...). */
    public void respond(int status, String... headers) {
        try {
            SIPResponse r = request.createResponse(status);
            if (status > 100 && r.getTo().getTag() == null) {
                r.getTo().setTag(toTag);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ExtensionHeaderImpl h = new ExtensionHeaderImpl(headers[i]);
                h.setValue(headers[i + 1]);
                r.addHeader(h);
            }
            transaction.sendResponse(r);
        } catch (Exception e) {
            throw new IllegalStateException("cannot answer " + request.getFirstLine().trim() + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
