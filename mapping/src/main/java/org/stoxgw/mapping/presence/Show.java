package org.stoxgw.mapping.presence;

import org.jivesoftware.smack.packet.Presence;

/**
 * Availability detail of an available resource: the XMPP {@code <show/>} values (RFC 6121 §4.7.2.1)
 * plus {@link #NONE} for "available, no show". Carried in PIDF as {@code <show xmlns='jabber:client'>}
 * inside {@code <status>} (RFC 8048 §6.2 note 7, PRES-36).
 */
public enum Show {
    NONE(""),
    CHAT("chat"),
    AWAY("away"),
    XA("xa"),
    DND("dnd");

    private final String token;

    Show(String token) {
        this.token = token;
    }

    /** The {@code <show/>} text, "" for {@link #NONE}. */
    public String token() {
        return token;
    }

    /** The value for a {@code <show/>} text; unknown or empty text gives {@link #NONE}. */
    public static Show fromToken(String text) {
        if (text == null) {
            return NONE;
        }
        return switch (text.trim()) {
            case "chat" -> CHAT;
            case "away" -> AWAY;
            case "xa" -> XA;
            case "dnd" -> DND;
            default -> NONE;
        };
    }

    /** From Smack's mode ({@code available} is {@link #NONE}). */
    public static Show of(Presence.Mode mode) {
        if (mode == null) {
            return NONE;
        }
        return switch (mode) {
            case chat -> CHAT;
            case away -> AWAY;
            case xa -> XA;
            case dnd -> DND;
            default -> NONE;
        };
    }

    /** Smack's mode for this value. */
    public Presence.Mode mode() {
        return switch (this) {
            case CHAT -> Presence.Mode.chat;
            case AWAY -> Presence.Mode.away;
            case XA -> Presence.Mode.xa;
            case DND -> Presence.Mode.dnd;
            case NONE -> Presence.Mode.available;
        };
    }

    /**
     * How available this is, for choosing the "most available" of several tuples for one resource
     * (RFC 8048 §6.2 asks SIP UAs to prefer the most available; we apply the same order).
     */
    int rank() {
        return switch (this) {
            case CHAT -> 5;
            case NONE -> 4;
            case AWAY -> 3;
            case XA -> 2;
            case DND -> 1;
        };
    }
}
