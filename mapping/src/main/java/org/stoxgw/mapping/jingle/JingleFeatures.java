package org.stoxgw.mapping.jingle;

import java.util.List;

/**
 * The service discovery features (XEP-0030) a gateway that maps calls advertises for its JIDs: Jingle,
 * RTP audio and video (XEP-0167 §11), ICE-UDP, Raw UDP, DTLS-SRTP (XEP-0320 §2, DTLS-01), rtcp-fb,
 * header extensions, source grouping, BUNDLE, XEP-0353. Not {@code urn:ietf:rfc:3264}: offer/answer-only
 * peers would stop trickling to us (MEDIA-06; ICE-03 conflicts, AMB-V05). The core adds them to disco
 * only while calls are enabled.
 */
public final class JingleFeatures {
    public static final List<String> FEATURES = List.of(JingleNamespaces.JINGLE, JingleNamespaces.RTP,
            "urn:xmpp:jingle:apps:rtp:audio", "urn:xmpp:jingle:apps:rtp:video", JingleNamespaces.ICE_UDP,
            JingleNamespaces.RAW_UDP, JingleNamespaces.DTLS, JingleNamespaces.RTCP_FB, JingleNamespaces.HDREXT,
            JingleNamespaces.SSMA, JingleNamespaces.GROUPING, JingleNamespaces.JMI);

    private JingleFeatures() {
    }
}
