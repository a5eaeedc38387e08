package org.stoxgw.mapping.jingle;

import java.util.Objects;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * {@code <reason/>} of XEP-0166 §7.4 (JNG-04): one condition, optional {@code <text/>}, the
 * alternative session's sid, and an application condition in the RTP errors namespace
 * ({@code <invalid-crypto/>}, {@code <crypto-required/>}, RTP-06), each null when absent.
 */
public final class JingleReason implements ExtensionElement {
    public static final String ELEMENT = "reason";

    /** XEP-0166 §7.4 conditions. */
    public enum Condition {
        ALTERNATIVE_SESSION, BUSY, CANCEL, CONNECTIVITY_ERROR, DECLINE, EXPIRED, FAILED_APPLICATION, FAILED_TRANSPORT,
        GENERAL_ERROR, GONE, INCOMPATIBLE_PARAMETERS, MEDIA_ERROR, SECURITY_ERROR, SUCCESS, TIMEOUT,
        UNSUPPORTED_APPLICATIONS, UNSUPPORTED_TRANSPORTS;

        private final String xml = XmlNames.of(this);

        public String xml() {
            return xml;
        }

        public static Condition fromXml(String s) {
            return XmlNames.find(values(), s);
        }
    }

    private final Condition condition;
    private final String text;
    private final String alternativeSid;
    private final String rtpError;

    public JingleReason(Condition condition, String text, String alternativeSid, String rtpError) {
        this.condition = Objects.requireNonNull(condition, "condition");
        this.text = text;
        this.alternativeSid = alternativeSid;
        this.rtpError = rtpError;
    }

    public static JingleReason of(Condition c) {
        return new JingleReason(c, null, null, null);
    }

    public static JingleReason of(Condition c, String text) {
        return new JingleReason(c, text == null || text.isEmpty() ? null : text, null, null);
    }

    public Condition condition() {
        return condition;
    }

    public String text() {
        return text;
    }

    public String alternativeSid() {
        return alternativeSid;
    }

    public String rtpError() {
        return rtpError;
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
        xml.rightAngleBracket();
        if (condition == Condition.ALTERNATIVE_SESSION && alternativeSid != null) {
            xml.openElement(condition.xml()).element("sid", alternativeSid).closeElement(condition.xml());
        } else {
            xml.emptyElement(condition.xml());
        }
        xml.optElement("text", text);
        if (rtpError != null) {
            xml.halfOpenElement(rtpError).xmlnsAttribute(JingleNamespaces.RTP_ERRORS).closeEmptyElement();
        }
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JingleReason r && r.condition == condition && Objects.equals(r.text, text)
                && Objects.equals(r.alternativeSid, alternativeSid) && Objects.equals(r.rtpError, rtpError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(condition, text, alternativeSid, rtpError);
    }

    @Override
    public String toString() {
        return "JingleReason[" + condition.xml() + (text == null ? "" : ", " + text) + "]";
    }
}
