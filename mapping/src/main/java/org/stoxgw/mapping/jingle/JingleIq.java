package org.stoxgw.mapping.jingle;

import java.util.List;
import java.util.Objects;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlElement;

/**
 * The {@code <jingle/>} IQ of XEP-0166 with everything the call path needs, replacing Smack's
 * {@code org.jivesoftware.smackx.jingle.element.Jingle} for {@code urn:xmpp:jingle:1} (DECISIONS
 * CALL-03: Smack's provider drops session-info payloads and XEP-0338 groups, and throws on unknown
 * {@code senders}).
 *
 * <ul>
 *   <li>{@code action} is null when the attribute names no XEP-0166 action: answer {@code <bad-request/>}
 *       (JNG-05); {@link #actionXml()} keeps what was sent.</li>
 *   <li>{@code initiator}/{@code responder} are the attribute texts, null when absent (JNG-06).</li>
 *   <li>{@code payloads}: the other children (session-info payloads: {@link RtpInfo}, or the unknown element
 *       as parsed, which is answered with {@code <unsupported-info/>}, JNG-09).</li>
 * </ul>
 * Immutable after construction. Build an outbound one with an {@link IqData} carrying id, from, to, type.
 */
public final class JingleIq extends IQ {
    public static final String ELEMENT = "jingle";

    private final String actionXml;
    private final JingleAction action;
    private final String sid;
    private final String initiator;
    private final String responder;
    private final List<JingleContent> contents;
    private final List<JingleGroup> groups;
    private final List<XmlElement> payloads;
    private final JingleReason reason;

    /** A Jingle IQ from {@code iqData} (id, from, to, type). */
    public JingleIq(IqData iqData, String actionXml, String sid, String initiator, String responder,
                    List<JingleContent> contents, List<JingleGroup> groups, List<XmlElement> payloads,
                    JingleReason reason) {
        super(iqData, ELEMENT, JingleNamespaces.JINGLE);
        this.actionXml = Objects.requireNonNull(actionXml, "actionXml");
        this.action = JingleAction.fromXml(actionXml);
        this.sid = Objects.requireNonNull(sid, "sid");
        this.initiator = initiator;
        this.responder = responder;
        this.contents = List.copyOf(contents);
        this.groups = List.copyOf(groups);
        this.payloads = List.copyOf(payloads);
        this.reason = reason;
    }

    /** A Jingle IQ with {@code action}. */
    public JingleIq(IqData iqData, JingleAction action, String sid, String initiator, String responder,
                    List<JingleContent> contents, List<JingleGroup> groups, List<XmlElement> payloads,
                    JingleReason reason) {
        this(iqData, action.xml(), sid, initiator, responder, contents, groups, payloads, reason);
    }

    public JingleAction action() {
        return action;
    }

    public String actionXml() {
        return actionXml;
    }

    public String sid() {
        return sid;
    }

    public String initiator() {
        return initiator;
    }

    public String responder() {
        return responder;
    }

    public List<JingleContent> contents() {
        return contents;
    }

    public List<JingleGroup> groups() {
        return groups;
    }

    public List<XmlElement> payloads() {
        return payloads;
    }

    public JingleReason reason() {
        return reason;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.attribute("action", actionXml);
        xml.optAttribute("initiator", initiator);
        xml.optAttribute("responder", responder);
        xml.attribute("sid", sid);
        xml.rightAngleBracket();
        xml.append(contents);
        xml.append(groups);
        xml.append(payloads);
        xml.optAppend(reason);
        return xml;
    }
}
