package org.stoxgw.mapping.jingle;

import java.util.Objects;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * A session-info payload of XEP-0167 §6 (RTP-07): {@code <active/>}, {@code <hold/>}, {@code <unhold/>},
 * {@code <mute/>}/{@code <unmute/>} (optional {@code creator} and {@code name} of the content), {@code <ringing/>}.
 */
public record RtpInfo(Kind kind, String creator, String name) implements ExtensionElement {
    public enum Kind {
        ACTIVE, HOLD, UNHOLD, MUTE, UNMUTE, RINGING;

        public String xml() {
            return XmlNames.of(this);
        }

        public static Kind fromXml(String s) {
            return XmlNames.find(values(), s);
        }
    }

    public RtpInfo {
        Objects.requireNonNull(kind, "kind");
    }

    public static RtpInfo of(Kind kind) {
        return new RtpInfo(kind, null, null);
    }

    @Override
    public String getElementName() {
        return kind.xml();
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.RTP_INFO;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        xml.optAttribute("creator", creator).optAttribute("name", name);
        return xml.closeEmptyElement();
    }
}
