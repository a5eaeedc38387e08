package org.stoxgw.mapping.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.stoxgw.mapping.payload.MediaType;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.Utf8;
import org.stoxgw.mapping.payload.XmlWriter;

/**
 * Text of SIP bodies and the Content-Language ↔ {@code xml:lang} rule (IM-17, IM-21).
 * <ul>
 *   <li>Bytes are decoded strictly with the charset parameter, UTF-8 when absent (RFC 7572 §8);
 *       undecodable bytes refuse the body rather than being silently replaced.</li>
 *   <li>Line ends are kept exactly (AMB-M12): CRLF stays CRLF, LF stays LF, both ways.</li>
 *   <li>Characters XML cannot carry (C0 controls other than TAB/CR/LF) become U+FFFD, because one
 *       such character would make the receiving XMPP server close the S2S stream.</li>
 * </ul>
 */
public final class TextContent {

    private TextContent() {
    }

    /** The text of a text/* body. */
    public static ParseResult<String> decode(byte[] body, MediaType type) {
        String charset = type.parameter("charset").map(String::trim).orElse("UTF-8");
        ParseResult<String> text;
        if (charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("utf8")) {
            text = Utf8.decodeStrict(body);
        } else {
            text = decodeStrict(body, charset);
        }
        return text.map(XmlWriter::xmlSafe);
    }

    /**
     * The language tag for {@code xml:lang} from a Content-Language value (RFC 3261 §20.13 allows a
     * list; the first tag is used): "" if absent or not a well-formed language tag (RFC 5646
     * shape: alphanumeric subtags of 1–8 characters joined by '-').
     */
    public static String language(String contentLanguage) {
        if (contentLanguage == null) {
            return "";
        }
        String first = contentLanguage;
        int comma = first.indexOf(',');
        if (comma >= 0) {
            first = first.substring(0, comma);
        }
        first = first.trim();
        return isLanguageTag(first) ? first : "";
    }

    static boolean isLanguageTag(String tag) {
        if (tag.isEmpty() || tag.length() > 64) {
            return false;
        }
        int run = 0;
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == '-') {
                if (run == 0) {
                    return false;
                }
                run = 0;
            } else if (c < 0x80 && Character.isLetterOrDigit(c)) {
                if (++run > 8) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return run > 0 && Character.isLetter(tag.charAt(0));
    }

    private static ParseResult<String> decodeStrict(byte[] body, String charsetName) {
        Charset cs;
        try {
            cs = Charset.forName(charsetName);
        } catch (RuntimeException e) {
            return ParseResult.refused(ParseProblem.UNSUPPORTED, "unsupported charset: " + charsetName);
        }
        if (cs.equals(StandardCharsets.UTF_8)) {
            return Utf8.decodeStrict(body);
        }
        try {
            return ParseResult.ok(cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return ParseResult.refused(ParseProblem.MALFORMED,
                    "body is not valid " + cs.name().toLowerCase(Locale.ROOT));
        }
    }
}
