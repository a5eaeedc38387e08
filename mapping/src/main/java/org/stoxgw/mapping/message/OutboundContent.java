package org.stoxgw.mapping.message;

import java.util.Objects;
import org.jivesoftware.smackx.chatstates.ChatState;

/** What an XMPP {@code <message/>} becomes towards SIP (X2S), from {@link XmppToSipContent#classify}. */
public sealed interface OutboundContent {

    /**
     * A SIP MESSAGE with text.
     *
     * @param body             the chosen body and its language (→ Content-Language, IM-21, AMB-M11)
     * @param otherLanguages   bodies in other languages that a single text/plain body cannot carry
     * @param receiptRequested the stanza asked for a XEP-0184 receipt
     */
    record Text(TextBody body, int otherLanguages, boolean receiptRequested) implements OutboundContent {
        public Text {
            Objects.requireNonNull(body, "body");
        }

        /** Body size in bytes, for the size policy (IM-15 / MSG-01 apply to the whole request). */
        public int byteLength() {
            return org.stoxgw.mapping.payload.Utf8.byteLength(body.text());
        }
    }

    /** A body-less typing notification (→ isComposing MESSAGE). */
    record Composing(ChatState state) implements OutboundContent {
        public Composing {
            Objects.requireNonNull(state, "state");
        }
    }

    /** A body-less XEP-0184 receipt for the XMPP message {@code receivedId} (→ IMDN). */
    record Receipt(String receivedId) implements OutboundContent {
        public Receipt {
            Objects.requireNonNull(receivedId, "receivedId");
        }
    }

    /** Nothing to send to SIP (AMB-M10); {@code reason} is for the log and counters. */
    record Nothing(String reason) implements OutboundContent {
        public Nothing {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
