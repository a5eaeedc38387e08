package org.stoxgw.mapping.jingle;

/**
 * The namespaces of the Jingle elements the gateway reads and writes (spec 06-media header; the
 * draft's typos are not used, AMB-V01). {@link #RTP_TYPO} and {@link #RAW_UDP_TYPO} are the draft's
 * misspellings, accepted on input only.
 */
public final class JingleNamespaces {
    public static final String JINGLE = "urn:xmpp:jingle:1";
    public static final String ERRORS = "urn:xmpp:jingle:errors:1";
    public static final String RTP = "urn:xmpp:jingle:apps:rtp:1";
    public static final String RTP_INFO = "urn:xmpp:jingle:apps:rtp:info:1";
    public static final String RTP_ERRORS = "urn:xmpp:jingle:apps:rtp:errors:1";
    public static final String RTCP_FB = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";
    public static final String HDREXT = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
    public static final String SSMA = "urn:xmpp:jingle:apps:rtp:ssma:0";
    public static final String GROUPING = "urn:xmpp:jingle:apps:grouping:0";
    public static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";
    public static final String RAW_UDP = "urn:xmpp:jingle:transports:raw-udp:1";
    public static final String DTLS = "urn:xmpp:jingle:apps:dtls:0";
    public static final String JMI = "urn:xmpp:jingle-message:0";
    public static final String RTP_TYPO = "urn:xmpp:jingle:app:rtp:1";
    public static final String RAW_UDP_TYPO = "urn:xmpp:jingle:transport:raw-udp";

    private JingleNamespaces() {
    }
}
