package org.stoxgw.mapping.jingle;

import java.util.List;
import java.util.Objects;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/** XEP-0338 {@code <group semantics><content name/>…</group>} (BUNDLE, ↔ {@code a=group}); a child of {@code <jingle/>}. */
public record JingleGroup(String semantics, List<String> names) implements ExtensionElement {
    public JingleGroup {
        Objects.requireNonNull(semantics, "semantics");
        names = List.copyOf(names);
    }

    @Override
    public String getElementName() {
        return "group";
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.GROUPING;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        xml.attribute("semantics", semantics).rightAngleBracket();
        for (String n : names) {
            xml.halfOpenElement("content").attribute("name", n).closeEmptyElement();
        }
        return xml.closeElement(this);
    }
}
