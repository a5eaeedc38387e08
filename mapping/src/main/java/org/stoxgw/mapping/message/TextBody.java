package org.stoxgw.mapping.message;

import java.util.Objects;

/**
 * A message text with its language.
 *
 * @param text the text, exactly as carried (line ends untouched, AMB-M12)
 * @param lang the language tag ({@code xml:lang} / Content-Language), "" if none
 */
public record TextBody(String text, String lang) {
    public TextBody {
        Objects.requireNonNull(text, "text");
        lang = lang == null ? "" : lang;
    }
}
