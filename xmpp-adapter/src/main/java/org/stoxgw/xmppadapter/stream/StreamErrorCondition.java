package org.stoxgw.xmppadapter.stream;

import java.util.Locale;

/**
 * The defined stream error conditions of RFC 6120 §4.9.3, written on the wire in lower case with
 * dashes ({@code <host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>}).
 */
public enum StreamErrorCondition {
    BAD_FORMAT, BAD_NAMESPACE_PREFIX, CONFLICT, CONNECTION_TIMEOUT, HOST_GONE, HOST_UNKNOWN,
    IMPROPER_ADDRESSING, INTERNAL_SERVER_ERROR, INVALID_FROM, INVALID_NAMESPACE, INVALID_XML,
    NOT_AUTHORIZED, NOT_WELL_FORMED, POLICY_VIOLATION, REMOTE_CONNECTION_FAILED, RESET,
    RESOURCE_CONSTRAINT, RESTRICTED_XML, SEE_OTHER_HOST, SYSTEM_SHUTDOWN, UNDEFINED_CONDITION,
    UNSUPPORTED_ENCODING, UNSUPPORTED_FEATURE, UNSUPPORTED_STANZA_TYPE, UNSUPPORTED_VERSION;

    /** The XML namespace of stream error conditions (RFC 6120 §4.9.2). */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The element name, e.g. {@code host-unknown}. */
    public String elementName() {
        return elementName;
    }

    /** The condition named by {@code element}, or {@link #UNDEFINED_CONDITION} when unknown. */
    public static StreamErrorCondition fromElementName(String element) {
        for (StreamErrorCondition c : values()) {
            if (c.elementName.equals(element)) {
                return c;
            }
        }
        return UNDEFINED_CONDITION;
    }
}
