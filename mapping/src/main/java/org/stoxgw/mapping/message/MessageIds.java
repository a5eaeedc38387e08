package org.stoxgw.mapping.message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.stoxgw.mapping.payload.Utf8;

/**
 * Identifiers the gateway writes into translated messages (AMB-M03), built so that what comes back
 * later can be correlated without any table, even after a restart:
 * <ul>
 *   <li><b>S2X stanza ids</b> are fresh (XMPP ids need not be unique, SIP has no single transaction
 *       id): {@code stx-<unique>}. An error bounce carrying such an id is recognised as one for a
 *       message the gateway sent. When the SIP sender asked for an IMDN delivery notification, the
 *       IMDN {@code Message-ID} and {@code DateTime} ride along ({@code stx-<unique>~<b64>~<b64>}),
 *       so the XEP-0184 {@code <received id='…'/>} that comes back, possibly hours later from an
 *       offline store, yields the IMDN notification (RFC 5438 §7.2 needs both).</li>
 *   <li><b>X2S IMDN Message-IDs</b> carry the XMPP stanza id the same way ({@code <unique>.<b64>}),
 *       so a delivery notification from SIP becomes {@code <received id='original-id'/>}.</li>
 * </ul>
 * Encoded parts are base64url without padding (characters a Message-ID token and any XMPP id can
 * carry). Decoded values come from the network and are treated as untrusted text. Pure.
 */
public final class MessageIds {
    /** Prefix of every stanza id the gateway generates for a SIP → XMPP message. */
    public static final String STANZA_PREFIX = "stx-";
    /** The longest XMPP id that is carried inside an IMDN Message-ID (longer ids get no receipt). */
    public static final int MAX_CARRIED_ID = 256;

    private static final char SEP = '~';
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private MessageIds() {
    }

    /** A stanza id for a SIP → XMPP message: {@code stx-<unique>}. */
    public static String stanzaId(String unique) {
        return STANZA_PREFIX + unique;
    }

    /** A stanza id that also carries the IMDN Message-ID and DateTime of the SIP message it translates. */
    public static String stanzaId(String unique, String imdnMessageId, String dateTime) {
        return STANZA_PREFIX + unique + SEP + encode(imdnMessageId) + SEP + encode(dateTime);
    }

    /** Whether {@code id} is one the gateway generated for a SIP → XMPP message. */
    public static boolean isGatewayStanzaId(String id) {
        return id != null && id.startsWith(STANZA_PREFIX);
    }

    /** The part of a gateway stanza id that names the message ({@code stx-<unique>}), without what rides along. */
    public static String correlationKey(String stanzaId) {
        int sep = stanzaId.indexOf(SEP);
        return sep < 0 ? stanzaId : stanzaId.substring(0, sep);
    }

    /** The IMDN reference a gateway stanza id carries, if any. */
    public static Optional<ImdnRef> imdnRefOf(String stanzaId) {
        if (!isGatewayStanzaId(stanzaId)) {
            return Optional.empty();
        }
        int a = stanzaId.indexOf(SEP);
        int b = a < 0 ? -1 : stanzaId.indexOf(SEP, a + 1);
        if (b < 0) {
            return Optional.empty();
        }
        Optional<String> messageId = decode(stanzaId.substring(a + 1, b));
        Optional<String> dateTime = decode(stanzaId.substring(b + 1));
        if (messageId.isEmpty() || messageId.get().isEmpty() || dateTime.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ImdnRef(messageId.get(), dateTime.get()));
    }

    /**
     * An IMDN Message-ID for an XMPP → SIP message that asked for a receipt, carrying its XMPP id;
     * empty when the id is missing or too long to carry (then no notification is asked for).
     *
     * @param unique at least 32 random bits, as RFC 5438 §6.3 asks of a Message-ID
     */
    public static Optional<String> imdnMessageId(String unique, String xmppId) {
        if (xmppId == null || xmppId.isEmpty() || xmppId.length() > MAX_CARRIED_ID) {
            return Optional.empty();
        }
        return Optional.of(unique + "." + encode(xmppId));
    }

    /** The XMPP id an IMDN Message-ID from {@link #imdnMessageId} carries. */
    public static Optional<String> xmppIdOf(String imdnMessageId) {
        int dot = imdnMessageId == null ? -1 : imdnMessageId.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return decode(imdnMessageId.substring(dot + 1)).filter(s -> !s.isEmpty());
    }

    private static String encode(String s) {
        return ENC.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decode(String s) {
        try {
            return Utf8.decodeStrict(DEC.decode(s)).toOptional();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What an IMDN delivery notification needs of the message it reports on.
     *
     * @param messageId the message's {@code imdn.Message-ID}
     * @param dateTime  the message's CPIM {@code DateTime} as received ("" if it had none)
     */
    public record ImdnRef(String messageId, String dateTime) {
    }
}
