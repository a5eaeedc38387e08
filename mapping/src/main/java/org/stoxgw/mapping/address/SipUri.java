package org.stoxgw.mapping.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.stoxgw.mapping.sip.NameAddress;

/**
 * A {@code sip:}, {@code sips:}, {@code im:} or {@code pres:} URI as address mapping needs it
 * (RFC 3261 §19.1.1, §25.1; RFC 3860; RFC 3859; RFC 3986), written by hand because mapping may not
 * use javax.sip. Immutable.
 *
 * <ul>
 *   <li>{@code user} is held percent-decoded (null when the URI has no user part); {@link #toString}
 *       re-encodes it with the minimal set of the scheme (RFC 7247 §6.5 step 5, AMB-03/AMB-04), so
 *       {@code sip:o%27malley@x} prints as {@code sip:o'malley@x};</li>
 *   <li>{@code password} is kept as written (RFC 3261 deprecates it; mapping ignores it);</li>
 *   <li>{@code host} is lower case (host names are case-insensitive, RFC 3261 §19.1.4); an IPv6
 *       reference keeps its brackets; {@code port} is -1 when absent;</li>
 *   <li>URI parameters and headers are kept as written (still percent-encoded) and in order; a
 *       parameter without a value (e.g. the temporary-GRUU flag {@code ;gr}) has value null.</li>
 * </ul>
 * Pure, any thread.
 */
public record SipUri(UriScheme scheme, String user, String password, String host, int port, List<Param> params,
                     List<Header> headers) {

    /** A URI parameter as written; {@code value} is null for a flag. Names compare case-insensitively. */
    public record Param(String name, String value) {
        public Param {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A URI header ({@code ?name=value}) as written. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public SipUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (user != null && user.isEmpty()) {
            throw new IllegalArgumentException("empty user part");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        host = host.toLowerCase(Locale.ROOT);
        params = List.copyOf(params);
        headers = List.copyOf(headers);
    }

    /** {@code scheme:user@host} without port, parameters or headers; {@code user} decoded, may be null. */
    public static SipUri of(UriScheme scheme, String user, String host) {
        return new SipUri(scheme, user, null, host, -1, List.of(), List.of());
    }

    /**
     * Parses a URI.
     *
     * @throws IllegalArgumentException with the reason if it is not a sip/sips/im/pres URI
     */
    public static SipUri parse(String uri) {
        Mapping<SipUri> m = SipUriParser.parse(uri);
        if (m instanceof Mapping.Refused<SipUri> r) {
            throw new IllegalArgumentException(r.reason());
        }
        return m.orElseThrow();
    }

    /**
     * Parses a URI; a refusal says why: 416 for another scheme, 400 for bad syntax, 404 when the
     * user part is not UTF-8 (then no XMPP address can stand for it).
     */
    public static Mapping<SipUri> tryParse(String uri) {
        return SipUriParser.parse(uri);
    }

    /**
     * The URI of a From/To/Contact address, with a {@code gr} written outside the angle brackets
     * moved inside (AMB-06: many STOX examples write {@code <sip:u@h>;gr=x}; RFC 5627 puts it in
     * the URI). A {@code gr} already in the URI wins.
     */
    public static Mapping<SipUri> fromNameAddress(NameAddress address) {
        Mapping<SipUri> parsed = SipUriParser.parse(address.uri());
        if (!(parsed instanceof Mapping.Ok<SipUri> ok)) {
            return parsed;
        }
        SipUri uri = ok.value();
        for (Map.Entry<String, String> p : address.params().entrySet()) {
            if (p.getKey().equalsIgnoreCase("gr") && uri.param("gr") == null) {
                return Mapping.ok(uri.withParam("gr", p.getValue().isEmpty() ? null : p.getValue()));
            }
        }
        return parsed;
    }

    /** The first parameter of this name (case-insensitive), or null. */
    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** A copy with parameter {@code name} set (replacing any of that name); {@code rawValue} null for a flag. */
    public SipUri withParam(String name, String rawValue) {
        List<Param> ps = new ArrayList<>(params.size() + 1);
        for (Param p : params) {
            if (!p.name().equalsIgnoreCase(name)) {
                ps.add(p);
            }
        }
        ps.add(new Param(name, rawValue));
        return new SipUri(scheme, user, password, host, port, ps, headers);
    }

    /** A copy without parameter {@code name} (case-insensitive); this one when it has none. */
    public SipUri withoutParam(String name) {
        if (param(name) == null) {
            return this;
        }
        List<Param> ps = new ArrayList<>(params.size());
        for (Param p : params) {
            if (!p.name().equalsIgnoreCase(name)) {
                ps.add(p);
            }
        }
        return new SipUri(scheme, user, password, host, port, ps, headers);
    }

    /** A copy with the public-GRUU instance {@code gr=} set from a decoded value (ADDR-08: percent-encoded). */
    public SipUri withGruu(String instance) {
        return withParam("gr", PercentCoding.encode(instance, PercentCoding.SIP_PARAM));
    }

    /** A copy with a port (-1 for none). */
    public SipUri withPort(int newPort) {
        return new SipUri(scheme, user, password, host, newPort, params, headers);
    }

    /** A copy without password, parameters and headers: the address itself. */
    public SipUri addressOnly() {
        return new SipUri(scheme, user, null, host, port, List.of(), List.of());
    }

    /** {@code host} or {@code host:port}. */
    public String hostPort() {
        return port < 0 ? host : host + ':' + port;
    }

    /** The URI text, user part re-encoded minimally for the scheme. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(scheme.text()).append(':');
        if (user != null) {
            sb.append(scheme.isSip() ? PercentCoding.encode(user, PercentCoding.SIP_USER) : PercentCoding.encodeImUser(user));
            if (password != null) {
                sb.append(':').append(password);
            }
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        for (Param p : params) {
            sb.append(';').append(p.name());
            if (p.value() != null) {
                sb.append('=').append(p.value());
            }
        }
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            sb.append(i == 0 ? '?' : '&').append(h.name()).append('=').append(h.value());
        }
        return sb.toString();
    }
}
