package org.stoxgw.mapping.presence;

import java.util.List;
import java.util.Objects;

/**
 * A dialog event package notification ({@code application/dialog-info+xml}, RFC 4235 §4), reduced
 * to what phone presence needs.
 *
 * @param version the document version (RFC 4235 §4.1.1: increases by one per notification)
 * @param full    {@code state='full'} (complete list) rather than {@code partial} (changes only)
 * @param entity  the observed user's URI, "" if absent
 * @param dialogs the dialogs listed, in document order
 */
public record DialogInfo(long version, boolean full, String entity, List<Dialog> dialogs) {

    public DialogInfo {
        Objects.requireNonNull(entity, "entity");
        dialogs = List.copyOf(dialogs);
    }

    /** One {@code <dialog>} element. */
    public record Dialog(String id, State state, String direction) {
        public Dialog {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(state, "state");
            direction = direction == null ? "" : direction;
        }
    }

    /** The dialog states of RFC 4235 §3.7.1. */
    public enum State {
        TRYING, PROCEEDING, EARLY, CONFIRMED, TERMINATED;

        /** The value for a {@code <state>} text, or null if unknown. */
        static State fromToken(String text) {
            return switch (text.trim()) {
                case "trying" -> TRYING;
                case "proceeding" -> PROCEEDING;
                case "early" -> EARLY;
                case "confirmed" -> CONFIRMED;
                case "terminated" -> TERMINATED;
                default -> null;
            };
        }
    }
}
