package org.stoxgw.mapping.jingle;

import java.util.Locale;

/** XML names of enum constants: {@code SESSION_INITIATE} ↔ {@code session-initiate}. Pure. */
final class XmlNames {
    private XmlNames() {
    }

    /** The XML name of {@code e}: lower case, {@code _} as {@code -}. */
    static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code values} whose XML name is {@code s}, or null. */
    static <E extends Enum<E>> E find(E[] values, String s) {
        if (s == null) {
            return null;
        }
        for (E e : values) {
            if (of(e).equals(s)) {
                return e;
            }
        }
        return null;
    }
}
