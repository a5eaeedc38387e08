package org.stoxgw.mapping.jingle;

import java.util.List;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.Fingerprint;

/**
 * {@code <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag pwd>} (XEP-0176 §5.3, ICE-01)
 * with its {@code <candidate/>}s and XEP-0320 {@code <fingerprint/>}s (DTLS-01). {@code ufrag}/{@code pwd}
 * are null when absent (allowed in a session-initiate without candidates).
 */
public record IceUdpTransport(String ufrag, String pwd, List<Candidate> candidates, List<Fingerprint> fingerprints)
        implements ExtensionElement {
    public IceUdpTransport {
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
    }

    @Override
    public String getElementName() {
        return "transport";
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.ICE_UDP;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        xml.optAttribute("pwd", pwd).optAttribute("ufrag", ufrag);
        if (candidates.isEmpty() && fingerprints.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        for (Fingerprint f : fingerprints) {
            fingerprint(xml, f);
        }
        for (Candidate c : candidates) {
            xml.halfOpenElement("candidate").attribute("component", c.component()).attribute("foundation", c.foundation())
                    .attribute("generation", c.generation()).optAttribute("id", c.id()).attribute("ip", c.ip());
            if (c.network() != null) {
                xml.attribute("network", c.network().intValue());
            }
            xml.attribute("port", c.port()).attribute("priority", c.priority()).attribute("protocol", c.protocol())
                    .optAttribute("rel-addr", c.relAddr());
            if (c.relAddr() != null) {
                xml.attribute("rel-port", c.relPort());
            }
            xml.attribute("type", c.type()).closeEmptyElement();
        }
        return xml.closeElement(this);
    }

    static void fingerprint(XmlStringBuilder xml, Fingerprint f) {
        xml.halfOpenElement("fingerprint").xmlnsAttribute(JingleNamespaces.DTLS).attribute("hash", f.hash());
        if (f.setup() != null && f.setup() != Fingerprint.Setup.HOLDCONN) {
            xml.attribute("setup", f.setup().token());
        }
        xml.rightAngleBracket().escape(f.value()).closeElement("fingerprint");
    }

    @Override
    public String toString() {
        return "IceUdpTransport[ufrag=" + ufrag + ", pwd=(hidden), candidates=" + candidates + ", fingerprints="
                + fingerprints + "]";
    }
}
