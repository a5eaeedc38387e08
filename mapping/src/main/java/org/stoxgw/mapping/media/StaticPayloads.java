package org.stoxgw.mapping.media;

/**
 * The static RTP payload types of RFC 3551 §6 (tables 4 and 5): what an {@code m=} format without
 * {@code a=rtpmap} means, and the clock rate a Jingle {@code <payload-type/>} for a static type may
 * leave out (RTP-02; V1 fills G729's 8000).
 */
public final class StaticPayloads {
    private static final String[] NAMES = new String[35];
    private static final int[] RATES = new int[35];
    private static final int[] CHANNELS = new int[35];

    static {
        def(0, "PCMU", 8000, 1);
        def(3, "GSM", 8000, 1);
        def(4, "G723", 8000, 1);
        def(5, "DVI4", 8000, 1);
        def(6, "DVI4", 16000, 1);
        def(7, "LPC", 8000, 1);
        def(8, "PCMA", 8000, 1);
        def(9, "G722", 8000, 1);
        def(10, "L16", 44100, 2);
        def(11, "L16", 44100, 1);
        def(12, "QCELP", 8000, 1);
        def(13, "CN", 8000, 1);
        def(14, "MPA", 90000, 1);
        def(15, "G728", 8000, 1);
        def(16, "DVI4", 11025, 1);
        def(17, "DVI4", 22050, 1);
        def(18, "G729", 8000, 1);
        def(25, "CelB", 90000, 1);
        def(26, "JPEG", 90000, 1);
        def(28, "nv", 90000, 1);
        def(31, "H261", 90000, 1);
        def(32, "MPV", 90000, 1);
        def(33, "MP2T", 90000, 1);
        def(34, "H263", 90000, 1);
    }

    private StaticPayloads() {
    }

    private static void def(int pt, String name, int rate, int channels) {
        NAMES[pt] = name;
        RATES[pt] = rate;
        CHANNELS[pt] = channels;
    }

    /** The registered encoding name of static payload type {@code pt}, or null if unassigned. */
    public static String name(int pt) {
        return pt >= 0 && pt < NAMES.length ? NAMES[pt] : null;
    }

    /** The clock rate of static payload type {@code pt}, or 0 if unassigned. */
    public static int clockrate(int pt) {
        return pt >= 0 && pt < RATES.length ? RATES[pt] : 0;
    }

    /** The channel count of static payload type {@code pt} (1 if unassigned). */
    public static int channels(int pt) {
        return pt >= 0 && pt < CHANNELS.length && CHANNELS[pt] > 0 ? CHANNELS[pt] : 1;
    }

    /**
     * The canonical channel count to write in SDP: Opus is always {@code opus/48000/2} (RFC 7587 §7,
     * MEDIA-26) whatever the Jingle side said.
     */
    public static int sdpChannels(Codec c) {
        return c.name().equalsIgnoreCase("opus") ? 2 : c.channels();
    }
}
