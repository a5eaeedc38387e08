package org.stoxgw.sipadapter.invite;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * RFC 4028 session timers of one call. Negotiated in the initial INVITE and its 2xx; the refresher
 * sends a refresh at half the interval (an UPDATE without SDP when the peer allows UPDATE, else a
 * re-INVITE with our last SDP, which changes nothing, RFC 3264 section 8); the other side ends the
 * call with BYE when no refresh came by the interval minus min(32 s, interval/3) (section 10).
 * Refreshes are the layer's business: the owner never sees them. On the call's loop.
 */
final class SessionTimer {
    private static final Logger log = LoggerFactory.getLogger(SessionTimer.class);
    private final CallSession s;
    private final InviteSettings cfg;
    /** Seconds; 0 = no session timer in this call. */
    private long interval;
    private boolean weRefresh;
    private boolean peerAllowsUpdate;
    private ScheduledFuture<?> task;

    SessionTimer(CallSession s, InviteSettings cfg) {
        this.s = s;
        this.cfg = cfg;
    }

    long interval() {
        return interval;
    }

    boolean weRefresh() {
        return weRefresh;
    }

    /** UAC: Session-Expires and Min-SE for the initial INVITE (RFC 4028 section 7.1). */
    static SipHeaders inviteHeaders(InviteSettings cfg, SipHeaders h) {
        SipHeaders out = h.with("Supported", "timer").with("Supported", "100rel");
        if (cfg.sessionExpires().isZero()) {
            return out;
        }
        return out.with("Session-Expires", Long.toString(cfg.sessionExpires().toSeconds()))
                .with("Min-SE", Long.toString(cfg.minSe().toSeconds()));
    }

    /** UAC: the 2xx of the initial INVITE says whether there is a timer and who refreshes (section 7.2). */
    void uacAnswered(SipResponse ok) {
        peerAllowsUpdate = allows(ok.headers(), "UPDATE");
        Optional<String> se = ok.headers().first("Session-Expires");
        if (se.isEmpty()) {
            return;
        }
        interval = seconds(se.get());
        weRefresh = !"uas".equals(refresher(se.get()));
        start();
    }

    /**
     * UAS: what the initial INVITE asks (section 9). Returns the Min-SE of a 422 when its
     * Session-Expires is below ours, else -1 and remembers the timer for the 2xx.
     */
    long uasOffered(SipRequest invite) {
        peerAllowsUpdate = allows(invite.headers(), "UPDATE");
        Optional<String> se = invite.headers().first("Session-Expires");
        boolean supported = supports(invite.headers(), "timer");
        long min = cfg.minSe().toSeconds();
        if (se.isPresent()) {
            long asked = seconds(se.get());
            if (asked > 0 && asked < min) {
                return min;
            }
            interval = cfg.sessionExpires().isZero() ? asked : Math.min(asked, cfg.sessionExpires().toSeconds());
            interval = Math.max(interval, min);
            String who = refresher(se.get());
            weRefresh = who != null ? who.equals("uas") : !supported;
        } else if (!cfg.sessionExpires().isZero()) {
            interval = cfg.sessionExpires().toSeconds();
            weRefresh = !supported;
        }
        return -1;
    }

    /** The Min-SE to answer 422 with when {@code h}'s Session-Expires is below ours (RFC 4028 section 8.1), else -1. */
    static long tooShort(SipHeaders h, InviteSettings cfg) {
        Optional<String> se = h.first("Session-Expires");
        long min = cfg.minSe().toSeconds();
        if (se.isEmpty()) {
            return -1;
        }
        long asked = seconds(se.get());
        return asked > 0 && asked < min ? min : -1;
    }

    /** UAS: the header fields of our 2xx to the initial INVITE; starts the timer. */
    SipHeaders uasAnswerHeaders(SipHeaders h, boolean peerSupportsTimer) {
        if (interval == 0) {
            return h;
        }
        SipHeaders out = h.with("Session-Expires", interval + ";refresher=" + (weRefresh ? "uas" : "uac"));
        if (!weRefresh && peerSupportsTimer) {
            out = out.with("Require", "timer");
        }
        start();
        return out;
    }

    /** Header fields of a re-INVITE or UPDATE of ours (section 7.4): the sender of a refresh is "uac". */
    SipHeaders requestHeaders() {
        if (interval == 0) {
            return SipHeaders.EMPTY;
        }
        return SipHeaders.of("Session-Expires", interval + ";refresher=" + (weRefresh ? "uac" : "uas"),
                "Min-SE", Long.toString(cfg.minSe().toSeconds()));
    }

    /** Header fields of our 2xx to a re-INVITE or UPDATE of the peer's (section 9). */
    SipHeaders responseHeaders() {
        if (interval == 0) {
            return SipHeaders.EMPTY;
        }
        return SipHeaders.of("Session-Expires", interval + ";refresher=" + (weRefresh ? "uas" : "uac"));
    }

    /** A re-INVITE or UPDATE from the peer: a refresh, whatever else it carries (section 10). */
    void peerRequest(SipRequest r) {
        if (interval > 0) {
            start();
        }
    }

    /** A 2xx to a re-INVITE or UPDATE of ours: a refresh. */
    void answered(SipResponse ok) {
        if (interval > 0) {
            start();
        }
    }

    private void start() {
        stop();
        long delay = weRefresh ? interval * 1000 / 2 : (interval - Math.min(32, interval / 3)) * 1000;
        task = s.loop.schedule(weRefresh ? this::refresh : this::expired, Math.max(delay, 100), TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void refresh() {
        task = null;
        if (s.state() != CallState.CONFIRMED || s.byeSent) {
            return;
        }
        if (s.negotiation.busy()) {
            // an offer in flight refreshes the session when it completes; look again shortly
            task = s.loop.schedule(this::refresh, 1, TimeUnit.SECONDS);
            return;
        }
        boolean update = peerAllowsUpdate || s.negotiation.lastLocal == null;
        SipBody body = update ? SipBody.EMPTY : s.negotiation.lastLocal;
        log.debug("call {}: session refresh by {}", s.id(), update ? "UPDATE" : "re-INVITE");
        s.negotiation.send(update ? "UPDATE" : "INVITE", body, true).whenComplete((r, e) -> {
            if (e != null || (r != null && !r.isSuccess() && r.status() != 491)) {
                // RFC 4028 section 10: a refresh that fails leaves the session to expire
                log.debug("call {}: refresh failed: {}", s.id(), e != null ? e.toString() : r.status());
                if (task == null && s.state() == CallState.CONFIRMED) {
                    weRefresh = false;
                    start();
                }
            }
        });
    }

    private void expired() {
        task = null;
        if (s.state() != CallState.CONFIRMED) {
            return;
        }
        log.debug("call {}: session expired without a refresh", s.id());
        s.sendBye(Optional.of(SipReason.sip(408, "session expired (RFC 4028)")));
        s.end(new CallEnd(CallEnd.Cause.TIMEOUT, 408, "session expired without a refresh (RFC 4028)", Optional.empty()));
    }

    static long seconds(String value) {
        String v = value.split(";", 2)[0].trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String refresher(String value) {
        for (String p : value.split(";")) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("refresher=")) {
                return t.substring("refresher=".length()).trim();
            }
        }
        return null;
    }

    static boolean supports(SipHeaders h, String tag) {
        return hasToken(h, "Supported", tag) || hasToken(h, "Require", tag);
    }

    static boolean allows(SipHeaders h, String method) {
        return hasToken(h, "Allow", method);
    }

    static boolean hasToken(SipHeaders h, String header, String token) {
        for (String v : h.all(header)) {
            for (String t : v.split(",")) {
                if (t.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
