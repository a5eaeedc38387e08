package org.stoxgw.mapping.jingle;

import java.util.List;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.stoxgw.mapping.media.Candidate;

/**
 * {@code <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>} (XEP-0177 §4, RAW-01): candidates
 * with {@code component}, {@code generation}, {@code id}, {@code ip}, {@code port} (all required) and an
 * optional {@code type} hint.
 */
public record RawUdpTransport(List<Candidate> candidates) implements ExtensionElement {
    public RawUdpTransport {
        candidates = List.copyOf(candidates);
    }

    @Override
    public String getElementName() {
        return "transport";
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.RAW_UDP;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        if (candidates.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        for (Candidate c : candidates) {
            xml.halfOpenElement("candidate").attribute("component", c.component()).attribute("generation", c.generation())
                    .attribute("id", c.id() == null ? "c" + c.component() : c.id()).attribute("ip", c.ip())
                    .attribute("port", c.port()).closeEmptyElement();
        }
        return xml.closeElement(this);
    }
}
