package org.stoxgw.sipadapter.invite;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of a Reason header (RFC 3326): why a call ended or was cancelled, e.g.
 * {@code SIP;cause=486;text="Busy Here"} or {@code Q.850;cause=16}.
 *
 * @param protocol {@code SIP}, {@code Q.850} or another token, as written
 * @param cause    the cause code, or -1 when absent
 * @param text     the quoted text, unquoted; empty when absent
 */
public record SipReason(String protocol, int cause, String text) {
    private static final Pattern CAUSE = Pattern.compile("(?i);\\s*cause\\s*=\\s*(\\d{1,5})");
    private static final Pattern TEXT = Pattern.compile("(?i);\\s*text\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public SipReason {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(text, "text");
        if (!protocol.matches("[A-Za-z0-9.!%*_+`'~-]+")) {
            throw new IllegalArgumentException("Reason protocol is not a token: " + protocol);
        }
    }

    /** {@code SIP;cause=<status>;text="<text>"}. */
    public static SipReason sip(int status, String text) {
        return new SipReason("SIP", status, text == null ? "" : text);
    }

    /**
     * Parses one Reason header value.
     *
     * @return empty when the value has no protocol token
     */
    public static Optional<SipReason> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        int semi = v.indexOf(';');
        String protocol = (semi < 0 ? v : v.substring(0, semi)).trim();
        if (protocol.isEmpty() || !protocol.matches("[A-Za-z0-9.!%*_+`'~-]+")) {
            return Optional.empty();
        }
        Matcher c = CAUSE.matcher(v);
        Matcher t = TEXT.matcher(v);
        int cause = c.find() ? Integer.parseInt(c.group(1)) : -1;
        String text = t.find() ? t.group(1).replaceAll("\\\\(.)", "$1") : "";
        return Optional.of(new SipReason(protocol, cause, text));
    }

    /** The header value, e.g. {@code SIP;cause=200;text="Call completed elsewhere"}. */
    public String headerValue() {
        StringBuilder sb = new StringBuilder(protocol);
        if (cause >= 0) {
            sb.append(";cause=").append(cause);
        }
        if (!text.isEmpty()) {
            sb.append(";text=\"").append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.toString();
    }

    /** Whether this is a {@code SIP} protocol reason. */
    public boolean isSip() {
        return protocol.toUpperCase(Locale.ROOT).equals("SIP");
    }
}
