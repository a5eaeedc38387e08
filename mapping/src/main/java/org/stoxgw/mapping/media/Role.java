package org.stoxgw.mapping.media;

/**
 * The two parties of a call in Jingle terms (XEP-0166 §7.1): the initiator sent the first offer.
 * A content's {@code creator}, the absolute {@link Senders} and the perspective of an SDP body
 * (who wrote it, §2.3 of the spec digest) are all expressed with it.
 */
public enum Role {
    INITIATOR, RESPONDER;

    /** The other party. */
    public Role other() {
        return this == INITIATOR ? RESPONDER : INITIATOR;
    }

    /** The XML attribute value ({@code initiator} / {@code responder}). */
    public String xml() {
        return this == INITIATOR ? "initiator" : "responder";
    }

    /** Parses the XML attribute value; null for anything else. */
    public static Role fromXml(String s) {
        if ("initiator".equals(s)) {
            return INITIATOR;
        }
        return "responder".equals(s) ? RESPONDER : null;
    }
}
