package org.stoxgw.mapping.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code name-addr} / {@code addr-spec} of a From, To or Contact header (RFC 3261 §20.10): an
 * optional display name, the URI as text (with its URI parameters, e.g. {@code ;gr=}), and the
 * header parameters outside the angle brackets (e.g. {@code tag}). Flag parameters map to "".
 */
public record NameAddress(String displayName, String uri, Map<String, String> params) {

    public NameAddress {
        Objects.requireNonNull(uri, "uri");
        displayName = displayName == null ? "" : displayName;
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** An address without display name or header parameters. */
    public static NameAddress of(String uri) {
        return new NameAddress("", uri, Map.of());
    }

    /** The {@code tag} header parameter, if any. */
    public Optional<String> tag() {
        return Optional.ofNullable(params.get("tag"));
    }

    /** A copy with header parameter {@code tag} set. */
    public NameAddress withTag(String tag) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("tag", tag);
        return new NameAddress(displayName, uri, p);
    }

    /** The header value form: {@code "Name" <uri>;p=v}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!displayName.isEmpty()) {
            sb.append('"').append(displayName.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ");
        }
        sb.append('<').append(uri).append('>');
        params.forEach((k, v) -> {
            sb.append(';').append(k);
            if (!v.isEmpty()) {
                sb.append('=').append(v);
            }
        });
        return sb.toString();
    }
}
