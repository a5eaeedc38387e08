package org.stoxgw.mapping.address;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;

/**
 * The gateway's answer to a disco#info query at one of its XMPP domains (XEP-0030 §3.1): the
 * identity {@code gateway/sip} (XEP-0030 registry) and the features, always including
 * {@code jid\20escaping} (XEP-0106 §6, JIDESC-11) because every address through a gateway domain
 * rides XEP-0106-escaped. Pure, any thread.
 */
public final class GatewayDisco {

    /** The disco#info namespace, itself a feature every responder lists (XEP-0030 §3.1). */
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private GatewayDisco() {
    }

    /**
     * The result for a disco#info request without a node (addressed to a gateway domain).
     *
     * @param request       the query; its id, from and to are mirrored
     * @param name          the identity's human-readable name, e.g. "stoxgw SIP gateway"
     * @param otherFeatures further features the caller supports (duplicates are dropped)
     */
    public static DiscoverInfo infoResult(DiscoverInfo request, String name, Collection<String> otherFeatures) {
        DiscoverInfoBuilder b = DiscoverInfoBuilder.buildResponseFor(request, IQ.ResponseType.result)
                .addIdentity(new DiscoverInfo.Identity("gateway", name, "sip"))
                .addFeature(DISCO_INFO)
                .addFeature(JidEscaping.DISCO_FEATURE);
        Set<String> others = new LinkedHashSet<>(otherFeatures);
        others.remove(DISCO_INFO);
        others.remove(JidEscaping.DISCO_FEATURE);
        others.forEach(b::addFeature);
        return b.build();
    }
}
