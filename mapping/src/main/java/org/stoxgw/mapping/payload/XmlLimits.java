package org.stoxgw.mapping.payload;

/**
 * Limits applied to every XML payload before and while it is parsed. The values come from
 * configuration (the wiring reads them); mapping has no defaults of its own beyond
 * {@link #DEFAULT}, which tests and benchmarks use.
 *
 * @param maxBytes largest accepted payload in bytes (checked before parsing starts)
 * @param maxDepth deepest accepted element nesting; the root element is depth 1
 */
public record XmlLimits(int maxBytes, int maxDepth) {

    /** 64 KiB, 32 levels: far above any PIDF, isComposing or IMDN document seen in practice. */
    public static final XmlLimits DEFAULT = new XmlLimits(64 * 1024, 32);

    public XmlLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
    }
}
