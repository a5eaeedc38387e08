package org.stoxgw.mapping.presence;

import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * Builds the in-dialog requests of SIP events from a {@link SubscriptionDialog}, per RFC 3261
 * §12.2.1.1 and RFC 6665 rather than the RFC 8048 examples (AMB-P11): Request-URI = remote
 * target, From = local URI and tag, To = remote URI with its tag once known, Route = route set,
 * the dialog's Call-ID and the caller's CSeq. Via, Contact and Max-Forwards are the SIP adapter's.
 * Pure; any thread.
 */
public final class PresenceRequests {

    private PresenceRequests() {
    }

    /**
     * A SUBSCRIBE (RFC 6665 §4.1.2; PRES-04): {@code Event}, {@code Accept} with the package's
     * body type and {@code Expires} (0 to fetch or to cancel, PRES-16/PRES-44).
     */
    public static SipRequest subscribe(SubscriptionDialog d, long cseq, EventPackage pkg, int expires) {
        SipHeaders h = routes(d).with("Event", pkg.token()).with("Accept", pkg.contentType())
                .with("Expires", Integer.toString(Math.max(0, expires)));
        return new SipRequest("SUBSCRIBE", d.remoteTarget(), from(d), to(d), d.callId(), cseq, h, SipBody.EMPTY);
    }

    /**
     * A NOTIFY (RFC 6665 §4.2.2): {@code Event}, {@code Subscription-State} and the body (none for
     * an empty NOTIFY, PRES-23/24/26), with {@code Content-Language} when the body has one (P14).
     *
     * @param contentLanguage "" or null for none
     */
    public static SipRequest notify(SubscriptionDialog d, long cseq, EventPackage pkg, SubscriptionState state,
                                    SipBody body, String contentLanguage) {
        SipHeaders h = routes(d).with("Event", pkg.token()).with("Subscription-State", state.toString());
        if (contentLanguage != null && !contentLanguage.isEmpty() && !body.isEmpty()) {
            h = h.with("Content-Language", contentLanguage);
        }
        return new SipRequest("NOTIFY", d.remoteTarget(), from(d), to(d), d.callId(), cseq, h, body);
    }

    private static SipHeaders routes(SubscriptionDialog d) {
        SipHeaders h = SipHeaders.EMPTY;
        for (String r : d.routeSet()) {
            h = h.with("Route", r);
        }
        return h;
    }

    private static NameAddress from(SubscriptionDialog d) {
        return NameAddress.of(d.localUri()).withTag(d.localTag());
    }

    private static NameAddress to(SubscriptionDialog d) {
        NameAddress to = NameAddress.of(d.remoteUri());
        return d.confirmed() ? to.withTag(d.remoteTag()) : to;
    }
}
