package org.stoxgw.mapping.message;

import java.util.Objects;

/**
 * One message header of a CPIM message (RFC 3862 §3): {@code Name:;lang=xx value}.
 *
 * @param name  the header name as written, possibly with a namespace prefix ({@code imdn.Message-ID})
 * @param value the value, without escaping applied
 * @param lang  the {@code lang} parameter, "" if none
 */
public record CpimHeader(String name, String value, String lang) {
    public CpimHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        lang = lang == null ? "" : lang;
    }

    public static CpimHeader of(String name, String value) {
        return new CpimHeader(name, value, "");
    }
}
