package org.stoxgw.mapping.address;

import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The local-part transformations of RFC 7247 §6.2–§6.5 (ADDR-03), shared by both address modes:
 * <ul>
 *   <li>{@link #localpartFor}: decoded SIP user part → JID localpart: XEP-0106 escaping with the
 *       backslash rule, then PRECIS UsernameCaseMapped (ADDR-05, ADDR-09 steps 5–6, JIDESC-09);</li>
 *   <li>{@link #userOf}: JID localpart → SIP user part: check, then unescape (ADDR-10 step 3,
 *       AMB-02: all ten sequences), leaving percent-encoding to {@link SipUri#toString()} (ADDR-04);</li>
 *   <li>gateway-domain embedding: a foreign address {@code user@host[:port]} carried whole in the
 *       other side's local part, split again at the last {@code @} (host names have none).</li>
 * </ul>
 * Every function either returns a value that maps back to its input or throws
 * {@link IllegalArgumentException} with a short reason. Pure static functions, any thread.
 */
final class LocalForms {

    private LocalForms() {
    }

    /** The JID localpart for a decoded user part (or an embedded foreign address). */
    static String localpartFor(String user) {
        String escaped = JidEscaping.escape(user);
        if (escaped == null) {
            throw new IllegalArgumentException("a leading or trailing space cannot be escaped (XEP-0106 §3.2)");
        }
        String enforced;
        try {
            enforced = StrictJids.localpart(escaped);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not allowed in a JID localpart by PRECIS (RFC 7622 §3.3)");
        }
        if (!JidEscaping.isCanonical(enforced)) {
            // Width mapping made something that reads as a different escape sequence.
            throw new IllegalArgumentException("folds into an ambiguous XEP-0106 escape sequence");
        }
        return enforced;
    }

    /** What XMPP sends back for a user part in direct mode: its localpart, unescaped; null if it has none. */
    static String fold(String user) {
        try {
            return JidEscaping.unescape(localpartFor(user));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The localpart that carries a foreign SIP address in gateway-domain mode: {@code user@host[:port]}
     * with the host as U-labels (AMB-14), or as A-labels where PRECIS does not allow the U-labels
     * (IDNA2003 permits symbols that PRECIS IdentifierClass does not).
     */
    static String gatewayLocalpart(String user, String asciiHost, int port) {
        String unicodeHost = DomainNames.toUnicode(asciiHost);
        try {
            return localpartFor(embedSip(user, unicodeHost, port));
        } catch (IllegalArgumentException e) {
            if (unicodeHost.equals(asciiHost)) {
                throw e;
            }
            return localpartFor(embedSip(user, asciiHost, port));
        }
    }

    /**
     * What XMPP sends back for a user part in gateway-domain mode: the user part of the unescaped
     * gateway localpart (folded in context, so e.g. a trailing space inside {@code a @host} folds
     * like the mapping does); null if the address cannot be carried.
     */
    static String foldEmbedded(String user, String asciiHost, int port) {
        try {
            return splitEmbedded(JidEscaping.unescape(gatewayLocalpart(user, asciiHost, port))).user();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The unescaped SIP-side text of a JID localpart.
     *
     * @throws IllegalArgumentException if the localpart uses a non-canonical escape (JIDESC-06: two
     *                                  JIDs must not become one SIP address)
     */
    static String userOf(Localpart localpart) {
        String l = localpart.toString();
        if (!JidEscaping.isCanonical(l)) {
            throw new IllegalArgumentException("localpart \"" + Texts.quote(l)
                    + "\" is not canonically escaped (XEP-0106 §4.2: \\5c only before an escape look-alike, no \\20 at either end)");
        }
        return JidEscaping.unescape(l);
    }

    /**
     * The resource a SIP URI's public GRUU stands for (ADDR-06, ADDR-09 step 8), or null when there
     * is no {@code gr} or only the temporary-GRUU flag (ADDR-07).
     */
    static String resourceOf(SipUri uri) {
        SipUri.Param gr = uri.param("gr");
        if (gr == null || gr.value() == null || gr.value().isEmpty()) {
            return null;
        }
        String value;
        try {
            value = PercentCoding.decode(gr.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gr value is not UTF-8");
        }
        String enforced;
        try {
            enforced = StrictJids.resourcepart(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gr \"" + Texts.quote(value) + "\" is not allowed as an XMPP resource");
        }
        if (!enforced.equals(value)) {
            throw new IllegalArgumentException("gr \"" + Texts.quote(value) + "\" would change as an XMPP resource");
        }
        return value;
    }

    /** The SIP URI with the JID's resource as {@code ;gr=} for sip/sips (ADDR-08, ADDR-10 step 8, AMB-05). */
    static SipUri withResource(SipUri uri, Jid jid) {
        Resourcepart r = jid.getResourceOrNull();
        return r == null || !uri.scheme().isSip() ? uri : uri.withGruu(r.toString());
    }

    /** A foreign SIP address as the XMPP side embeds it: {@code user@host[:port]} or {@code host[:port]}. */
    static String embedSip(String user, String host, int port) {
        String hp = port < 0 ? host : host + ':' + port;
        return user == null ? hp : user + '@' + hp;
    }

    /** A foreign address: user part (null if none) and {@code host[:port]}. */
    record Embedded(String user, String hostPort) {
    }

    /** A host and port (-1 if none). */
    record HostPort(String host, int port) {
    }

    /** A foreign address split at its last {@code @}. */
    static Embedded splitEmbedded(String embedded) {
        int at = embedded.lastIndexOf('@');
        if (at < 0) {
            return new Embedded(null, embedded);
        }
        if (at == 0 || at == embedded.length() - 1) {
            throw new IllegalArgumentException("\"" + Texts.quote(embedded) + "\" has an empty user or host");
        }
        return new Embedded(embedded.substring(0, at), embedded.substring(at + 1));
    }

    /**
     * Splits {@code host[:port]} (IPv6 in brackets) into host and port (-1 if none).
     *
     * @throws IllegalArgumentException if the port is not 1–65535 digits
     */
    static HostPort splitHostPort(String hostPort) {
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']')))
                : hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(hostPort, -1);
        }
        String digits = hostPort.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad port in \"" + Texts.quote(hostPort) + "\"");
        }
        int port = Integer.parseInt(digits);
        if (port > 65535) {
            throw new IllegalArgumentException("bad port in \"" + Texts.quote(hostPort) + "\"");
        }
        return new HostPort(hostPort.substring(0, colon), port);
    }
}
