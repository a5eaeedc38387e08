package org.stoxgw.sipadapter.outbound;

import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * A cheap upper bound on the size of a request once built, so that the exact size (by encoding) is
 * computed only near the UDP limit (RFC 3261 section 18.1.1). Stateless and thread-safe.
 */
final class RequestSizeBound {
    private RequestSizeBound() {
    }

    /**
     * Whether a request may be larger than {@code limit} once built: a generous upper bound from the
     * neutral request (JAIN-SIP writes no more than what it is given plus Via, Contact, Max-Forwards,
     * User-Agent and Content-Length), so that the exact size is computed (by encoding) only near the limit.
     */
    static boolean mayExceed(SipRequest r, int limit) {
        long n = 600L + r.method().length() * 2L + r.requestUri().length() + r.callId().length() + size(r.from())
                + size(r.to()) + r.body().length() + r.body().contentType().length();
        for (SipHeaders.Field f : r.headers().fields()) {
            n += f.name().length() + f.value().length() * 3L + 4;
        }
        return n > limit;
    }

    private static long size(NameAddress a) {
        long n = 16L + a.uri().length() + a.displayName().length() * 3L;
        for (var p : a.params().entrySet()) {
            n += p.getKey().length() + p.getValue().length() + 2;
        }
        return n;
    }
}
