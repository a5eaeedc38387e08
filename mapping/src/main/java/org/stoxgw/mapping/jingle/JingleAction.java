package org.stoxgw.mapping.jingle;

import java.util.Locale;

/** The {@code action} values of XEP-0166 §7.2. An unknown action is answered with {@code <bad-request/>} (JNG-05). */
public enum JingleAction {
    CONTENT_ACCEPT, CONTENT_ADD, CONTENT_MODIFY, CONTENT_REJECT, CONTENT_REMOVE, DESCRIPTION_INFO, SECURITY_INFO,
    SESSION_ACCEPT, SESSION_INFO, SESSION_INITIATE, SESSION_TERMINATE, TRANSPORT_ACCEPT, TRANSPORT_INFO,
    TRANSPORT_REJECT, TRANSPORT_REPLACE;

    private final String xml = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String xml() {
        return xml;
    }

    /** The action named {@code s}, or null if it is none of XEP-0166's. */
    public static JingleAction fromXml(String s) {
        if (s == null) {
            return null;
        }
        for (JingleAction a : values()) {
            if (a.xml.equals(s)) {
                return a;
            }
        }
        return null;
    }
}
