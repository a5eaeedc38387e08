package org.stoxgw.sipadapter.inbound;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPRequest;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import org.stoxgw.sipadapter.SipCapabilities;

/**
 * The UAS checks of RFC 3261 section 8.2 in its order (method, Request-URI, extensions, content),
 * plus Max-Forwards (RFC 3261 section 16.3 step 2, RFC 5393: the gateway forwards requests into
 * XMPP like a B2BUA, SEC-03) and event packages (RFC 6665 section 8.2.1). Pure: no I/O, no
 * state; thread-safe.
 */
final class RequestChecks {
    /**
     * Option tags the INVITE layer implements: reliable provisional responses (RFC 3262) and session
     * timers (RFC 4028). A Require with any other gets 420 (RFC 3261 section 8.2.2.3); without the
     * INVITE layer the adapter implements none.
     */
    static final Set<String> INVITE_OPTION_TAGS = Set.of("100rel", "timer");

    /** Option tags the adapter implements. */
    private final Set<String> supportedTags;

    private final SipCapabilities caps;
    private final Set<String> servedDomains;
    private final Set<String> ownHosts;
    private final String allow;
    private final String allowEvents;

    RequestChecks(SipCapabilities caps, Set<String> servedDomains, Set<String> ownHosts) {
        this.caps = caps;
        this.servedDomains = Set.copyOf(servedDomains);
        this.ownHosts = Set.copyOf(ownHosts);
        this.allow = String.join(", ", caps.methods());
        this.allowEvents = String.join(", ", caps.eventPackages());
        this.supportedTags = caps.methods().contains("INVITE") ? INVITE_OPTION_TAGS : Set.of();
    }

    /** The first check {@code r} fails, or null when the request may go to the core. */
    Rejection check(SIPRequest r) {
        String method = r.getMethod();
        MaxForwardsHeader mf = r.getMaxForwards();
        if (mf != null && mf.getMaxForwards() == 0 && !method.equals("OPTIONS")) {
            return new Rejection(483, "Too Many Hops", "too-many-hops");
        }
        if (!caps.methods().contains(method)) {
            return SipCapabilities.KNOWN.contains(method)
                    ? new Rejection(405, "Method Not Allowed", "method-not-allowed", "Allow", allow)
                    : new Rejection(501, "Not Implemented", "method-not-implemented", "Allow", allow);
        }
        Rejection uri = checkRequestUri(r);
        if (uri != null) {
            return uri;
        }
        Rejection ext = checkRequire(r);
        if (ext != null) {
            return ext;
        }
        if (method.equals("SUBSCRIBE") || method.equals("NOTIFY")) {
            Rejection ev = checkEvent(r);
            if (ev != null) {
                return ev;
            }
        }
        return checkContent(r, method);
    }

    private Rejection checkRequestUri(SIPRequest r) {
        if (!(r.getRequestURI() instanceof SipUri uri)) {
            // RFC 3261 section 8.2.2.1
            return new Rejection(416, "Unsupported URI Scheme", "uri-scheme");
        }
        String host = hostOf(uri);
        if (!servedDomains.contains(host) && !ownHosts.contains(host)) {
            // RFC 3261 section 8.2.2.1: not an address this UAS accepts requests for
            return new Rejection(404, "Not Found (domain not served here)", "domain-not-served");
        }
        return null;
    }

    private Rejection checkRequire(SIPRequest r) {
        Iterator<?> it = r.getHeaders(RequireHeader.NAME);
        List<String> unsupported = new ArrayList<>();
        while (it.hasNext()) {
            String tag = ((RequireHeader) it.next()).getOptionTag().toLowerCase(Locale.ROOT);
            if (!supportedTags.contains(tag) && !unsupported.contains(tag)) {
                unsupported.add(tag);
            }
        }
        if (unsupported.isEmpty()) {
            return null;
        }
        return new Rejection(420, "Bad Extension", "bad-extension", "Unsupported", String.join(", ", unsupported));
    }

    private Rejection checkEvent(SIPRequest r) {
        EventHeader ev = (EventHeader) r.getHeader(EventHeader.NAME);
        if (ev == null) {
            return new Rejection(489, "Bad Event (no Event header)", "bad-event", "Allow-Events", allowEvents);
        }
        String pkg = ev.getEventType().toLowerCase(Locale.ROOT);
        if (!caps.eventPackages().contains(pkg)) {
            return new Rejection(489, "Bad Event", "bad-event", "Allow-Events", allowEvents);
        }
        return null;
    }

    private Rejection checkContent(SIPRequest r, String method) {
        byte[] body = r.getRawContent();
        if (body == null || body.length == 0) {
            return null;
        }
        String coding = BodyEncodings.unsupported(BodyEncodings.codings(r));
        if (coding != null) {
            // RFC 3261 section 8.2.3: 415 listing the encodings the gateway decodes
            return new Rejection(415, "Unsupported Media Type (content encoding " + coding + ")", "media-type",
                    "Accept-Encoding", BodyEncodings.ACCEPT_ENCODING);
        }
        ContentTypeHeader ct = r.getContentTypeHeader();
        if (ct == null) {
            // RFC 3261 section 20.15: a body needs a Content-Type
            return new Rejection(400, "Missing Content-Type", "malformed");
        }
        String type = (ct.getContentType() + "/" + ct.getContentSubType()).toLowerCase(Locale.ROOT);
        List<String> accepted = caps.accepted(method);
        if (!acceptable(type, accepted)) {
            List<String> h = accepted.isEmpty() ? List.of() : List.of("Accept", String.join(", ", accepted));
            return new Rejection(415, "Unsupported Media Type", "media-type", h);
        }
        return null;
    }

    private static boolean acceptable(String type, List<String> accepted) {
        for (String a : accepted) {
            if (a.equals(type) || a.equals("*/*")
                    || (a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Header fields of a 200 to OPTIONS: what the gateway accepts (RFC 3261 section 11.2). */
    List<String> optionsHeaders() {
        Set<String> all = new java.util.LinkedHashSet<>();
        caps.acceptByMethod().values().forEach(all::addAll);
        List<String> h = new ArrayList<>(List.of("Allow", allow));
        if (!all.isEmpty()) {
            h.addAll(List.of("Accept", String.join(", ", all)));
        }
        h.addAll(List.of("Accept-Encoding", BodyEncodings.ACCEPT_ENCODING));
        h.addAll(List.of("Supported", String.join(", ", new java.util.TreeSet<>(supportedTags))));
        if (!caps.eventPackages().isEmpty()) {
            h.addAll(List.of("Allow-Events", allowEvents));
        }
        return h;
    }

    static String hostOf(SipUri uri) {
        String h = uri.getHost();
        if (h == null) {
            return "";
        }
        h = h.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            // an IPv6 literal: compare in one canonical form (RFC 5952)
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(h);
            if (ip != null) {
                try {
                    h = NetUtil.toAddressString(java.net.InetAddress.getByAddress(ip));
                } catch (java.net.UnknownHostException e) {
                    return h;
                }
            }
        }
        return h;
    }
}
