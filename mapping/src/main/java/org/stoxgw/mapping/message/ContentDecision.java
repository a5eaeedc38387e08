package org.stoxgw.mapping.message;

import java.util.Objects;
import org.stoxgw.mapping.payload.MediaType;

/** What the gateway does with a SIP MESSAGE body of a given Content-Type. */
public sealed interface ContentDecision {

    /** The kinds of payload the gateway translates. */
    enum Kind {
        /** text/plain → {@code <body/>} (IM-17). */
        TEXT_PLAIN,
        /** text/html → XHTML-IM plus plain {@code <body/>} (IM-18/19). */
        TEXT_HTML,
        /** application/im-iscomposing+xml → XEP-0085 chat state (RFC 3994). */
        IS_COMPOSING,
        /** message/imdn+xml → XEP-0184 receipt (RFC 5438). */
        IMDN
    }

    /** Translate the payload as {@code kind}. */
    record Translate(Kind kind, MediaType type) implements ContentDecision {
        public Translate {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(type, "type");
        }
    }

    /** message/cpim: unwrap, then decide again for the inner content (RFC 3862). */
    record Unwrap(MediaType type) implements ContentDecision {
        public Unwrap {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Refuse: answer 415 Unsupported Media Type with this Accept header (RFC 3261 §21.4.13).
     *
     * @param accept the Accept header value
     * @param reason why, for the log
     */
    record Refuse(String accept, String reason) implements ContentDecision {
        public static final int STATUS = 415;

        public Refuse {
            Objects.requireNonNull(accept, "accept");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
