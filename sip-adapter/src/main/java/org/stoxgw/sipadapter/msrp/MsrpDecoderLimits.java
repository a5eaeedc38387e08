package org.stoxgw.sipadapter.msrp;

/**
 * Limits of {@link MsrpDecoder}, each a config key (gateway.msrp.*).
 *
 * @param maxLineLength longest start line or header line in octets, CRLF excluded (paths of a few
 *                      relays fit in 2048)
 * @param maxHeaders    most header lines in one frame
 * @param maxChunkBody  largest body kept for one chunk; a longer one is reported truncated and the
 *                      rest of it discarded up to its end-line (the endpoint answers 413)
 */
public record MsrpDecoderLimits(int maxLineLength, int maxHeaders, int maxChunkBody) {

    public static final MsrpDecoderLimits DEFAULT = new MsrpDecoderLimits(4096, 32, 1024 * 1024);

    public MsrpDecoderLimits {
        if (maxLineLength < 64 || maxHeaders < 4 || maxChunkBody < 0) {
            throw new IllegalArgumentException("MSRP decoder limits too small: " + maxLineLength + "/" + maxHeaders
                    + "/" + maxChunkBody);
        }
    }
}
