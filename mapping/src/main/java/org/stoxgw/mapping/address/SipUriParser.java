package org.stoxgw.mapping.address;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.StanzaError.Condition;

/**
 * Parses {@code sip:}/{@code sips:} URIs (RFC 3261 §25.1 SIP-URI: userinfo, hostport,
 * uri-parameters, headers) and {@code im:}/{@code pres:} URIs (RFC 3860/3859: mailbox and headers)
 * into {@link SipUri}. One pass, no regular expressions.
 *
 * <p>The user part ends at the first {@code @} (RFC 7247 §6.4 step 2): {@code @} cannot appear
 * literally in the host, parameters or headers, while {@code ;}, {@code ?} and {@code /} may appear in
 * the user part (RFC 3261 {@code user-unreserved}). Parameter and header values are kept as written.
 * Pure, any thread.
 */
final class SipUriParser {

    private SipUriParser() {
    }

    static Mapping<SipUri> parse(String text) {
        if (text == null) {
            return bad("no URI");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return bad("\"" + Texts.quote(text) + "\" is not a URI");
        }
        UriScheme scheme = UriScheme.fromName(text.substring(0, colon));
        if (scheme == null) {
            return Mapping.refused("Unsupported URI Scheme: " + Texts.quote(text.substring(0, colon))
                    + ": (only sip, sips, im and pres are mapped)", 416, Condition.jid_malformed);
        }
        int n = text.length();
        int at = text.indexOf('@', colon + 1);
        String user = null;
        String password = null;
        int hostStart = colon + 1;
        if (at >= 0) {
            int userEnd = at;
            int pw = text.indexOf(':', colon + 1);
            if (pw >= 0 && pw < at) {
                userEnd = pw;
                password = text.substring(pw + 1, at);
            }
            if (userEnd == colon + 1) {
                return bad("empty user part in \"" + Texts.quote(text) + "\"");
            }
            for (int i = colon + 1; i < userEnd; i++) {
                char c = text.charAt(i);
                if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"') {
                    return bad("user part of \"" + Texts.quote(text) + "\" has a character that must be percent-encoded");
                }
            }
            try {
                user = PercentCoding.decode(text, colon + 1, userEnd);
            } catch (IllegalArgumentException e) {
                return Mapping.refused("Not Found: the user part of \"" + Texts.quote(text)
                        + "\" is not UTF-8, so no XMPP address stands for it", 404, Condition.jid_malformed);
            }
            hostStart = at + 1;
        }
        int i = hostStart;
        if (i < n && text.charAt(i) == '[') {
            int close = text.indexOf(']', i);
            if (close < 0 || !DomainNames.isIpv6Reference(text.substring(i, close + 1))) {
                return bad("malformed IPv6 reference in \"" + Texts.quote(text) + "\"");
            }
            i = close + 1;
        } else {
            while (i < n && isHostChar(text.charAt(i))) {
                i++;
            }
        }
        String host = text.substring(hostStart, i);
        if (host.isEmpty() || host.startsWith(".") || host.contains("..")) {
            return bad("missing or malformed host in \"" + Texts.quote(text) + "\"");
        }
        int port = -1;
        if (i < n && text.charAt(i) == ':') {
            int start = ++i;
            port = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 5) {
                port = port * 10 + text.charAt(i++) - '0';
            }
            if (i == start || port > 65535) {
                return bad("bad port in \"" + Texts.quote(text) + "\"");
            }
        }
        List<SipUri.Param> params = new ArrayList<>(2);
        while (i < n && text.charAt(i) == ';') {
            int start = ++i;
            while (i < n && text.charAt(i) != ';' && text.charAt(i) != '?') {
                i++;
            }
            String p = text.substring(start, i);
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            if (name.isEmpty() || !isToken(name)) {
                return bad("malformed parameter in \"" + Texts.quote(text) + "\"");
            }
            params.add(new SipUri.Param(name, eq < 0 ? null : p.substring(eq + 1)));
        }
        List<SipUri.Header> headers = new ArrayList<>(0);
        if (i < n && text.charAt(i) == '?') {
            for (String h : text.substring(i + 1).split("&", -1)) {
                int eq = h.indexOf('=');
                if (eq <= 0) {
                    return bad("malformed header in \"" + Texts.quote(text) + "\"");
                }
                headers.add(new SipUri.Header(h.substring(0, eq), h.substring(eq + 1)));
            }
            i = n;
        }
        if (i != n) {
            return bad("unexpected '" + Texts.quote(String.valueOf(text.charAt(i))) + "' in \"" + Texts.quote(text) + "\"");
        }
        return Mapping.ok(new SipUri(scheme, user, password, host, port, params, headers));
    }

    private static Mapping<SipUri> bad(String reason) {
        return Mapping.refused("Bad Request: " + reason, 400, Condition.jid_malformed);
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.';
    }

    /** RFC 3261 §25.1 token (parameter names). */
    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-.!%*_+`'~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
