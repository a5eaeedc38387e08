package org.stoxgw.mapping.jingle;

import java.util.List;
import java.util.Objects;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * A Jingle Message Initiation element (XEP-0353, namespace {@code urn:xmpp:jingle-message:0}) in a
 * {@code <message/>}: {@code <propose id>} with the offered media as {@code <description media/>}s,
 * {@code <ringing/>}, {@code <proceed/>}, {@code <accept/>} (sent to the user's own bare JID so the
 * other devices stop ringing), {@code <reject/>}, {@code <retract/>} and {@code <finish/>}, the last three
 * with an optional {@link JingleReason}. {@code id} is the future Jingle sid. This is how Conversations,
 * Dino and Gajim ring (AMB-V09).
 */
public record JingleMessage(Kind kind, String id, List<String> media, JingleReason reason) implements ExtensionElement {
    public enum Kind {
        PROPOSE, RINGING, PROCEED, ACCEPT, REJECT, RETRACT, FINISH;

        public String xml() {
            return XmlNames.of(this);
        }

        public static Kind fromXml(String s) {
            return XmlNames.find(values(), s);
        }
    }

    public JingleMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        media = List.copyOf(media);
    }

    public static JingleMessage of(Kind kind, String id) {
        return new JingleMessage(kind, id, List.of(), null);
    }

    @Override
    public String getElementName() {
        return kind.xml();
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.JMI;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        xml.attribute("id", id);
        if (media.isEmpty() && reason == null) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        for (String m : media) {
            xml.halfOpenElement("description").xmlnsAttribute(JingleNamespaces.RTP).attribute("media", m).closeEmptyElement();
        }
        if (reason != null) {
            xml.append(reason.toXML(new XmlEnvironment(JingleNamespaces.JMI)));
        }
        return xml.closeElement(this);
    }
}
