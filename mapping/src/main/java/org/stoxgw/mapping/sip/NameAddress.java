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

    /**
     * Parses a From, To, Contact, Route or Record-Route header value (RFC 3261 section 20.10):
     * {@code "Name" <sip:a@b;uri-param>;tag=x} or {@code sip:a@b;tag=x} (without angle brackets,
     * parameters after the URI are header parameters). Parameter names are lower-cased; values and
     * the URI are kept as written.
     *
     * @throws IllegalArgumentException if the value is not a name-addr or addr-spec
     */
    public static NameAddress parse(String value) {
        String s = value.trim();
        String display = "";
        int i = 0;
        if (s.startsWith("\"")) {
            int end = 1;
            StringBuilder d = new StringBuilder();
            while (end < s.length() && s.charAt(end) != '"') {
                if (s.charAt(end) == '\\' && end + 1 < s.length()) {
                    end++;
                }
                d.append(s.charAt(end++));
            }
            if (end >= s.length()) {
                throw new IllegalArgumentException("unclosed quoted display name: " + value);
            }
            display = d.toString();
            i = end + 1;
        }
        String uri;
        String rest;
        int lt = s.indexOf('<', i);
        if (lt >= 0) {
            if (display.isEmpty()) {
                display = s.substring(i, lt).trim();
            }
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                throw new IllegalArgumentException("missing '>': " + value);
            }
            uri = s.substring(lt + 1, gt).trim();
            rest = s.substring(gt + 1);
        } else {
            int semi = s.indexOf(';', i);
            uri = (semi < 0 ? s.substring(i) : s.substring(i, semi)).trim();
            rest = semi < 0 ? "" : s.substring(semi);
        }
        if (uri.isEmpty() || uri.indexOf(':') < 0) {
            throw new IllegalArgumentException("no URI in: " + value);
        }
        return new NameAddress(display, uri, parseParams(rest));
    }

    private static Map<String, String> parseParams(String rest) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < rest.length()) {
            int semi = rest.indexOf(';', i);
            if (semi < 0) {
                break;
            }
            int end = semi + 1;
            boolean quoted = false;
            while (end < rest.length() && (quoted || rest.charAt(end) != ';')) {
                if (rest.charAt(end) == '"') {
                    quoted = !quoted;
                }
                end++;
            }
            String p = rest.substring(semi + 1, end).trim();
            if (!p.isEmpty()) {
                int eq = p.indexOf('=');
                String k = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(java.util.Locale.ROOT);
                params.put(k, eq < 0 ? "" : p.substring(eq + 1).trim());
            }
            i = end;
        }
        return params;
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
