package org.stoxgw.core.routing;

import org.stoxgw.mapping.error.LocalFailure;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * The adapters' failure kinds as mapping's {@link LocalFailure} (mapping cannot see the adapters'
 * types). Shared by every area path. Pure.
 */
public final class AdapterFailures {

    private AdapterFailures() {
    }

    /** The local failure for a SIP request that got no final response. */
    public static LocalFailure of(SipOutcome.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> LocalFailure.TIMEOUT;
            case TRANSPORT -> LocalFailure.TRANSPORT;
            case UNRESOLVABLE -> LocalFailure.UNRESOLVABLE;
            case REFUSED -> LocalFailure.REFUSED;
            case TOO_LARGE -> LocalFailure.TOO_LARGE;
        };
    }
}
