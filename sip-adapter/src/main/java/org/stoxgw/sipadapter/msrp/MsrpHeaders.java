package org.stoxgw.sipadapter.msrp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The header block of an MSRP frame, in wire order. Names compare case-insensitively (RFC 4975
 * §9: header names are case-insensitive); values are kept verbatim. Immutable once built.
 */
public final class MsrpHeaders {

    public static final String TO_PATH = "To-Path";
    public static final String FROM_PATH = "From-Path";
    public static final String MESSAGE_ID = "Message-ID";
    public static final String BYTE_RANGE = "Byte-Range";
    public static final String SUCCESS_REPORT = "Success-Report";
    public static final String FAILURE_REPORT = "Failure-Report";
    public static final String STATUS = "Status";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String AUTHORIZATION = "Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String USE_PATH = "Use-Path";
    public static final String EXPIRES = "Expires";

    /** One header line. */
    public record Header(String name, String value) {
    }

    private final List<Header> headers;

    private MsrpHeaders(List<Header> headers) {
        this.headers = Collections.unmodifiableList(headers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Header> all() {
        return headers;
    }

    /** The first value of {@code name}. */
    public Optional<String> get(String name) {
        for (Header h : headers) {
            if (h.name.equalsIgnoreCase(name)) {
                return Optional.of(h.value);
            }
        }
        return Optional.empty();
    }

    /** All values of {@code name}, in order. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(1);
        for (Header h : headers) {
            if (h.name.equalsIgnoreCase(name)) {
                out.add(h.value);
            }
        }
        return out;
    }

    public int size() {
        return headers.size();
    }

    @Override
    public String toString() {
        return headers.toString();
    }

    /** Collects headers in the order they are added. */
    public static final class Builder {
        private final List<Header> list = new ArrayList<>(8);

        public Builder add(String name, String value) {
            list.add(new Header(name, value));
            return this;
        }

        /** Adds the header only if {@code value} is present. */
        public Builder addIf(String name, Optional<String> value) {
            value.ifPresent(v -> add(name, v));
            return this;
        }

        public MsrpHeaders build() {
            return new MsrpHeaders(new ArrayList<>(list));
        }
    }
}
