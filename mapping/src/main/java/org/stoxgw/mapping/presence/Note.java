package org.stoxgw.mapping.presence;

import java.util.Objects;

/**
 * A PIDF {@code <note>} / XMPP {@code <status/>} text with its language.
 *
 * @param text the text as written
 * @param lang the {@code xml:lang} tag, "" if none
 */
public record Note(String text, String lang) {
    public Note {
        Objects.requireNonNull(text, "text");
        lang = lang == null ? "" : lang;
    }
}
