package org.stoxgw.mapping.payload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed media type (RFC 2045 §5.1 / RFC 3261 §20.15): lower-cased type and subtype, and
 * parameters with lower-cased names and unquoted values. Parsing is tolerant of spaces and of a
 * missing or malformed parameter list (bad parameters are dropped, the type is kept).
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    public MediaType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses a Content-Type value; empty if there is no {@code type/subtype}. */
    public static Optional<MediaType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semi = value.indexOf(';');
        String essence = (semi < 0 ? value : value.substring(0, semi)).trim();
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1) {
            return Optional.empty();
        }
        String type = essence.substring(0, slash).trim().toLowerCase(Locale.ROOT);
        String subtype = essence.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty() || subtype.isEmpty() || !isToken(type) || !isToken(subtype)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi;
        while (i >= 0 && i < value.length()) {
            int start = i + 1;
            int eq = value.indexOf('=', start);
            if (eq < 0) {
                break;
            }
            String name = value.substring(start, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            String val;
            if (j < value.length() && value.charAt(j) == '"') {
                StringBuilder sb = new StringBuilder();
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    char c = value.charAt(j);
                    if (c == '\\' && j + 1 < value.length()) {
                        c = value.charAt(++j);
                    }
                    sb.append(c);
                    j++;
                }
                val = sb.toString();
                int next = value.indexOf(';', j);
                i = next;
            } else {
                int next = value.indexOf(';', j);
                val = (next < 0 ? value.substring(j) : value.substring(j, next)).trim();
                i = next;
            }
            if (!name.isEmpty() && isToken(name)) {
                params.putIfAbsent(name, val);
            }
        }
        return Optional.of(new MediaType(type, subtype, params));
    }

    /** {@code type/subtype} without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** Whether type and subtype equal {@code essence} (e.g. {@code "text/plain"}), ignoring case. */
    public boolean is(String essence) {
        int slash = essence.indexOf('/');
        return slash > 0 && type.equalsIgnoreCase(essence.substring(0, slash))
                && subtype.equalsIgnoreCase(essence.substring(slash + 1));
    }

    /** A parameter value, if present. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(essence());
        parameters.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        return sb.toString();
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
