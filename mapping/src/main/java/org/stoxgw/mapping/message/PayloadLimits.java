package org.stoxgw.mapping.message;

import org.stoxgw.mapping.payload.XmlLimits;

/**
 * Limits for message payloads, from configuration.
 *
 * @param maxBytes   largest accepted body (and CPIM-wrapped content) in bytes
 * @param maxDepth   deepest element nesting in XML and HTML payloads
 * @param maxHeaders most header lines accepted in a CPIM header block
 */
public record PayloadLimits(int maxBytes, int maxDepth, int maxHeaders) {

    /** 64 KiB, 32 levels, 64 CPIM headers. */
    public static final PayloadLimits DEFAULT = new PayloadLimits(64 * 1024, 32, 64);

    public PayloadLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxHeaders < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The same limits for the XML parser. */
    public XmlLimits xml() {
        return new XmlLimits(maxBytes, maxDepth);
    }
}
