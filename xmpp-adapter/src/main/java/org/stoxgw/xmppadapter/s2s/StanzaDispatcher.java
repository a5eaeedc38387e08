package org.stoxgw.xmppadapter.s2s;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.stanza.DomainIqResponder;
import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.stream.Namespaces;
import org.stoxgw.xmppadapter.stream.StreamElements;
import org.stoxgw.xmppadapter.stream.Xml;
import org.stoxgw.xmppadapter.stream.XmlFrame;

/**
 * Where a stanza goes once its stream accepted it (from and to checked): an acknowledgement of our
 * own probe goes to its link; an IQ request to a gateway domain itself is answered here
 * ({@link org.stoxgw.xmppadapter.stanza.DomainIqResponder}), one to a user only when the core claims
 * its namespace (else {@code service-unavailable}); an answer to the core's own IQ request completes
 * that request ({@link PendingIqs}); everything else is parsed into Smack's model and handed to the
 * core. A stanza Smack cannot parse is answered with {@code bad-request}
 * (never silently dropped; an error is never answered with an error, RFC 6120 §8.3.1); one over its
 * remote domain's rate ({@code limits.stanza-rate}) with {@code resource-constraint} (an error or
 * result over the rate is dropped and counted as rate-limited).
 *
 * <p>Threading: the receiving stream's event loop; the core's handler is called on it.
 */
final class StanzaDispatcher {
    private static final Logger log = LoggerFactory.getLogger(StanzaDispatcher.class);
    private final XmppRuntime rt;

    StanzaDispatcher(XmppRuntime rt) {
        this.rt = rt;
    }

    /**
     * @param remote the sender's domain (authenticated on the stream)
     * @param local  the addressed gateway domain
     */
    void dispatch(XmlFrame f, String remote, String local) {
        String linkRemote = rt.componentMode() ? LinkKey.COMPONENT : remote;
        if (isProbeAnswer(f, remote, local)) {
            rt.links.acknowledge(local, linkRemote, f.id());
            return;
        }
        rt.counters.stanzasIn.increment();
        long now = System.nanoTime();
        if (!rt.stanzaRate.tryAcquire(remote, now)) {
            rt.counters.rateLimited.increment();
            int rate = rt.settings.limits().stanzaRate();
            if (rt.stanzaRate.warnNow(now)) {
                log.warn("{} sends more than {} stanzas per second (gateway.xmpp.limits.stanza-rate): answering "
                        + "resource-constraint ({} so far)", remote, rate, rt.counters.rateLimited.sum());
            }
            // XEP-0205 §3.8; type wait: the sender may retry later (RFC 6120 §8.3.3.18)
            reject(f, local, linkRemote, "wait", "resource-constraint",
                    "more than " + rate + " stanzas per second from " + remote + "; retry later");
            return;
        }
        Stanza stanza;
        try {
            stanza = f.events() != null ? StanzaCodec.parse(f.events()) : StanzaCodec.parse(f.xml());
        } catch (StanzaCodec.StanzaParseException e) {
            log.info("unparseable {} from {}: {}", f.name(), remote, e.getMessage());
            reject(f, local, linkRemote, "modify", "bad-request", "the gateway cannot parse this stanza");
            return;
        }
        if (stanza instanceof IQ iq && !routeIq(iq, f, local, linkRemote)) {
            return;
        }
        try {
            rt.handler.onStanza(new InboundStanza(stanza, remote, local));
        } catch (RuntimeException e) {
            log.error("the stanza handler failed on a {} from {}", f.name(), remote, e);
            reject(f, local, linkRemote, "wait", "internal-server-error", "the gateway failed to process this stanza");
        }
    }

    /**
     * IQs the adapter settles itself: requests to a gateway domain (answered by the responder),
     * requests to a user whose namespace the core does not claim ({@code service-unavailable}), and
     * answers to the core's own requests ({@link PendingIqs}).
     *
     * @return true when the IQ goes on to the core
     */
    private boolean routeIq(IQ iq, XmlFrame f, String local, String linkRemote) {
        boolean request = iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set;
        if (!request) {
            return !rt.pendingIqs.answer(iq);
        }
        IQ answer;
        if (Jids.isDomainOnly(f.to())) {
            answer = rt.responder.answer(iq);
        } else if (rt.handler.claimsIq(iq.getChildElementNamespace())) {
            return true;
        } else {
            answer = DomainIqResponder.error(iq, StanzaError.Condition.service_unavailable);
        }
        if (answer.getType() == IQ.Type.error) {
            rt.counters.rejected.increment();
        }
        rt.links.send(local, linkRemote, StanzaCodec.serialize(answer), true);
        return false;
    }

    /**
     * The answer to one of our acknowledgement probes: a result or error from the remote server, or
     * (component mode) our own ping routed back to us. A probe from another gateway of this software
     * carries the same prefix but is a request from a remote domain, and is answered normally.
     */
    private static boolean isProbeAnswer(XmlFrame f, String remote, String local) {
        if (!f.name().equals("iq") || f.id() == null || !f.id().startsWith(LinkRegistry.PROBE_PREFIX)) {
            return false;
        }
        return "result".equals(f.type()) || "error".equals(f.type()) || remote.equals(local);
    }

    private void reject(XmlFrame f, String local, String linkRemote, String errorType, String condition, String text) {
        if ("error".equals(f.type()) || "result".equals(f.type()) || f.from() == null) {
            return;
        }
        rt.counters.rejected.increment();
        StringBuilder b = new StringBuilder(300).append('<').append(f.name());
        StreamElements.attribute(b, "from", f.to());
        StreamElements.attribute(b, "to", f.from());
        StreamElements.attribute(b, "id", f.id());
        b.append(" type='error'><error type='").append(errorType).append("'><").append(condition).append(" xmlns='")
                .append(Namespaces.STANZAS).append("'/><text xmlns='").append(Namespaces.STANZAS).append("'>");
        Xml.escape(b, text).append("</text></error></").append(f.name()).append('>');
        rt.links.send(local, linkRemote, b.toString(), true);
    }
}
