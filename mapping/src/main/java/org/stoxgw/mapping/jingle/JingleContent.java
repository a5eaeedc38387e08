package org.stoxgw.mapping.jingle;

import java.util.Objects;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.Senders;

/**
 * {@code <content creator name senders disposition>} of XEP-0166 §7.3 (JNG-08) with at most one
 * description and one transport. {@code senders} is null when the attribute is absent (meaning both,
 * MEDIA-09); {@code disposition} null means {@code session}. The description is an
 * {@link RtpDescription} or, for another application, the element as parsed (the translator refuses
 * it with {@code unsupported-applications}); likewise the transport is an {@link IceUdpTransport},
 * {@link RawUdpTransport} or another element ({@code unsupported-transports}).
 */
public record JingleContent(Role creator, String name, Senders senders, String disposition, XmlElement description,
                            XmlElement transport) implements ExtensionElement {
    public static final String ELEMENT = "content";

    public JingleContent {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.JINGLE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        xml.attribute("creator", creator.xml()).optAttribute("disposition", disposition).attribute("name", name);
        if (senders != null) {
            xml.attribute("senders", senders.xml());
        }
        if (description == null && transport == null) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        xml.optAppend(description);
        xml.optAppend(transport);
        return xml.closeElement(this);
    }
}
