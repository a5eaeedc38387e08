package org.stoxgw.sipadapter.msrp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Digest credentials for an MSRP AUTH (RFC 4976 §5.1, digest as RFC 2617/7616 with MD5 and
 * qop=auth; the digest-uri is the relay's URI from the AUTH's To-Path and the method is AUTH).
 * Pure functions except for the client nonce, which comes from {@link SecureRandom}.
 */
final class MsrpDigest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MsrpDigest() {
    }

    /** The parameters of a {@code WWW-Authenticate: Digest ...} value; empty if not Digest. */
    static Optional<Map<String, String>> challenge(String header) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "Digest", 0, 6)) {
            return Optional.empty();
        }
        Map<String, String> out = new HashMap<>();
        int i = 6;
        while (i < h.length()) {
            while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            String value;
            if (j < h.length() && h.charAt(j) == '"') {
                int close = h.indexOf('"', j + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                value = h.substring(j + 1, close);
                i = close + 1;
            } else {
                int comma = h.indexOf(',', j);
                value = (comma < 0 ? h.substring(j) : h.substring(j, comma)).trim();
                i = comma < 0 ? h.length() : comma;
            }
            out.put(name, value);
        }
        return out.containsKey("nonce") && out.containsKey("realm") ? Optional.of(out) : Optional.empty();
    }

    /** The {@code Authorization} value answering {@code challenge}. */
    static String authorization(Map<String, String> challenge, String user, String password, String uri) {
        String realm = challenge.get("realm");
        String nonce = challenge.get("nonce");
        String qop = challenge.getOrDefault("qop", "");
        boolean auth = !qop.isEmpty() && java.util.Arrays.stream(qop.split(",")).map(String::trim).anyMatch("auth"::equals);
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5("AUTH:" + uri);
        String nc = "00000001";
        String cnonce = HexFormat.of().formatHex(randomBytes());
        String response = auth ? md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\", response=\"")
                .append(response).append('"');
        if (challenge.containsKey("opaque")) {
            sb.append(", opaque=\"").append(challenge.get("opaque")).append('"');
        }
        if (auth) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        sb.append(", algorithm=MD5");
        return sb.toString();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
