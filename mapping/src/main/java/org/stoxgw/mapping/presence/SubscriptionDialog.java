package org.stoxgw.mapping.presence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * The identity of one SIP subscription dialog (RFC 3261 §12, RFC 6665 §4.1.2.2 / §4.2.1) as the
 * gateway keeps it, from either end: as subscriber (X2S, the gateway subscribes for an XMPP user)
 * or as notifier (S2X, a SIP user subscribed to an XMPP user). CSeq numbers change with every
 * request and live beside this value; everything here changes rarely (confirmation, target refresh).
 *
 * <p>Built per RFC 3261 §12.1: a notifier takes the remote tag from From, the remote target from
 * Contact and the route set from Record-Route in order; a subscriber takes the remote tag from
 * the 2xx's To (or from the first NOTIFY's From, RFC 6665 §4.1.2.4), the remote target from its
 * Contact and the route set from the 2xx's Record-Route reversed (a NOTIFY's in order). Immutable;
 * any thread.
 *
 * @param callId       Call-ID
 * @param localUri     the gateway's side (From of our requests)
 * @param localTag     our tag
 * @param remoteUri    the peer's side (To of our requests)
 * @param remoteTag    the peer's tag, "" until the dialog is confirmed
 * @param remoteTarget where in-dialog requests go (the peer's Contact; the AOR before confirmation)
 * @param routeSet     Route values for in-dialog requests, in order; empty without proxies
 */
public record SubscriptionDialog(String callId, String localUri, String localTag, String remoteUri, String remoteTag,
                                 String remoteTarget, List<String> routeSet) {

    public SubscriptionDialog {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localUri, "localUri");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteUri, "remoteUri");
        remoteTag = remoteTag == null ? "" : remoteTag;
        remoteTarget = remoteTarget == null || remoteTarget.isEmpty() ? remoteUri : remoteTarget;
        routeSet = routeSet == null || routeSet.isEmpty() ? List.of() : List.copyOf(routeSet);
    }

    /** A dialog the gateway starts as subscriber: its first SUBSCRIBE goes to {@code remoteUri}. */
    public static SubscriptionDialog subscriber(String callId, String localUri, String localTag, String remoteUri) {
        return new SubscriptionDialog(callId, localUri, localTag, remoteUri, "", remoteUri, List.of());
    }

    /**
     * The dialog a SUBSCRIBE creates at the gateway as notifier.
     *
     * @param localTag the To tag the adapter puts on every response ({@code InboundSipRequest.localTag()})
     */
    public static SubscriptionDialog notifier(SipRequest subscribe, String localTag) {
        String target = SubscriptionHeaders.contactUri(subscribe.headers()).orElse(subscribe.from().uri());
        return new SubscriptionDialog(subscribe.callId(), subscribe.to().uri(), localTag, subscribe.from().uri(),
                subscribe.from().tag().orElse(""), target, subscribe.headers().all("Record-Route"));
    }

    /** Whether the peer's tag is known (a 2xx or a NOTIFY arrived). */
    public boolean confirmed() {
        return !remoteTag.isEmpty();
    }

    /**
     * This subscriber dialog after a 2xx to one of its SUBSCRIBEs: the To tag (first 2xx only),
     * the Contact as remote target (also a target refresh later), the Record-Route reversed as
     * route set (first 2xx only, RFC 3261 §12.1.2).
     */
    public SubscriptionDialog confirmedBy(SipResponse ok) {
        String target = SubscriptionHeaders.contactUri(ok.headers()).orElse(remoteTarget);
        if (confirmed()) {
            return withRemoteTarget(target);
        }
        String tag = ok.headers().first("To").map(SubscriptionHeaders::tagOf).orElse("");
        List<String> routes = new ArrayList<>(ok.headers().all("Record-Route"));
        Collections.reverse(routes);
        return new SubscriptionDialog(callId, localUri, localTag, remoteUri, tag, target, routes);
    }

    /**
     * This subscriber dialog after a NOTIFY in it: confirmed by the NOTIFY if no 2xx came first
     * (RFC 6665 §4.1.2.4: From tag, Contact, Record-Route in order), else a target refresh.
     */
    public SubscriptionDialog confirmedBy(SipRequest notify) {
        String target = SubscriptionHeaders.contactUri(notify.headers()).orElse(remoteTarget);
        if (confirmed()) {
            return withRemoteTarget(target);
        }
        return new SubscriptionDialog(callId, localUri, localTag, remoteUri, notify.from().tag().orElse(""), target,
                notify.headers().all("Record-Route"));
    }

    /** A target refresh (RFC 6665 §4.1.2.2: the Contact of a NOTIFY or SUBSCRIBE in the dialog). */
    public SubscriptionDialog withRemoteTarget(String target) {
        if (target == null || target.isEmpty() || target.equals(remoteTarget)) {
            return this;
        }
        return new SubscriptionDialog(callId, localUri, localTag, remoteUri, remoteTag, target, routeSet);
    }

    /**
     * Whether an in-dialog request belongs here: same Call-ID, our tag as its To tag, and the peer's
     * tag as its From tag (any From tag while unconfirmed: the first NOTIFY brings it).
     */
    public boolean matches(SipRequest request) {
        return callId.equals(request.callId())
                && localTag.equals(request.to().tag().orElse(""))
                && (!confirmed() || remoteTag.equals(request.from().tag().orElse("")));
    }
}
