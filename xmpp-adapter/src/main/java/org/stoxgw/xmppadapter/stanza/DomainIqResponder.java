package org.stoxgw.xmppadapter.stanza;

import java.util.List;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;

/**
 * Answers IQ requests addressed to a gateway domain itself (not to a user at it): service discovery
 * (XEP-0030) with the identity {@code gateway/sip} and the features below, XMPP ping (XEP-0199), and
 * {@code service-unavailable} for everything else (RFC 6120 §8.3.3.19; never forward an unknown IQ,
 * libraries.md §1 trap 3). IQs to users go to the core instead.
 *
 * <p>The feature list is fixed at construction; the core can pass a longer one when it implements
 * more (e.g. presence or chat features). Pure and thread-safe.
 */
public final class DomainIqResponder {
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String PING = "urn:xmpp:ping";
    /** JIDESC-11: XEP-0106 §6 says a gateway that escapes advertises this feature. */
    public static final String JID_ESCAPING = "jid\\20escaping";
    /** What the adapter alone implements. */
    public static final List<String> DEFAULT_FEATURES = List.of(DISCO_INFO, PING, JID_ESCAPING);

    private final List<String> features;
    private final String name;

    /**
     * @param features disco#info features of the gateway's domains
     * @param name     the identity's human-readable name
     */
    public DomainIqResponder(List<String> features, String name) {
        this.features = List.copyOf(features);
        this.name = name;
    }

    /** The response to {@code iq}, a get or set whose 'to' is a served domain. */
    public IQ answer(IQ iq) {
        String ns = iq.getChildElementNamespace();
        if (iq.getType() == IQ.Type.get && DISCO_INFO.equals(ns)) {
            if (iq instanceof DiscoverInfo d && d.getNode() != null) {
                return error(iq, StanzaError.Condition.item_not_found);
            }
            DiscoverInfoBuilder b = DiscoverInfo.builder(iq.getStanzaId()).ofType(IQ.Type.result)
                    .to(iq.getFrom()).from(iq.getTo())
                    .addIdentity(new DiscoverInfo.Identity("gateway", name, "sip")); // (category, name, type)
            features.forEach(b::addFeature);
            return b.build();
        }
        if (iq.getType() == IQ.Type.get && PING.equals(ns)) {
            return IQ.createResultIQ(iq);
        }
        return error(iq, StanzaError.Condition.service_unavailable);
    }

    /**
     * An error reply without the request's payload: Smack would echo an unknown payload escaped
     * (UnparsedIQ, libraries.md §1 trap 3), and RFC 6120 §8.3.1 does not require it.
     */
    public static IQ error(IQ request, StanzaError.Condition condition) {
        IqData data = StanzaBuilder.buildIqData(request.getStanzaId()).ofType(IQ.Type.error)
                .to(request.getFrom()).from(request.getTo());
        return ErrorIQ.builder(StanzaError.getBuilder(condition).build(), data).build();
    }
}
