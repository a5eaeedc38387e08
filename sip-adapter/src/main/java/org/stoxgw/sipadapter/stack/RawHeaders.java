package org.stoxgw.sipadapter.stack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stoxgw.mapping.sip.SipHeaders;

/**
 * The start line and header fields of a message as raw text, for messages the SIP parser rejected:
 * enough to answer a malformed request with a 400 that echoes what can be echoed. Continuation
 * lines are joined (RFC 3261 section 7.3.1), compact names expanded; nothing else is checked.
 *
 * @param firstLine the start line, trimmed
 * @param fields    header fields in order, names in long form
 */
record RawHeaders(String firstLine, List<SipHeaders.Field> fields) {

    /** Splits the header section of {@code bytes} (stops at the first empty line). */
    static RawHeaders parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        String first = i < lines.length ? lines[i].trim() : "";
        List<String> joined = new ArrayList<>();
        for (i++; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !joined.isEmpty()) {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + " " + line.trim());
            } else {
                joined.add(line);
            }
        }
        List<SipHeaders.Field> fields = new ArrayList<>();
        for (String line : joined) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = SipHeaders.canonicalName(line.substring(0, colon).trim());
                fields.add(new SipHeaders.Field(name, line.substring(colon + 1).trim()));
            }
        }
        return new RawHeaders(first, fields);
    }

    boolean isResponse() {
        return firstLine.startsWith("SIP/");
    }

    /** The method of a request line, upper case ("" if there is none). */
    String method() {
        int sp = firstLine.indexOf(' ');
        return sp > 0 ? firstLine.substring(0, sp).toUpperCase(Locale.ROOT) : firstLine.toUpperCase(Locale.ROOT);
    }

    Optional<String> first(String name) {
        for (SipHeaders.Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (SipHeaders.Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /** Content-Length as given: empty if absent, -1 if not a number. */
    Optional<Integer> contentLength() {
        return first("Content-Length").map(v -> {
            try {
                int n = Integer.parseInt(v.trim());
                return n < 0 ? -1 : n;
            } catch (NumberFormatException e) {
                return -1;
            }
        });
    }
}
