package org.stoxgw.sipadapter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stoxgw.config.ConfigReader;

/**
 * What the gateway accepts on the SIP side: methods, body types per method and event packages.
 * OPTIONS answers advertise them (Allow, Accept, Allow-Events); requests outside them get
 * 405/501, 415 and 489.
 *
 * @param methods       accepted methods, upper case
 * @param acceptByMethod accepted media types (lower case, no parameters) per method; empty = no body
 * @param eventPackages accepted event packages (RFC 6665), lower case
 */
public record SipCapabilities(Set<String> methods, Map<String, List<String>> acceptByMethod, Set<String> eventPackages) {

    /** The methods the adapter knows how to hand to the core; the config may only narrow them. */
    public static final Set<String> HANDLED = Set.of("MESSAGE", "SUBSCRIBE", "NOTIFY", "OPTIONS",
            "INVITE", "ACK", "CANCEL", "BYE", "PRACK", "UPDATE", "INFO");

    /** The methods of INVITE dialogs: accepted only when the adapter has an INVITE layer. */
    public static final Set<String> INVITE_METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "PRACK", "UPDATE", "INFO");

    /** Methods of RFC 3261 and its extensions the adapter recognises (405, not 501, when not accepted). */
    public static final Set<String> KNOWN = Set.of("INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO",
            "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    public SipCapabilities {
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
        Map<String, List<String>> a = new LinkedHashMap<>();
        acceptByMethod.forEach((k, v) -> a.put(k, List.copyOf(v)));
        acceptByMethod = Collections.unmodifiableMap(a);
        eventPackages = Collections.unmodifiableSet(new LinkedHashSet<>(eventPackages));
    }

    /** These capabilities without the INVITE dialog methods (an adapter without an INVITE layer). */
    public SipCapabilities withoutInvites() {
        Set<String> m = new LinkedHashSet<>(methods);
        m.removeAll(INVITE_METHODS);
        return new SipCapabilities(m, acceptByMethod, eventPackages);
    }

    /** The media types accepted in a body of {@code method} (empty: no body). */
    public List<String> accepted(String method) {
        return acceptByMethod.getOrDefault(method, List.of());
    }

    static SipCapabilities read(ConfigReader sip) {
        Set<String> methods = new LinkedHashSet<>();
        for (String m : sip.strings("methods")) {
            String u = m.toUpperCase(Locale.ROOT);
            if (!HANDLED.contains(u)) {
                sip.problem("methods", "\"" + m + "\" cannot be accepted yet; possible: " + HANDLED);
            } else {
                methods.add(u);
            }
        }
        ConfigReader accept = sip.section("accept");
        Map<String, List<String>> byMethod = new LinkedHashMap<>();
        for (String m : List.of("MESSAGE", "NOTIFY", "SUBSCRIBE", "OPTIONS", "INVITE", "ACK", "PRACK", "UPDATE",
                "INFO", "BYE", "CANCEL")) {
            List<String> types = accept.strings(m.toLowerCase(Locale.ROOT)).stream()
                    .map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
            for (String t : types) {
                if (!t.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
                    accept.problem(m.toLowerCase(Locale.ROOT), "\"" + t + "\" is not a media type (type/subtype)");
                }
            }
            byMethod.put(m, types);
        }
        Set<String> events = new LinkedHashSet<>();
        sip.strings("event-packages").forEach(e -> events.add(e.trim().toLowerCase(Locale.ROOT)));
        return new SipCapabilities(methods, byMethod, events);
    }
}
