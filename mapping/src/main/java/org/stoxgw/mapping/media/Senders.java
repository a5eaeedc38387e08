package org.stoxgw.mapping.media;

/**
 * Who sends media on a content, absolute as Jingle {@code senders} is (XEP-0166 §7.3). SDP's
 * direction attributes are relative to the author of the SDP, so converting needs the author's
 * {@link Role} (spec digest §2.3, AMB-V14): {@code senders='initiator'} is {@code a=sendonly} in an
 * SDP the initiator wrote and {@code a=recvonly} in one the responder wrote. Absent {@code senders}
 * means {@link #BOTH} = {@code a=sendrecv} (MEDIA-09).
 */
public enum Senders {
    BOTH, INITIATOR, RESPONDER, NONE;

    /** The Jingle attribute value. */
    public String xml() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a Jingle {@code senders} value; null (absent) is {@link #BOTH} (MEDIA-09); unknown values give null. */
    public static Senders fromXml(String s) {
        if (s == null) {
            return BOTH;
        }
        return switch (s) {
            case "both" -> BOTH;
            case "initiator" -> INITIATOR;
            case "responder" -> RESPONDER;
            case "none" -> NONE;
            default -> null;
        };
    }

    /** Whether {@code role} sends media. */
    public boolean sends(Role role) {
        return this == BOTH || (this == INITIATOR && role == Role.INITIATOR) || (this == RESPONDER && role == Role.RESPONDER);
    }

    /** The senders when {@code initiatorSends} and {@code responderSends}. */
    public static Senders of(boolean initiatorSends, boolean responderSends) {
        if (initiatorSends) {
            return responderSends ? BOTH : INITIATOR;
        }
        return responderSends ? RESPONDER : NONE;
    }

    /** The SDP direction attribute name for an SDP written by {@code author} (§2.3). */
    public String sdpDirection(Role author) {
        boolean send = sends(author);
        boolean recv = sends(author.other());
        if (send && recv) {
            return "sendrecv";
        }
        if (send) {
            return "sendonly";
        }
        return recv ? "recvonly" : "inactive";
    }

    /** The senders an SDP direction attribute written by {@code author} means; null if {@code attr} is no direction. */
    public static Senders fromSdpDirection(String attr, Role author) {
        boolean authorSends;
        boolean otherSends;
        switch (attr) {
            case "sendrecv" -> { authorSends = true; otherSends = true; }
            case "sendonly" -> { authorSends = true; otherSends = false; }
            case "recvonly" -> { authorSends = false; otherSends = true; }
            case "inactive" -> { authorSends = false; otherSends = false; }
            default -> { return null; }
        }
        return author == Role.INITIATOR ? of(authorSends, otherSends) : of(otherSends, authorSends);
    }
}
