package org.stoxgw.mapping.message;

import java.util.StringJoiner;

/**
 * Which payloads the gateway translates beyond {@code text/plain} (which it always accepts,
 * MSG-05). Built by the wiring from configuration. IMDN notifications travel inside CPIM
 * (RFC 5438 §7.1.1), so enabling {@code imdn} also enables {@code cpim}.
 *
 * @param html        text/html → XHTML-IM plus plain body (IM-18/19)
 * @param cpim        message/cpim unwrapped (RFC 3862)
 * @param isComposing application/im-iscomposing+xml ↔ XEP-0085 chat states (RFC 3994)
 * @param imdn        message/imdn+xml delivery notifications ↔ XEP-0184 receipts (RFC 5438)
 */
public record ContentPolicy(boolean html, boolean cpim, boolean isComposing, boolean imdn) {

    /** Everything on. */
    public static final ContentPolicy ALL = new ContentPolicy(true, true, true, true);

    /** Only what RFC 7572 and RFC 3428 require: text/plain. */
    public static final ContentPolicy TEXT_ONLY = new ContentPolicy(false, false, false, false);

    public ContentPolicy {
        cpim = cpim || imdn;
    }

    /** The Accept header value for a 415 answer: the types this policy accepts. */
    public String acceptHeader() {
        StringJoiner j = new StringJoiner(", ");
        j.add(MediaTypes.TEXT_PLAIN);
        if (html) {
            j.add(MediaTypes.TEXT_HTML);
        }
        if (cpim) {
            j.add(MediaTypes.CPIM);
        }
        if (isComposing) {
            j.add(MediaTypes.IS_COMPOSING);
        }
        if (imdn) {
            j.add(MediaTypes.IMDN);
        }
        return j.toString();
    }
}
