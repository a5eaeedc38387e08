package org.stoxgw.mapping.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Jingle sid ↔ SIP Call-ID (table §2.1, AMB-V07) and the loop checks built on it (MEDIA-25, V11).
 * <ul>
 *   <li>J2S: the INVITE's Call-ID is {@code <sid>@<gateway host>} when the sid is a Call-ID word
 *       (RFC 3261 §25.1), else {@code j-<sha-256 of the sid, 32 hex>@<host>}: stable per session.</li>
 *   <li>S2J: the sid the gateway makes is {@code sip-<sha-256 of Call-ID + From tag, 32 hex>} (an XML Nmtoken,
 *       JNG-07), so one dialog always gives one sid.</li>
 *   <li>A request with a Call-ID ending in {@code @<gateway host>} that starts a dialog, or a session-initiate
 *       whose sid starts with {@code sip-} and is the gateway's own, came back around: 482 / {@code <conflict/>}.</li>
 * </ul>
 * Simultaneous session-initiates (JNG-11): the lower sid (i;octet) wins ({@link #winsTieBreak}).
 * CUSAX (RFC 7081 §3.5, V13): {@link #callInfo} gives the optional Call-Info hint. Pure.
 */
public final class CallCorrelation {
    private CallCorrelation() {
    }

    /** The Call-ID of the INVITE for Jingle session {@code sid}. */
    public static String callId(String sid, String gatewayHost) {
        String local = isWord(sid) && sid.length() <= 96 ? sid : "j-" + hash(sid);
        return local + "@" + gatewayHost;
    }

    /** The sid of the Jingle session for SIP dialog ({@code callId}, {@code fromTag}). */
    public static String sid(String callId, String fromTag) {
        return "sip-" + hash(callId + "\n" + fromTag);
    }

    /** Whether {@code callId} is one the gateway generated for a Jingle session (V11: reject 482). */
    public static boolean isOwn(String callId, String gatewayHost) {
        return callId.endsWith("@" + gatewayHost);
    }

    /** Whether {@code sid} is one the gateway generated for a SIP dialog (V11: reject {@code <conflict/>}). */
    public static boolean isOwnSid(String sid) {
        return sid.startsWith("sip-") && sid.length() == 36;
    }

    /** Whether session {@code mine} wins against a simultaneous {@code theirs}: the lower sid in octet order (JNG-11). */
    public static boolean winsTieBreak(String mine, String theirs) {
        byte[] a = mine.getBytes(StandardCharsets.UTF_8);
        byte[] b = theirs.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(a, b) < 0;
    }

    /** The CUSAX caller hint header value for the Jingle caller's bare JID (RFC 7081 §3.5, V13). */
    public static String callInfo(String bareJid) {
        return "<xmpp:" + bareJid + ">;purpose=impp";
    }

    private static String hash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** RFC 3261 §25.1 {@code word} characters only. */
    private static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~()<>:\\\"/[]?{}".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
