package org.stoxgw.xmppadapter.stream;

/**
 * Limits the decoder enforces on every stream (Aalto has none of its own).
 *
 * @param maxStanzaBytes size of one first-level element, measured as its re-serialised characters,
 *                       and of any single token (header, attribute value, text run) still being read
 * @param maxDepth       nesting depth, counting the stream root as 1
 * @param maxAttributes  attributes on one element
 */
public record StreamLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    public StreamLimits {
        if (maxStanzaBytes < 1024 || maxDepth < 3 || maxAttributes < 4) {
            throw new IllegalArgumentException("limits too small: " + maxStanzaBytes + "/" + maxDepth + "/" + maxAttributes);
        }
    }
}
