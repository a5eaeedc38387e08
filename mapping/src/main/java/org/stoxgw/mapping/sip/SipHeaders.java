package org.stoxgw.mapping.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, order-preserving list of SIP header fields with case-insensitive names
 * (RFC 3261 §7.3.1). Compact forms ({@code i}, {@code f}, {@code t}, ...) are stored under their
 * long names. Values are kept as written (no parsing).
 */
public final class SipHeaders {
    /** No header fields. */
    public static final SipHeaders EMPTY = new SipHeaders(List.of());

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "Call-ID"), Map.entry("m", "Contact"), Map.entry("e", "Content-Encoding"),
            Map.entry("l", "Content-Length"), Map.entry("c", "Content-Type"), Map.entry("f", "From"),
            Map.entry("s", "Subject"), Map.entry("k", "Supported"), Map.entry("t", "To"), Map.entry("v", "Via"),
            Map.entry("o", "Event"), Map.entry("u", "Allow-Events"), Map.entry("r", "Refer-To"),
            Map.entry("b", "Referred-By"), Map.entry("x", "Session-Expires"), Map.entry("a", "Accept-Contact"),
            Map.entry("j", "Reject-Contact"), Map.entry("d", "Request-Disposition"), Map.entry("y", "Identity"));

    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Field> fields;

    private SipHeaders(List<Field> fields) {
        this.fields = fields;
    }

    /** Headers from alternating name, value arguments. */
    public static SipHeaders of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        SipHeaders h = EMPTY;
        for (int i = 0; i < nameValues.length; i += 2) {
            h = h.with(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    /**
     * Headers from a list of fields in one step (no copy per field, for decoders); names are
     * stored in their long form.
     */
    public static SipHeaders copyOf(List<Field> fields) {
        List<Field> copy = new ArrayList<>(fields.size());
        for (Field f : fields) {
            String c = f.name().length() == 1 ? canonicalName(f.name()) : f.name();
            copy.add(c.equals(f.name()) ? f : new Field(c, f.value()));
        }
        return copy.isEmpty() ? EMPTY : new SipHeaders(Collections.unmodifiableList(copy));
    }

    /** The long form of a header name ({@code "i"} gives {@code "Call-ID"}). */
    public static String canonicalName(String name) {
        String c = COMPACT.get(name.toLowerCase(Locale.ROOT));
        return c != null ? c : name;
    }

    /** A copy with one more field at the end. */
    public SipHeaders with(String name, String value) {
        List<Field> copy = new ArrayList<>(fields.size() + 1);
        copy.addAll(fields);
        copy.add(new Field(canonicalName(name), value));
        return new SipHeaders(Collections.unmodifiableList(copy));
    }

    /** A copy whose fields of this name are replaced by one field with {@code value}. */
    public SipHeaders replacing(String name, String value) {
        return without(name).with(name, value);
    }

    /** A copy without any field of this name. */
    public SipHeaders without(String name) {
        String n = canonicalName(name);
        List<Field> copy = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(n)) {
                copy.add(f);
            }
        }
        return new SipHeaders(Collections.unmodifiableList(copy));
    }

    /** The first value of a header, if present. */
    public Optional<String> first(String name) {
        String n = canonicalName(name);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(n)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of a header, in order. */
    public List<String> all(String name) {
        String n = canonicalName(name);
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(n)) {
                out.add(f.value());
            }
        }
        return out;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** All fields in order. */
    public List<Field> fields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipHeaders h && h.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
