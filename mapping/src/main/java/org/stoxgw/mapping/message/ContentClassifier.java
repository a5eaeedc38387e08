package org.stoxgw.mapping.message;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Optional;
import org.stoxgw.mapping.payload.MediaType;

/**
 * Decides, from a Content-Type and the {@link ContentPolicy}, whether a MESSAGE body is
 * translated, unwrapped (CPIM) or refused with 415 and the Accept list. {@code text/plain} is
 * always accepted (MSG-05, IM-17). A body without Content-Type is taken as text/plain
 * (RFC 2045 §5.2 default). A text type with a charset the JVM does not know is refused.
 */
public final class ContentClassifier {

    private ContentClassifier() {
    }

    public static ContentDecision classify(String contentType, ContentPolicy policy) {
        if (contentType == null || contentType.isBlank()) {
            return new ContentDecision.Translate(ContentDecision.Kind.TEXT_PLAIN,
                    MediaType.parse(MediaTypes.TEXT_PLAIN).orElseThrow());
        }
        Optional<MediaType> parsed = MediaType.parse(contentType);
        if (parsed.isEmpty()) {
            return refuse(policy, "unparseable Content-Type: " + excerpt(contentType));
        }
        MediaType t = parsed.get();
        if (t.type().equals("text")) {
            Optional<String> charset = t.parameter("charset");
            if (charset.isPresent() && !charsetSupported(charset.get())) {
                return refuse(policy, "unsupported charset: " + excerpt(charset.get()));
            }
        }
        if (t.is(MediaTypes.TEXT_PLAIN)) {
            return new ContentDecision.Translate(ContentDecision.Kind.TEXT_PLAIN, t);
        }
        if (t.is(MediaTypes.TEXT_HTML) && policy.html()) {
            return new ContentDecision.Translate(ContentDecision.Kind.TEXT_HTML, t);
        }
        if (t.is(MediaTypes.CPIM) && policy.cpim()) {
            return new ContentDecision.Unwrap(t);
        }
        if (t.is(MediaTypes.IS_COMPOSING) && policy.isComposing()) {
            return new ContentDecision.Translate(ContentDecision.Kind.IS_COMPOSING, t);
        }
        if (t.is(MediaTypes.IMDN) && policy.imdn()) {
            return new ContentDecision.Translate(ContentDecision.Kind.IMDN, t);
        }
        return refuse(policy, "unsupported Content-Type: " + t.essence());
    }

    private static ContentDecision.Refuse refuse(ContentPolicy policy, String reason) {
        return new ContentDecision.Refuse(policy.acceptHeader(), reason);
    }

    private static boolean charsetSupported(String name) {
        try {
            return Charset.isSupported(name.trim());
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    static String excerpt(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
