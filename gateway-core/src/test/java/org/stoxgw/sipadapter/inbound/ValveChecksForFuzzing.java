package org.stoxgw.sipadapter.inbound;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.Set;
import org.stoxgw.sipadapter.SipCapabilities;

/**
 * Test-only bridge (same package as the SIP adapter's valve, on the gateway-core test class path) so
 * that the fuzz target in {@code org.stoxgw.core.fuzz} can run the valve's package-private RFC 3261
 * section 8.2 checks and stateless To tag on what the parser produced, without widening the
 * adapter's API. Stateless; thread-safe.
 */
public final class ValveChecksForFuzzing {
    private final RequestChecks checks;

    /** An answer the valve would give instead of the core. */
    public record Answer(int status, String reason) {
    }

    public ValveChecksForFuzzing(SipCapabilities caps, Set<String> servedDomains, Set<String> ownHosts) {
        this.checks = new RequestChecks(caps, servedDomains, ownHosts);
    }

    /** The valve's answer to {@code r}, or null when it would pass to the core. */
    public Answer check(SIPRequest r) {
        Rejection rej = checks.check(r);
        return rej == null ? null : new Answer(rej.status(), rej.reason());
    }

    /** The To tag of a stateless answer (RFC 3261 section 8.2.7). */
    public static String statelessTag(SIPRequest r) {
        return StatelessResponder.statelessTag(r);
    }

    /** The host the valve compares with the served domains. */
    public static String hostOf(gov.nist.javax.sip.address.SipUri uri) {
        return RequestChecks.hostOf(uri);
    }
}
