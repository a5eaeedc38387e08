package org.stoxgw.mapping.jingle;

/** The {@code action} values of XEP-0166 §7.2. An unknown action is answered with {@code <bad-request/>} (JNG-05). */
public enum JingleAction {
    CONTENT_ACCEPT, CONTENT_ADD, CONTENT_MODIFY, CONTENT_REJECT, CONTENT_REMOVE, DESCRIPTION_INFO, SECURITY_INFO,
    SESSION_ACCEPT, SESSION_INFO, SESSION_INITIATE, SESSION_TERMINATE, TRANSPORT_ACCEPT, TRANSPORT_INFO,
    TRANSPORT_REJECT, TRANSPORT_REPLACE;

    private final String xml = XmlNames.of(this);

    public String xml() {
        return xml;
    }

    /** The action named {@code s}, or null if it is none of XEP-0166's. */
    public static JingleAction fromXml(String s) {
        return XmlNames.find(values(), s);
    }
}
